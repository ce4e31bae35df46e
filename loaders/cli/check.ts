// `panorama editions check`: a dry run over one edition file (read, normalize, report; nothing written).
import { defaultAcquireOptions, LOCAL_CATALOGUE_FILE, isUrl, loadCatalogue, readFileOrUrl } from "../sources/index.js";
import { HEADER_ALIASES, matchHeader } from "../normalize/index.js";
import {
  catalogueContext,
  checkSource,
  compareWithCatalogue,
  diffSummary,
  FIELD_COLUMNS,
  sourceFile,
  type CatalogueComparison,
  type CatalogueContext,
  type CheckReport,
  type EditionOrigin,
} from "../build/index.js";
import { diffLines } from "./diff.js";
import type { HeadlineFigures } from "../schema.js";
import type { Io } from "./io.js";

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
  "publication date": 'guessed from the column "Date de publication": confirm it with --edition',
};

/** The report as printed by `panorama editions check`. */
export function checkLines(r: CheckReport, context: CatalogueContext = { source: null, edition: null }): string[] {
  const lines: string[] = [];
  lines.push(`file       ${r.url ?? r.file} (${r.format}${r.sheet ? `, sheet ${quote(r.sheet)}` : ""}, ${r.bytes} bytes, sha256 ${r.sha256})`);
  lines.push(`edition    ${r.edition ? `${r.edition} (${EDITION_FROM[r.editionFrom!]})` : "not stated by the file: give it with --edition YYYY-MM"}`);
  const known = context.source;
  if (known) {
    lines.push(
      `           this file is the catalogued ${known.source.kind} (${known.source.format}) of edition ${known.edition.id}: add only puts it in the cache`,
    );
  } else if (context.edition) {
    lines.push(
      `           edition ${context.edition.edition.id} is already in the catalogue (${context.edition.local ? LOCAL_CATALOGUE_FILE : "built-in, loaders/sources/catalogue.ts"}): adding this file needs --replace`,
    );
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
    lines.push("           An unused column that holds a known field needs one entry in HEADER_ALIASES (loaders/normalize/headers.ts), e.g.:");
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

/** How the file compares with the catalogued file of its edition, as printed. */
export function comparisonLines(c: CatalogueComparison | null): string[] {
  if (c === null) return [];
  const what = `the catalogued ${c.kind} of edition ${c.edition}`;
  if (c.identical) return [`catalogue  identical to ${what} (sha256 ${c.sha256})`];
  const shas = `sha256 ${c.sha256} here, ${c.catalogued_sha256 ?? "unknown"} catalogued`;
  if (c.diff === null) {
    const verdict = c.identical === null ? `cannot tell whether it differs from ${what}` : `differs from ${what}`;
    return [`catalogue  ${verdict} (${shas}); the rows were not compared: the catalogued file cannot be had.`];
  }
  // The changes as diff lists them, without its file and summary lines.
  return [`catalogue  differs from ${what} (${shas}): ${diffSummary(c.diff)}`, ...diffLines(c.diff).slice(4)];
}

export async function runCheck(input: string, edition: string | null, json: boolean, io: Io): Promise<number> {
  const file = await readFileOrUrl(input, io.env, io.cwd);
  const source = sourceFile(file.bytes, file.file, file.url);
  const report = checkSource(source, edition, file.bytes.length);
  const comparison = await compareWithCatalogue(source, report, loadCatalogue(io.cwd), defaultAcquireOptions(io.env, io.cwd));
  if (json) {
    io.out(JSON.stringify({ ...report, file: isUrl(input) ? report.file : input, catalogue: comparison }, null, 2));
    return 0;
  }
  const display = { ...report, file: input };
  const lines = checkLines(isUrl(input) ? report : display, catalogueContext(io.cwd, report));
  // The comparison goes before the verdict line.
  lines.splice(lines.length - 1, 0, ...comparisonLines(comparison));
  for (const line of lines) io.out(line);
  return 0;
}
