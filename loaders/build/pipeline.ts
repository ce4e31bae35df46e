import { basename } from "node:path";
import { type Acquired, type AcquireOptions, acquireFirst, editionLabel, type Edition, sha256Hex } from "../sources/index.js";
import { PanoramaError } from "../errors.js";
import { locateHeaderRow, normalizeSheet } from "../normalize/index.js";
import { editionCacheKey, readCachedEdition, writeCachedEdition, type EditionCache } from "./edition-cache.js";
import { readSource, type DashboardPage, type RawSheet, type ReadResult } from "../read/index.js";
import { NO_HEADLINE, type AnomalyRow, type EditionRow, type HeadlineFigures, type NormalizationRow, type ProjectRow, type SourceKind } from "../schema.js";

/** One file as read: where it came from and what it holds. */
export interface SourceFile {
  file: string;
  url: string | null;
  sha256: string;
  read: ReadResult;
}

export interface EditionResult {
  edition: string;
  projects: ProjectRow[];
  anomalies: AnomalyRow[];
  normalizations: NormalizationRow[];
  warnings: string[];
  row: EditionRow;
}

export interface EditionFailure {
  edition: string;
  message: string;
}

export function sourceFile(bytes: Uint8Array, file: string, url: string | null = null): SourceFile {
  return { file, url, sha256: sha256Hex(bytes), read: readSource(bytes, file) };
}

function fromAcquired(a: Acquired): SourceFile {
  return sourceFile(a.bytes, basename(a.path), a.source.url);
}

/** The sheet holding the project table: the first one whose header row is recognised. */
export function projectSheet(read: ReadResult): RawSheet | null {
  return read.sheets.find((sheet) => locateHeaderRow(sheet) !== null) ?? read.sheets[0] ?? null;
}

/** A warning for each other sheet with content: only the project sheet is read. */
export function unreadSheetWarnings(read: ReadResult, chosen: RawSheet): string[] {
  return read.sheets
    .filter((sheet) => sheet !== chosen && sheet.rows.length > 0)
    .map(
      (sheet) =>
        `sheet "${sheet.sheetName ?? "?"}" (${sheet.rows.length} non-blank row${sheet.rows.length === 1 ? "" : "s"}) was left out: only the project table of sheet "${chosen.sheetName ?? "?"}" is read.`,
    );
}

/**
 * Assembles one edition from its files: projects from the spreadsheet when there is
 * one, else from the dashboard page; headline figures from the page.
 */
export function assembleEdition(edition: string, files: readonly SourceFile[], label = editionLabel(edition)): EditionResult {
  const pages = files.filter((f) => f.read.page !== null);
  const sheets = files.filter((f) => f.read.page === null);
  if (sheets.length > 1) {
    throw new PanoramaError(
      `${sheets.length} spreadsheets given for one edition (${sheets.map((s) => s.file).join(", ")}).`,
      { edition },
      "Give one spreadsheet per edition, optionally with its dashboard page.",
    );
  }
  if (pages.length > 1) {
    throw new PanoramaError(`${pages.length} dashboard pages given for one edition.`, { edition }, "Give one dashboard page per edition.");
  }
  const page = pages[0];
  const main = sheets[0] ?? page;
  if (!main) throw new PanoramaError("no source file.", { edition });
  const kind: SourceKind = main === page ? "dashboard" : "spreadsheet";
  const sheet = projectSheet(main.read);
  if (!sheet) {
    throw new PanoramaError("the file holds no table.", { edition, file: main.file }, "Check that it is a Panorama edition file.");
  }
  const normalized = normalizeSheet(sheet, { edition, sourceKind: kind, file: main.file });
  if (normalized.projects.length === 0) {
    throw new PanoramaError(
      "the project table has a header but no project rows.",
      { edition, file: main.file },
      "Check the file: an edition lists dozens of projects.",
    );
  }
  const warnings = [
    ...files.flatMap((f) => f.read.warnings.map((w) => `${f.file}: ${w}`)),
    ...unreadSheetWarnings(main.read, sheet).map((w) => `${main.file}: ${w}`),
    ...normalized.warnings,
  ];
  const headline = page?.read.page?.headline ?? NO_HEADLINE;
  const row: EditionRow = {
    edition,
    label,
    published_on: normalized.publishedOn,
    source_kind: kind,
    source_url: main.url ?? main.file,
    sha256: main.sha256,
    project_count: normalized.projects.length,
    ...headline,
    official_source: page && hasHeadline(headline) ? (page.url ?? page.file) : null,
  };
  return { edition, projects: normalized.projects, anomalies: normalized.anomalies, normalizations: normalized.normalizations, warnings, row };
}

function hasHeadline(h: HeadlineFigures): boolean {
  return Object.values(h).some((v) => v !== null);
}

/** The edition a dashboard page states, checked against the one expected (catalogue or --edition). */
export function checkPageEdition(page: DashboardPage, file: string, expected: string | null): string | null {
  if (page.edition && expected && page.edition !== expected) {
    throw new PanoramaError(
      `the page states the edition "${page.editionText}" (${page.edition}) but ${expected} was expected.`,
      { edition: expected, file },
      "Check the file, or correct the edition id (catalogue entry or --edition).",
    );
  }
  return page.edition ?? expected;
}

/**
 * One file read on its own (editions check, editions diff): its edition as the page states it (or
 * `expected`), its kind, its project table and its rows normalized; rows without an edition are labelled "".
 */
export function normalizeSourceFile(source: SourceFile, expected: string | null) {
  const page = source.read.page;
  const edition = page ? checkPageEdition(page, source.file, expected) : expected;
  const sheet = projectSheet(source.read);
  if (!sheet) throw new PanoramaError("the file holds no table.", { file: source.file }, "Check that it is a Panorama edition file.");
  const kind: SourceKind = page ? "dashboard" : "spreadsheet";
  return { edition, kind, sheet, normalized: normalizeSheet(sheet, { edition: edition ?? "", sourceKind: kind, file: source.file }) };
}

/** Loads one catalogued edition: acquires its sources (spreadsheet preferred), reads and normalizes them. */
export async function loadEdition(edition: Edition, opts: AcquireOptions, cache: EditionCache | null = null): Promise<EditionResult> {
  const warnings: string[] = [];
  let spreadsheet: Acquired | null = null;
  let dashboard: Acquired | null = null;
  const errors: string[] = [];
  try {
    spreadsheet = await acquireFirst(edition, "spreadsheet", opts);
  } catch (e) {
    errors.push(errorMessage(e));
  }
  try {
    dashboard = await acquireFirst(edition, "dashboard", opts);
  } catch (e) {
    errors.push(errorMessage(e));
  }
  if (!spreadsheet && !dashboard) {
    throw new PanoramaError(`no source could be had. ${errors.join(" ")}`, { edition: edition.id });
  }
  if (errors.length > 0) warnings.push(...errors);
  const acquired = [spreadsheet, dashboard].filter((a): a is Acquired => a !== null);
  const key = cache
    ? editionCacheKey(
        cache.code,
        edition,
        acquired.map((a) => a.sha256),
      )
    : null;
  // The cache holds what the files give, not how they were had this time: the acquisition
  // warnings (a source absent, not tried offline) are always this run's.
  let assembled = key && cache ? await readCachedEdition<EditionResult>(cache.dir, edition.id, key) : null;
  if (!assembled) {
    const files = acquired.map(fromAcquired);
    for (const f of files) {
      if (f.read.page) checkPageEdition(f.read.page, f.file, edition.id);
    }
    assembled = assembleEdition(edition.id, files, edition.label);
    if (key && cache) await writeCachedEdition(cache.dir, edition.id, key, assembled);
  }
  return { ...assembled, warnings: [...warnings, ...assembled.warnings] };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
