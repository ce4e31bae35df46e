// « Dérives »: each project's first and last published cost and duration.
import { buildHistory, type Dataset } from "../build/index.js";
import { cmp } from "../util.js";
import type { ProjectHistoryRow, ProjectRow } from "../schema.js";
import {
  type EditionGap,
  type EditionRef,
  FULL_COST_EDITION,
  MINISTRY_UNKNOWN,
  PHASE_UNKNOWN,
  editionGaps,
  editionOrder,
  fraction,
  groupBy,
  meur,
  phaseLabel,
  sum,
  unavailableEditions,
  years,
} from "./common.js";

/** A project's history (schema.ts) as the « Dérives » page reads it, with the editions behind each change. */
export interface DriftRow
  extends Pick<
    ProjectHistoryRow,
    | "name"
    | "first_edition"
    | "last_edition"
    | "editions_count"
    | "gaps"
    | "first_cost_meur"
    | "last_cost_meur"
    | "first_cost_edition"
    | "last_cost_edition"
    | "cost_change_meur"
    | "cost_change_ratio"
    | "first_duration_years"
    | "last_duration_years"
    | "duration_change_years"
    | "phases"
    | "still_listed"
  > {
  key: string;
  ministry: string;
  first_duration_edition: string | null;
  last_duration_edition: string | null;
  /** Duration change over the first duration (fraction). */
  duration_change_ratio: number | null;
  /** Phase in its last edition. */
  last_phase: string;
  /** Costs published in two different editions: the change compares something. */
  cost_comparable: boolean;
  duration_comparable: boolean;
  /** The first cost predates the July 2018 « coût complet » definition and the last one does not. */
  cost_definition_changed: boolean;
  /** Unloaded editions fall between the first and last cost (or duration) editions. */
  spans_missing: boolean;
  /** Published names, when it changed (a sign of a change of scope or of a rename). */
  names: string[];
  withheld_editions: string[];
  no_cost_editions: string[];
}

function firstLastEdition(rows: readonly ProjectRow[], has: (p: ProjectRow) => boolean): [string | null, string | null] {
  const known = rows.filter(has);
  return [known[0]?.edition ?? null, known[known.length - 1]?.edition ?? null];
}

const orNull = (x: number | null, f: (x: number) => number) => (x === null ? null : f(x));

export function driftRows(dataset: Pick<Dataset, "projects" | "editions" | "failures">, history?: readonly ProjectHistoryRow[]): DriftRow[] {
  const order = editionOrder(dataset);
  const hist = history ?? buildHistory(dataset.projects, order);
  const byKey = groupBy(
    [...dataset.projects].sort((a, b) => cmp(a.edition, b.edition) || a.source_row - b.source_row),
    (p) => p.project_key,
  );
  const missing = dataset.failures.map((f) => f.edition);
  const spans = (a: string | null, b: string | null) => a !== null && b !== null && missing.some((e) => e > a && e < b);
  return hist.map((h) => {
    const rows = byKey.get(h.project_key) ?? [];
    const lastRow = rows.filter((p) => p.edition === h.last_edition)[0];
    const [firstDur, lastDur] = firstLastEdition(rows, (p) => p.duration_years !== null);
    const costComparable = h.first_cost_edition !== null && h.last_cost_edition !== null && h.first_cost_edition !== h.last_cost_edition;
    const durationComparable = firstDur !== null && lastDur !== null && firstDur !== lastDur;
    const names = [...new Set(rows.map((p) => p.name))];
    return {
      key: h.project_key,
      name: h.name,
      ministry: h.ministry ?? MINISTRY_UNKNOWN,
      first_edition: h.first_edition,
      last_edition: h.last_edition,
      editions_count: h.editions_count,
      gaps: h.gaps,
      first_cost_meur: orNull(h.first_cost_meur, meur),
      last_cost_meur: orNull(h.last_cost_meur, meur),
      first_cost_edition: h.first_cost_edition,
      last_cost_edition: h.last_cost_edition,
      cost_change_meur: costComparable ? orNull(h.cost_change_meur, meur) : null,
      cost_change_ratio: costComparable ? orNull(h.cost_change_ratio, fraction) : null,
      first_duration_years: orNull(h.first_duration_years, years),
      last_duration_years: orNull(h.last_duration_years, years),
      first_duration_edition: firstDur,
      last_duration_edition: lastDur,
      duration_change_years: durationComparable ? orNull(h.duration_change_years, years) : null,
      duration_change_ratio:
        durationComparable && h.duration_change_years !== null && h.first_duration_years ? fraction(h.duration_change_years / h.first_duration_years) : null,
      phases: h.phases,
      last_phase: lastRow ? phaseLabel(lastRow) : PHASE_UNKNOWN,
      still_listed: h.still_listed,
      cost_comparable: costComparable,
      duration_comparable: durationComparable,
      cost_definition_changed: costComparable && h.first_cost_edition! < FULL_COST_EDITION && h.last_cost_edition! >= FULL_COST_EDITION,
      spans_missing: spans(h.first_cost_edition, h.last_cost_edition) || spans(firstDur, lastDur),
      names: names.length > 1 ? names : [],
      withheld_editions: [...new Set(rows.filter((p) => p.figures_withheld).map((p) => p.edition))],
      no_cost_editions: [...new Set(rows.filter((p) => p.cost_meur === null).map((p) => p.edition))],
    };
  });
}

export interface DriftSummary {
  projects: number;
  cost_comparable: number;
  cost_increased: number;
  cost_decreased: number;
  cost_unchanged: number;
  /** Over the cost-comparable projects: sum of first and of last costs (M€). */
  first_cost_total_meur: number;
  last_cost_total_meur: number;
  cost_definition_changed: number;
  duration_comparable: number;
  duration_increased: number;
  duration_decreased: number;
  /** Left before the latest loaded edition without being marked « Terminé ». */
  left_unfinished: number;
  left_finished: number;
  withheld: number;
  never_costed: number;
  renamed: number;
}

export function driftSummary(rows: readonly DriftRow[]): DriftSummary {
  const cost = rows.filter((r) => r.cost_comparable);
  const duration = rows.filter((r) => r.duration_comparable);
  const left = rows.filter((r) => !r.still_listed);
  return {
    projects: rows.length,
    cost_comparable: cost.length,
    cost_increased: cost.filter((r) => r.cost_change_meur! > 0).length,
    cost_decreased: cost.filter((r) => r.cost_change_meur! < 0).length,
    cost_unchanged: cost.filter((r) => r.cost_change_meur === 0).length,
    first_cost_total_meur: meur(sum(cost.map((r) => r.first_cost_meur!))),
    last_cost_total_meur: meur(sum(cost.map((r) => r.last_cost_meur!))),
    cost_definition_changed: cost.filter((r) => r.cost_definition_changed).length,
    duration_comparable: duration.length,
    duration_increased: duration.filter((r) => r.duration_change_years! > 0).length,
    duration_decreased: duration.filter((r) => r.duration_change_years! < 0).length,
    left_unfinished: left.filter((r) => r.last_phase !== "Terminé").length,
    left_finished: left.filter((r) => r.last_phase === "Terminé").length,
    withheld: rows.filter((r) => r.withheld_editions.length > 0).length,
    never_costed: rows.filter((r) => r.first_cost_meur === null).length,
    renamed: rows.filter((r) => r.names.length > 1).length,
  };
}

export interface DriftData {
  gaps: EditionGap[];
  latest: string;
  first: string;
  full_cost_edition: string;
  unavailable: EditionRef[];
  /** Over every project followed. */
  summary: DriftSummary;
  /** Over the projects still listed in the latest loaded edition (the page's default view). */
  listed_summary: DriftSummary;
  rows: DriftRow[];
}

export function driftData(dataset: Dataset): DriftData {
  const order = editionOrder(dataset);
  const rows = driftRows(dataset);
  return {
    gaps: editionGaps(dataset),
    latest: order[order.length - 1]!,
    first: order[0]!,
    full_cost_edition: FULL_COST_EDITION,
    unavailable: unavailableEditions(dataset),
    summary: driftSummary(rows),
    listed_summary: driftSummary(rows.filter((r) => r.still_listed)),
    rows,
  };
}
