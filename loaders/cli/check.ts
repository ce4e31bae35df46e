// `panorama editions check`: a dry run over one edition file (read, normalize, report; nothing written).
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { DEFAULT_TIMEOUT_MS, download, DownloadError } from "../sources/acquire.js";
import type { Io } from "./main.js";
import { httpOptions } from "./discover.js";
import { findEdition, isEditionId, loadCatalogue, LOCAL_CATALOGUE_FILE, sourceUrls, type Edition, type SourceRef } from "../sources/catalogue.js";
import { PanoramaError } from "../errors.js";
import { HEADER_ALIASES, matchHeader, type HeaderField } from "../normalize/headers.js";
import { normalizeSheet } from "../normalize/sheet.js";
import { checkPageEdition, projectSheet, sourceFile, type SourceFile } from "../build/pipeline.js";
import type { AnomalyRow, HeadlineFigures, SourceFormat, SourceKind } from "../schema.js";

/** The bytes of a file given on the command line, and where they came from. */
export interface InputFile {
  bytes: Buffer;
  /** file name (local path's base name, or the URL's last path segment) */
  file: string;
  /** the URL it was downloaded from, null for a local file */
  url: string | null;
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Reads a local file, or downloads a URL (https through the allow-list; http only on loopback). */
export async function readFileOrUrl(input: string, env: NodeJS.ProcessEnv, cwd: string): Promise<InputFile> {
  if (isUrl(input)) {
    const opts = httpOptions(input, env, cwd, { timeoutMs: DEFAULT_TIMEOUT_MS });
    try {
      const bytes = await download(input, opts);
      const last = new URL(input).pathname.split("/").filter(Boolean).pop();
      return { bytes, file: last ? safeDecode(last) : "download", url: input };
    } catch (err) {
      if (!(err instanceof DownloadError)) throw err;
      throw new PanoramaError(`cannot download ${input}: ${err.message}.`, {}, "Check the address and the network (PANORAMA_ALLOWED_HOSTS lists the hosts allowed).", { cause: err });
    }
  }
  try {
    return { bytes: await readFile(input.startsWith("/") ? input : `${cwd}/${input}`), file: basename(input), url: null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder, not a file" : (err as Error).message;
    throw new PanoramaError(`cannot read the file: ${what}.`, { file: input }, "Check the path.");
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const DATA_GOUV_RESOURCE = /^https:\/\/(?:www\.)?data\.gouv\.fr\/(?:fr\/datasets\/r|api\/1\/datasets\/r)\/([0-9a-f-]{36})\/?$/i;

/** The data.gouv.fr resource id of a download address (both documented forms), or null. */
export function dataGouvResourceId(url: string): string | null {
  return DATA_GOUV_RESOURCE.exec(url)?.[1]?.toLowerCase() ?? null;
}

export interface CataloguedSource {
  edition: Edition;
  source: SourceRef;
}

/** The catalogue source that this file is: same sha256, or same address when the catalogue records no sha256. */
export function findCataloguedSource(catalogue: readonly Edition[], sha256: string, url: string | null): CataloguedSource | null {
  const resource = url ? dataGouvResourceId(url) : null;
  for (const edition of catalogue) {
    for (const source of edition.sources) {
      if (source.sha256 === sha256) return { edition, source };
      const sameAddress = url !== null && (sourceUrls(source).includes(url) || (resource !== null && source.upstreamId.toLowerCase() === resource));
      if (source.sha256 === null && sameAddress) return { edition, source };
    }
  }
  return null;
}

/** The output columns each source field feeds (loaders/schema.ts). */
export const FIELD_COLUMNS: Readonly<Record<HeaderField, string>> = {
  name: "name",
  ministry_published: "ministry_published, ministry",
  ministry_short: "ministry (acronym, used when there is no full name)",
  interministerial: "interministerial",
  description: "description",
  more_info_url: "more_info_url",
  start: "start_date",
  duration: "duration_years",
  phase: "phase, figures_withheld",
  cost: "cost_meur",
  cost_band: "(read, not output: cost band)",
  functional_zone: "functional_zone",
  financing: "financing",
  pap_url: "pap_url",
  published_on: "editions.published_on",
};

// Fields every edition published so far has; dashboards carry the links inside other cells.
const EXPECTED_FIELDS: readonly HeaderField[] = [
  "interministerial", "description", "start", "duration", "phase", "cost", "functional_zone", "financing",
];

export interface MappedColumn {
  /** 1-based column number */
  column: number;
  source: string;
  field: HeaderField | null;
  /** output columns fed, null for an unused column */
  output: string | null;
  /** for an unused column, the nearest known header */
  closest: string | null;
}

export interface CheckTotals {
  projects: number;
  interministerial: number;
  costMeur: number;
  withCost: number;
  meanDurationYears: number | null;
  withDuration: number;
}

export type EditionOrigin = "page" | "option" | "publication date";

export interface CheckReport {
  file: string;
  url: string | null;
  sha256: string;
  bytes: number;
  format: SourceFormat;
  kind: SourceKind;
  sheet: string | null;
  /** The edition the file states (page), the one given (--edition), or a guess from "Date de publication". */
  edition: string | null;
  editionFrom: EditionOrigin | null;
  headerRow: number;
  mapping: MappedColumn[];
  /** expected fields with no column */
  missing: HeaderField[];
  totals: CheckTotals;
  /** headline figures stated by a dashboard page */
  headline: HeadlineFigures | null;
  anomalies: AnomalyRow[];
  warnings: string[];
}

/** Reads and normalizes one source file without writing anything; throws a PanoramaError when it cannot be used. */
export function checkSource(source: SourceFile, editionOption: string | null, bytes: number): CheckReport {
  if (editionOption !== null && !isEditionId(editionOption)) {
    throw new PanoramaError(`"${editionOption}" is not an edition id.`, {}, "Use the form YYYY-MM, e.g. --edition 2021-11.");
  }
  const page = source.read.page;
  const stated = page ? checkPageEdition(page, source.file, editionOption) : editionOption;
  const sheet = projectSheet(source.read);
  if (!sheet) throw new PanoramaError("the file holds no table.", { file: source.file }, "Check that it is a Panorama edition file.");
  const kind: SourceKind = page ? "dashboard" : "spreadsheet";
  // Without an edition the rows are labelled "" (they are only counted here).
  const normalized = normalizeSheet(sheet, { edition: stated ?? "", sourceKind: kind, file: source.file });
  const projects = normalized.projects;
  if (projects.length === 0) {
    throw new PanoramaError("the project table has a header but no project rows.", { edition: stated, file: source.file },
      "Check the file: an edition lists dozens of projects.");
  }
  const guessed = normalized.publishedOn?.slice(0, 7) ?? null;
  const edition = stated ?? guessed;
  const editionFrom: EditionOrigin | null = stated ? (page?.edition ? "page" : "option") : guessed ? "publication date" : null;
  const mapped = new Set(normalized.mapping.map((m) => m.field));
  const costs = projects.map((p) => p.cost_meur).filter((c): c is number => c !== null);
  const durations = projects.map((p) => p.duration_years).filter((d): d is number => d !== null);
  return {
    file: source.file,
    url: source.url,
    sha256: source.sha256,
    bytes,
    format: source.read.format,
    kind,
    sheet: sheet.sheetName,
    edition,
    editionFrom,
    headerRow: normalized.headerRow,
    mapping: normalized.mapping.map((m) => ({
      column: m.index + 1,
      source: m.source,
      field: m.field,
      output: m.field ? FIELD_COLUMNS[m.field] : null,
      closest: m.field ? null : m.closest,
    })),
    missing: EXPECTED_FIELDS.filter((f) => !mapped.has(f)),
    totals: {
      projects: projects.length,
      interministerial: projects.filter((p) => p.interministerial === true).length,
      costMeur: costs.reduce((a, b) => a + b, 0),
      withCost: costs.length,
      meanDurationYears: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null,
      withDuration: durations.length,
    },
    headline: page ? page.headline : null,
    anomalies: normalized.anomalies,
    warnings: [...source.read.warnings, ...normalized.warnings],
  };
}

export async function checkInput(input: InputFile, editionOption: string | null): Promise<CheckReport> {
  return checkSource(sourceFile(input.bytes, input.file, input.url), editionOption, input.bytes.length);
}

const num = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, useGrouping: false });
const num2 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, useGrouping: false });
const quote = (s: string) => JSON.stringify(s);
const MAX_ANOMALY_LINES = 100;

function headlineText(h: HeadlineFigures): string | null {
  const parts = [
    h.official_projects !== null ? `${h.official_projects} projects` : null,
    h.official_interministerial !== null ? `${h.official_interministerial} interministerial` : null,
    h.official_cost_beur !== null ? `total cost ${num2.format(h.official_cost_beur)} bn€` : null,
    h.official_duration_years !== null ? `mean duration ${num.format(h.official_duration_years)} years` : null,
    h.official_schedule_gap !== null ? `schedule gap ${num.format(h.official_schedule_gap * 100)} %` : null,
    h.official_budget_gap !== null ? `budget gap ${num.format(h.official_budget_gap * 100)} %` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

const EDITION_FROM: Record<EditionOrigin, string> = {
  page: "stated by the page",
  option: "from --edition",
  "publication date": "guessed from the column \"Date de publication\": confirm it with --edition",
};

/** What the catalogue already has for a checked file. */
export interface CatalogueContext {
  /** the catalogue source whose sha256 (or address) this file is */
  source: CataloguedSource | null;
  /** the edition the file states or is given, when the catalogue has it */
  edition: { edition: Edition; local: boolean } | null;
}

/** The catalogue entries a checked file collides with. */
export function catalogueContext(root: string, report: CheckReport): CatalogueContext {
  const catalogue = loadCatalogue(root);
  const source = findCataloguedSource(catalogue, report.sha256, report.url);
  const id = report.editionFrom === "page" || report.editionFrom === "option" ? report.edition : null;
  const found = id ? findEdition(id, catalogue) : undefined;
  const builtIn = id ? findEdition(id) : undefined;
  const local = found !== undefined && (builtIn === undefined || JSON.stringify(builtIn) !== JSON.stringify(found));
  return { source, edition: found ? { edition: found, local } : null };
}

/** The report as printed by `panorama editions check`. */
export function checkLines(r: CheckReport, context: CatalogueContext = { source: null, edition: null }): string[] {
  const lines: string[] = [];
  lines.push(`file       ${r.url ?? r.file} (${r.format}${r.sheet ? `, sheet ${quote(r.sheet)}` : ""}, ${r.bytes} bytes, sha256 ${r.sha256})`);
  lines.push(`edition    ${r.edition ? `${r.edition} (${EDITION_FROM[r.editionFrom!]})` : "not stated by the file: give it with --edition YYYY-MM"}`);
  const known = context.source;
  if (known) {
    lines.push(`           this file is the catalogued ${known.source.kind} (${known.source.format}) of edition ${known.edition.id}: add only puts it in the cache`);
  } else if (context.edition) {
    lines.push(`           edition ${context.edition.edition.id} is already in the catalogue (${context.edition.local ? LOCAL_CATALOGUE_FILE : "built-in, loaders/editions.ts"}): adding this file needs --replace`);
  }
  const width = Math.min(48, Math.max(...r.mapping.map((m) => quote(m.source).length)));
  const where = r.headerRow >= 1 ? `row ${r.headerRow}, ` : "";
  lines.push(`header     ${where}${r.mapping.length} columns (source column → output column):`);
  for (const m of r.mapping) {
    const target = m.output ?? `not used${m.closest ? ` (closest known header: ${quote(m.closest)})` : ""}`;
    lines.push(`  ${String(m.column).padStart(2)}. ${quote(m.source).padEnd(width)} → ${target}`);
  }
  const unused = r.mapping.filter((m) => m.field === null);
  if (unused.length || r.missing.length) {
    lines.push("           An unused column that holds a known field needs one entry in HEADER_ALIASES (loaders/headers.ts), e.g.:");
    for (const m of unused) {
      const field = m.closest ? matchHeader(m.closest) : null;
      if (field) lines.push(`             if ${quote(m.source)} holds ${FIELD_COLUMNS[field]}: add ${quote(m.source)} to HEADER_ALIASES.${field}`);
    }
  }
  for (const f of r.missing) {
    lines.push(`missing    no column for ${FIELD_COLUMNS[f]} (known headers: ${HEADER_ALIASES[f].slice(0, 3).map(quote).join(", ")}…): the column stays empty`);
  }
  const t = r.totals;
  lines.push(`rows       ${t.projects} project${t.projects === 1 ? "" : "s"}`);
  lines.push(
    `totals     ${t.interministerial} interministerial, total cost ${num.format(t.costMeur)} M€ (${t.withCost} of ${t.projects} with a cost), ` +
      `mean duration ${t.meanDurationYears === null ? "?" : `${num.format(t.meanDurationYears)} years`} (${t.withDuration} with a duration)`,
  );
  const stated = r.headline ? headlineText(r.headline) : null;
  if (stated) lines.push(`page says  ${stated}`);
  lines.push(`anomalies  ${r.anomalies.length}${r.anomalies.length ? " (values left empty in the tables):" : ""}`);
  for (const a of r.anomalies.slice(0, MAX_ANOMALY_LINES)) {
    lines.push(`  row ${a.source_row ?? "?"}, ${a.column ? quote(a.column) : "?"}: ${a.value === null ? "(empty)" : quote(a.value)}: ${a.problem}`);
  }
  if (r.anomalies.length > MAX_ANOMALY_LINES) lines.push(`  … and ${r.anomalies.length - MAX_ANOMALY_LINES} more`);
  // Unknown columns are in the mapping above.
  for (const w of r.warnings.filter((w) => !w.startsWith("unknown column "))) lines.push(`warning    ${w}`);
  const edition = r.editionFrom === "page" || known ? "" : ` --edition ${r.edition ?? "YYYY-MM"}`;
  const replace = !known && context.edition ? " --replace" : "";
  lines.push(`result     usable: panorama editions add ${r.url ?? r.file}${edition}${replace}`);
  return lines;
}

export async function runCheck(input: string, edition: string | null, io: Io): Promise<number> {
  const report = await checkInput(await readFileOrUrl(input, io.env, io.cwd), edition);
  const display = { ...report, file: input };
  for (const line of checkLines(isUrl(input) ? report : display, catalogueContext(io.cwd, report))) io.out(line);
  return 0;
}
