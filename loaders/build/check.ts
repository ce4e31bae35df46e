// A dry run over one edition file: read, normalize, report; nothing written.
import {
  acquireFirst,
  type AcquireOptions,
  findEdition,
  isEditionId,
  loadCatalogue,
  sourceUrls,
  type Edition,
  type SourceRef,
  dataGouvResourceId,
  type InputFile,
} from "../sources/index.js";
import { diffEditions, type EditionDiff } from "./diff.js";
import { PanoramaError } from "../errors.js";
import type { HeaderField } from "../normalize/index.js";
import { normalizeSourceFile, sourceFile, unreadSheetWarnings, type SourceFile } from "./pipeline.js";
import type { AnomalyRow, HeadlineFigures, SourceFormat, SourceKind } from "../schema.js";

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

/**
 * The error for a file whose edition is neither stated nor given, saying exactly what to pass:
 * the catalogued edition when the file is one of its sources (same sha256).
 */
export function unstatedEditionError(source: SourceFile, catalogue: readonly Edition[]): PanoramaError {
  const known = findCataloguedSource(catalogue, source.sha256, null);
  const what = source.read.page
    ? "the page states no edition: it has no « Date d’actualisation » and nothing else on it dates it unambiguously."
    : "the file does not state its edition.";
  const hint = known
    ? `This file is the ${known.source.kind} of edition ${known.edition.id} in the catalogue (same sha256 ${source.sha256}): rerun with --edition ${known.edition.id}.`
    : "Give it with --edition YYYY-MM, the month of the edition (e.g. --edition 2016-11 for the November 2016 edition).";
  return new PanoramaError(what, { file: source.file }, hint);
}

/** The output columns each source field feeds (loaders/schema.ts). */
export const FIELD_COLUMNS: Readonly<Record<HeaderField, string>> = {
  name: "name",
  ministry_published: "ministry_published, ministry",
  ministry_short: "ministry (acronym, used when there is no full name)",
  interministerial: "interministerial",
  description: "description",
  more_info_url: "more_info_urls, more_info_url",
  start: "start_date",
  duration: "duration_years",
  phase: "phase, figures_withheld",
  cost: "cost_meur",
  cost_band: "(read, not output: cost band)",
  functional_zone: "functional_zone",
  financing: "financing",
  pap_url: "pap_urls, pap_url",
  published_on: "editions.published_on",
};

// Fields every edition published so far has; dashboards carry the links inside other cells.
const EXPECTED_FIELDS: readonly HeaderField[] = ["interministerial", "description", "start", "duration", "phase", "cost", "functional_zone", "financing"];

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
  // Without an edition the rows are labelled "" (they are only counted here).
  const { edition: stated, kind, sheet, normalized } = normalizeSourceFile(source, editionOption);
  const projects = normalized.projects;
  if (projects.length === 0) {
    throw new PanoramaError(
      "the project table has a header but no project rows.",
      { edition: stated, file: source.file },
      "Check the file: an edition lists dozens of projects.",
    );
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
    warnings: [...source.read.warnings, ...unreadSheetWarnings(source.read, sheet), ...normalized.warnings],
  };
}

export async function checkInput(input: InputFile, editionOption: string | null): Promise<CheckReport> {
  return checkSource(sourceFile(input.bytes, input.file, input.url), editionOption, input.bytes.length);
}

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

/** How a checked file compares with the catalogued file of its edition (same kind: spreadsheet or page). */
export interface CatalogueComparison {
  edition: string;
  kind: SourceKind;
  /** The catalogued file's sha256: the one the catalogue records, else that of the file found. */
  catalogued_sha256: string | null;
  sha256: string;
  /** Same sha256; null when the catalogued file could not be had and the catalogue records no sha256. */
  identical: boolean | null;
  /** The differences in the rows when the catalogued file could be had; null when identical or not had. */
  diff: EditionDiff | null;
  /** Why the catalogued file could not be had to compare the rows. */
  unavailable: string | null;
}

/**
 * Compares a checked file with the catalogued file of the same edition and kind: identical by
 * sha256, or the rows that differ (the catalogued file taken from the cache, the mirror, or a
 * download when online). Null when the edition is not catalogued or has no source of that kind.
 */
export async function compareWithCatalogue(
  source: SourceFile,
  report: CheckReport,
  catalogue: readonly Edition[],
  opts: AcquireOptions,
): Promise<CatalogueComparison | null> {
  const known = findCataloguedSource(catalogue, report.sha256, report.url);
  const id = known?.edition.id ?? (report.editionFrom === "page" || report.editionFrom === "option" ? report.edition : null);
  const edition = id ? findEdition(id, catalogue) : undefined;
  if (!edition) return null;
  const sources = edition.sources.filter((s) => s.kind === report.kind);
  if (sources.length === 0) return null;
  const base = { edition: edition.id, kind: report.kind, sha256: report.sha256 };
  if (known?.source.sha256 === report.sha256) {
    return { ...base, catalogued_sha256: report.sha256, identical: true, diff: null, unavailable: null };
  }
  const expected = sources.find((s) => s.sha256 !== null)?.sha256 ?? null;
  try {
    const acquired = await acquireFirst(edition, report.kind, opts);
    if (!acquired) return null;
    if (acquired.sha256 === report.sha256) return { ...base, catalogued_sha256: acquired.sha256, identical: true, diff: null, unavailable: null };
    const catalogued = sourceFile(acquired.bytes, acquired.source.mirrorPath, acquired.source.url);
    return { ...base, catalogued_sha256: acquired.sha256, identical: false, diff: diffEditions(catalogued, source), unavailable: null };
  } catch (e) {
    if (!(e instanceof PanoramaError)) throw e;
    return { ...base, catalogued_sha256: expected, identical: expected === null ? null : false, diff: null, unavailable: e.message };
  }
}
