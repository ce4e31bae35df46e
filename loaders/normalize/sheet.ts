// Raw sheet → typed project rows, plus one anomaly row per value that could not
// be read. Pure: no disk, no network.
//
// Merged cells arrive expanded (read/workbook.ts): each row under a merged ministry has it.

import { PanoramaError } from "../errors.js";
import {
  bestHeaderCandidate,
  closestHeader,
  HEADER_ALIASES,
  locateHeaderRow,
  matchHeader,
  type HeaderField,
  type HeaderMapping,
  type LocatedHeader,
} from "./headers.js";
import { projectSlug } from "./identity.js";
import { LIMITS } from "../sources/index.js";
import { canonicalMinistry } from "./ministries.js";
import { parsePhase, type PhaseResult } from "./phases.js";
import { PROBLEM_TEXTS, type Problem } from "./problems.js";
import type { AnomalyRow, NormalizationRow, ProjectRow, SourceKind } from "../schema.js";
import type { Cell, RawRow, RawSheet } from "../read/index.js";
import { cleanText, foldText, isNullToken } from "./text.js";
import { parseBoolean, parseCostMeur, parseDate, parseDurationYears, parseLinks, type LinkList, type ParseResult } from "./values.js";
import { stripTags } from "../read/index.js";

export interface NormalizeContext {
  edition: string;
  sourceKind: SourceKind;
  file: string;
}

export interface NormalizedSheet {
  projects: ProjectRow[];
  anomalies: AnomalyRow[];
  /** Published values kept in a tidied form (links: quotes dropped, scheme added). */
  normalizations: NormalizationRow[];
  warnings: string[];
  mapping: HeaderMapping[];
  /** Source row number (RawRow.row) of the header row. */
  headerRow: number;
  /** Most frequent "Date de publication" (ISO), null when the sheet has none. */
  publishedOn: string | null;
}

export const DUPLICATE_PROBLEM = PROBLEM_TEXTS["duplicate-project"];
export const MISSING_NAME_PROBLEM = PROBLEM_TEXTS["missing-name"];
export const LONG_CELL_PROBLEM = PROBLEM_TEXTS["cell-too-long"];
/** Characters of an overlong cell kept in its anomaly row. */
const LONG_CELL_EXCERPT = 200;

const TOTAL_ROW = /^(?:sous )?(?:total|totaux|totale|sum|somme)(?: general| generale| des projets)?$/;

// Dashboards end descriptions with `(<a href="…">en savoir plus</a>)`, kept as more_info_urls.
const MORE_INFO_TAIL = /\s*\(\s*en savoir plus\s*\)$/i;

function descriptionText(cell: Cell): string | null {
  const text = cleanText(cell);
  if (text === null || !text.endsWith(")")) return text;
  return text.replace(MORE_INFO_TAIL, "") || null;
}

const MAYBE_TOTAL = /^\W*[stST]/;

function isHeaderRepetition(row: RawRow, mapped: readonly HeaderMapping[]): boolean {
  let repeated = 0;
  for (const m of mapped) {
    const c = cellAt(row, m);
    if (typeof c === "string" && c.length < 100 && matchHeader(c) === m.field) repeated++;
  }
  return repeated >= Math.max(2, Math.ceil(mapped.length / 2));
}

type Columns = Partial<Record<HeaderField, HeaderMapping>>;

function cellAt(row: RawRow, column: HeaderMapping | undefined): Cell {
  return column === undefined ? null : (row.cells[column.index] ?? null);
}

function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function asText(cell: Cell): string | null {
  return cell === null ? null : String(cell);
}

function headerError(sheet: RawSheet, ctx: NormalizeContext): PanoramaError {
  const place = { edition: ctx.edition, file: ctx.file };
  const hint =
    "A new header variant is one more entry in HEADER_ALIASES (loaders/normalize/headers.ts); " +
    `expected at least "${HEADER_ALIASES.name[0]}" and "${HEADER_ALIASES.ministry_published[1]}" ` +
    `(or "${HEADER_ALIASES.ministry_published[0]}"), and one of: ` +
    (Object.values(HEADER_ALIASES) as string[][]).map((labels) => `"${labels[0]}"`).join(", ") +
    ".";
  const candidate = bestHeaderCandidate(sheet);
  if (candidate) {
    const fields = new Set(candidate.mapping.map((m) => m.field));
    const missing = [
      fields.has("name") ? null : `"${HEADER_ALIASES.name[0]}"`,
      fields.has("ministry_published") || fields.has("ministry_short") ? null : `"${HEADER_ALIASES.ministry_published[1]}"`,
    ].filter(Boolean);
    const unknown = candidate.mapping.filter((m) => m.field === null).map((m) => `"${m.source}" (closest known: "${m.closest}")`);
    const headerRow = sheet.rows[candidate.index]!.row;
    const known = candidate.mapping.filter((m) => m.field !== null).map((m) => `"${m.source}"`);
    const lack = missing.length
      ? `lacks the required column(s) ${missing.join(" and ")}`
      : `has only the column(s) ${known.join(", ")}: expected at least one more known column`;
    return new PanoramaError(
      `this header row ${lack}${unknown.length ? `; unrecognized headers: ${unknown.join(", ")}.` : "."}`,
      { ...place, row: headerRow },
      hint,
    );
  }
  const firstRow = sheet.rows.find((r) => r.cells.some((c) => !isBlank(c)));
  const seen = (firstRow?.cells ?? [])
    .filter((c) => !isBlank(c))
    .slice(0, 20)
    .map((c) => `"${String(c).slice(0, 60)}" (closest known: "${closestHeader(String(c))}")`);
  return new PanoramaError(
    `no header row found in the first 30 rows${seen.length ? `; first row: ${seen.join(", ")}.` : " (the sheet is empty)."}`,
    place,
    hint,
  );
}

/**
 * Normalizes one sheet. The header row is found among the first 30 rows; every
 * following row with a project name is one ProjectRow. Blank rows, header
 * repetitions and totals rows are skipped (the last two with a warning); a row
 * with values but no name is skipped and recorded as an anomaly.
 */
export function normalizeSheet(sheet: RawSheet, ctx: NormalizeContext): NormalizedSheet {
  const located = locateHeaderRow(sheet);
  if (!located) throw headerError(sheet, ctx);
  const n = new SheetNormalizer(ctx, located);
  for (let r = located.index + 1; r < sheet.rows.length; r++) n.addRow(sheet.rows[r]!);
  return n.finish(sheet.rows[located.index]!.row);
}

class SheetNormalizer {
  readonly warnings: string[];
  readonly columns: Columns = {};
  readonly mapped: HeaderMapping[];
  readonly anomalies: AnomalyRow[] = [];
  readonly normalizations: NormalizationRow[] = [];
  readonly projects: ProjectRow[] = [];
  readonly publishedOnCounts = new Map<string, number>();
  readonly phases = new Map<string, PhaseResult>();
  readonly ministries = new Map<string, string | null>();

  constructor(
    readonly ctx: NormalizeContext,
    readonly located: LocatedHeader,
  ) {
    this.warnings = [...located.warnings];
    for (const m of located.mapping) {
      if (m.field !== null) this.columns[m.field] = m;
      else this.warnings.push(`unknown column "${m.source}" (closest known: "${m.closest}")`);
    }
    this.mapped = located.mapping.filter((m) => m.field !== null);
  }

  anomaly(row: RawRow, column: HeaderMapping | undefined, problem: Problem, cell: Cell): void {
    this.anomalies.push({
      edition: this.ctx.edition,
      source_file: this.ctx.file,
      source_row: row.row,
      column: column?.source ?? null,
      value: asText(cell),
      problem: PROBLEM_TEXTS[problem],
    });
  }

  read<T>(row: RawRow, field: HeaderField, parse: (cell: Cell) => ParseResult<T>): T | null {
    const column = this.columns[field];
    if (!column) return null;
    const cell = cellAt(row, column);
    const result = parse(cell);
    if (result.ok) return result.value;
    this.anomaly(row, column, result.problem, cell);
    return null;
  }

  /**
   * Every link of a link field: its column's, else the hrefs of another cell (`host`). Dashboards
   * have no link columns and link the description and the financing programme instead. Each href
   * goes through the same parser as a column's cell: the same published value gives the same
   * links, anomaly or normalization in every format.
   */
  links(row: RawRow, field: "more_info_url" | "pap_url", host: HeaderField): string[] {
    const column = this.columns[field];
    const urls = column ? this.linkValue(row, column, cellAt(row, column)).urls : [];
    const hostColumn = this.columns[host];
    const cell = cellAt(row, hostColumn);
    if (urls.length > 0 || typeof cell !== "string" || !cell.includes("<")) return urls;
    for (const href of stripTags(cell, true).hrefs) {
      for (const url of this.linkValue(row, hostColumn!, href).urls) if (!urls.includes(url)) urls.push(url);
    }
    return urls;
  }

  linkValue(row: RawRow, column: HeaderMapping, cell: Cell): LinkList {
    const result = parseLinks(cell);
    if (!result.ok) {
      this.anomaly(row, column, result.problem, cell);
      return { urls: [], normalizations: [] };
    }
    for (const n of result.value!.normalizations) {
      this.normalizations.push({
        edition: this.ctx.edition,
        source_file: this.ctx.file,
        source_row: row.row,
        column: column.source,
        value: n.value,
        normalized: n.normalized,
        rule: n.rules.join(", "),
      });
    }
    return result.value!;
  }

  text(row: RawRow, field: HeaderField): string | null {
    return cleanText(cellAt(row, this.columns[field]));
  }

  phase(row: RawRow): PhaseResult {
    const column = this.columns.phase;
    if (!column) return { ok: true, value: { phase: null, withheld: false } };
    const cell = cellAt(row, column);
    let result = typeof cell === "string" ? this.phases.get(cell) : undefined;
    if (!result) {
      result = parsePhase(cell);
      if (typeof cell === "string") this.phases.set(cell, result);
    }
    if (!result.ok) this.anomaly(row, column, result.problem, cell);
    return result;
  }

  ministry(full: string | null, short: string | null): string | null {
    if (full === null && short === null) return null;
    const key = `${full ?? ""}\u0000${short ?? ""}`;
    let canonical = this.ministries.get(key);
    if (canonical === undefined) {
      canonical = canonicalMinistry(full, short);
      this.ministries.set(key, canonical);
    }
    return canonical;
  }

  /** The row with every overlong cell of a read column replaced by null, each one an anomaly. */
  withinCellLimit(row: RawRow): RawRow {
    let cells: Cell[] | null = null;
    for (const m of this.mapped) {
      const cell = row.cells[m.index];
      if (typeof cell !== "string" || cell.length <= LIMITS.maxCellChars) continue;
      this.anomaly(row, m, "cell-too-long", `${cell.slice(0, LONG_CELL_EXCERPT)}…`);
      cells ??= [...row.cells];
      cells[m.index] = null;
    }
    return cells ? { row: row.row, cells } : row;
  }

  addRow(raw: RawRow): void {
    const { columns, ctx } = this;
    if (raw.cells.every(isBlank)) return;
    const row = this.withinCellLimit(raw);
    const rawName = cellAt(row, columns.name);
    if (typeof rawName === "string" && rawName.length < 100 && matchHeader(rawName) === "name" && isHeaderRepetition(row, this.mapped)) {
      this.warnings.push(`row ${row.row}: header repeated, skipped`);
      return;
    }
    const name = cleanText(rawName);
    const firstValue = name ?? cleanText(row.cells.find((c) => !isNullToken(c) && !isBlank(c)) ?? null);
    if (firstValue !== null && firstValue.length < 40 && MAYBE_TOTAL.test(firstValue) && TOTAL_ROW.test(foldText(firstValue))) {
      this.warnings.push(`row ${row.row}: totals row, skipped`);
      return;
    }
    if (name === null) {
      if (this.mapped.some((m) => !isNullToken(cellAt(row, m)))) this.anomaly(row, columns.name, "missing-name", rawName);
      return;
    }

    const full = this.text(row, "ministry_published");
    const short = this.text(row, "ministry_short");
    const phase = this.phase(row);
    const descriptionCell = cellAt(row, columns.description);
    const financingCell = cellAt(row, columns.financing);
    const publishedOn = this.read(row, "published_on", parseDate);
    if (publishedOn) this.publishedOnCounts.set(publishedOn, (this.publishedOnCounts.get(publishedOn) ?? 0) + 1);

    const project: ProjectRow = {
      edition: ctx.edition,
      project_key: projectSlug(name),
      name,
      ministry: this.ministry(full, short),
      ministry_published: full ?? short,
      interministerial: this.read(row, "interministerial", parseBoolean),
      description: descriptionText(descriptionCell),
      start_date: this.read(row, "start", parseDate),
      duration_years: this.read(row, "duration", parseDurationYears),
      phase: phase.ok ? phase.value.phase : null,
      figures_withheld: phase.ok ? phase.value.withheld : false,
      cost_meur: this.read(row, "cost", parseCostMeur),
      functional_zone: this.text(row, "functional_zone"),
      financing: cleanText(financingCell),
      more_info_url: null,
      // Dashboards have no link columns: "en savoir plus" ends the description, the PAP links the financing programme.
      more_info_urls: this.links(row, "more_info_url", "description"),
      pap_url: null,
      pap_urls: this.links(row, "pap_url", "financing"),
      source_kind: ctx.sourceKind,
      source_file: ctx.file,
      source_row: row.row,
    };
    project.more_info_url = project.more_info_urls[0] ?? null;
    project.pap_url = project.pap_urls[0] ?? null;
    this.projects.push(project);
  }

  finish(headerRow: number): NormalizedSheet {
    const seen = new Set<string>();
    for (const p of this.projects) {
      if (!seen.has(p.project_key)) {
        seen.add(p.project_key);
        continue;
      }
      this.anomalies.push({
        edition: this.ctx.edition,
        source_file: this.ctx.file,
        source_row: p.source_row,
        column: this.columns.name!.source,
        value: p.name,
        problem: PROBLEM_TEXTS["duplicate-project"],
      });
    }
    this.anomalies.sort((a, b) => (a.source_row ?? 0) - (b.source_row ?? 0));

    let publishedOn: string | null = null;
    let best = 0;
    for (const [date, count] of this.publishedOnCounts) {
      if (count > best) {
        best = count;
        publishedOn = date;
      }
    }
    return {
      projects: this.projects,
      anomalies: this.anomalies,
      normalizations: this.normalizations,
      warnings: this.warnings,
      mapping: this.located.mapping,
      headerRow,
      publishedOn,
    };
  }
}
