import { PanoramaError } from "../errors.js";
import type { MovementRow, ProjectHistoryRow, ProjectRow } from "../schema.js";
import { cmp, round } from "../util.js";

const PHASE_ARROW = " → ";

/** Differences (M€, years) and ratios are rounded to 1e-6: 28.04 − 26.2 reads 1.84, not 1.8399999999999999. */

/**
 * For each key, the one row per edition it is counted with (a project listed twice
 * in one edition counts once: its first row in the source), in `editionOrder`.
 */
function rowsByKey(projects: readonly ProjectRow[], editionOrder: readonly string[]): Map<string, ProjectRow[]> {
  const position = editionPositions(editionOrder);
  const chosen = new Map<string, ProjectRow>();
  for (const p of projects) {
    positionOf(p, position, editionOrder);
    const k = `${p.edition}\u0000${p.project_key}`;
    const current = chosen.get(k);
    if (!current || p.source_row < current.source_row || (p.source_row === current.source_row && cmp(p.name, current.name) < 0)) chosen.set(k, p);
  }
  const byKey = new Map<string, ProjectRow[]>();
  for (const p of chosen.values()) byKey.set(p.project_key, [...(byKey.get(p.project_key) ?? []), p]);
  for (const rows of byKey.values()) rows.sort((a, b) => position.get(a.edition)! - position.get(b.edition)!);
  return byKey;
}

function editionPositions(editionOrder: readonly string[]): Map<string, number> {
  const position = new Map<string, number>();
  editionOrder.forEach((e, i) => {
    if (position.has(e)) throw new PanoramaError(`edition ${e} appears twice in the edition order.`, { edition: e });
    position.set(e, i);
  });
  return position;
}

function positionOf(p: ProjectRow, position: ReadonlyMap<string, number>, editionOrder: readonly string[]): number {
  const i = position.get(p.edition);
  if (i !== undefined) return i;
  throw new PanoramaError(
    `project "${p.name}" belongs to edition ${p.edition}, which is not in the edition order (${editionOrder.join(", ")}).`,
    { edition: p.edition, file: p.source_file, row: p.source_row },
    "Pass every loaded edition to buildHistory and buildMovements.",
  );
}

function firstLast<T>(
  rows: readonly ProjectRow[],
  value: (r: ProjectRow) => T | null,
): { first: T | null; last: T | null; firstEdition: string | null; lastEdition: string | null } {
  const known = rows.filter((r) => value(r) !== null);
  const f = known[0];
  const l = known[known.length - 1];
  return { first: f ? value(f) : null, last: l ? value(l) : null, firstEdition: f?.edition ?? null, lastEdition: l?.edition ?? null };
}

/** One row per project_key: first and latest appearance, cost and duration drift, phase path. Sorted by project_key. */
export function buildHistory(projects: readonly ProjectRow[], editionOrder: readonly string[]): ProjectHistoryRow[] {
  const byKey = rowsByKey(projects, editionOrder);
  const latestEdition = editionOrder[editionOrder.length - 1];
  const out: ProjectHistoryRow[] = [];
  for (const [key, rows] of [...byKey].sort((a, b) => cmp(a[0], b[0]))) {
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const present = new Set(rows.map((r) => r.edition));
    const span = editionOrder.slice(editionOrder.indexOf(first.edition), editionOrder.indexOf(last.edition) + 1);
    const gaps = span.filter((e) => !present.has(e));
    const cost = firstLast(rows, (r) => r.cost_meur);
    const duration = firstLast(rows, (r) => r.duration_years);
    const start = firstLast(rows, (r) => r.start_date);
    const ministry = firstLast(rows, (r) => r.ministry).last;
    const phases: string[] = [];
    for (const r of rows) if (r.phase !== null && phases[phases.length - 1] !== r.phase) phases.push(r.phase);
    out.push({
      project_key: key,
      name: last.name,
      ministry,
      first_edition: first.edition,
      last_edition: last.edition,
      editions_count: rows.length,
      gaps: gaps.length > 0 ? gaps.join(", ") : null,
      first_cost_meur: cost.first,
      last_cost_meur: cost.last,
      first_cost_edition: cost.firstEdition,
      last_cost_edition: cost.lastEdition,
      cost_change_meur: cost.first !== null && cost.last !== null ? round(cost.last - cost.first, 6) : null,
      cost_change_ratio: cost.first !== null && cost.last !== null && cost.first !== 0 ? round(cost.last / cost.first - 1, 6) : null,
      first_duration_years: duration.first,
      last_duration_years: duration.last,
      duration_change_years: duration.first !== null && duration.last !== null ? round(duration.last - duration.first, 6) : null,
      first_start_date: start.first,
      last_start_date: start.last,
      phases: phases.length > 0 ? phases.join(PHASE_ARROW) : null,
      still_listed: last.edition === latestEdition,
    });
  }
  return out;
}

/**
 * Entries and exits between each pair of consecutive editions of `editionOrder`
 * (previous, edition): `entered` = key listed in edition and not in previous,
 * `exited` = listed in previous and not in edition. Sorted by edition, movement, key.
 */
export function buildMovements(projects: readonly ProjectRow[], editionOrder: readonly string[]): MovementRow[] {
  const position = editionPositions(editionOrder);
  const keysOf = editionOrder.map(() => new Set<string>());
  for (const p of projects) {
    keysOf[positionOf(p, position, editionOrder)]!.add(p.project_key);
  }
  const out: MovementRow[] = [];
  for (let i = 1; i < editionOrder.length; i++) {
    const previous = keysOf[i - 1]!;
    const current = keysOf[i]!;
    const edition = editionOrder[i]!;
    const previous_edition = editionOrder[i - 1]!;
    for (const key of [...current].filter((k) => !previous.has(k)).sort(cmp)) out.push({ edition, previous_edition, project_key: key, movement: "entered" });
    for (const key of [...previous].filter((k) => !current.has(k)).sort(cmp)) out.push({ edition, previous_edition, project_key: key, movement: "exited" });
  }
  return out;
}
