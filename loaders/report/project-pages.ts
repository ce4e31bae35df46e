// Data of one project page (docs/projets/[key].md): its rows in every edition, its history row and
// movements. All pages are written as members of one tar archive (docs/data/projets.tar.ts): one
// loader process instead of one per project.
import { buildHistory, buildMovements } from "../build/index.js";
import type { EditionRow, MovementRow, ProjectHistoryRow, ProjectRow } from "../schema.js";
import { tarArchive, type TarEntry } from "../output/index.js";
import { cmp } from "../util.js";
import type { EditionGap } from "./common.js";

export interface ProjectPage {
  project_key: string;
  history: ProjectHistoryRow;
  /** One row per edition where the project is listed (a duplicate listing keeps its first row), oldest first. */
  rows: ProjectRow[];
  movements: MovementRow[];
  /** Every loaded edition, oldest first: where the project is absent shows as a gap. */
  editions: { edition: string; label: string }[];
  /** Periods without any loaded edition (common.ts): charts over editions show them. */
  gaps: EditionGap[];
}

export function projectPages(projects: readonly ProjectRow[], editions: readonly EditionRow[], gaps: readonly EditionGap[] = []): ProjectPage[] {
  const order = [...editions].sort((a, b) => cmp(a.edition, b.edition));
  const editionOrder = order.map((e) => e.edition);
  const history = buildHistory(projects, editionOrder);
  const movements = buildMovements(projects, editionOrder);
  const rowsByKey = new Map<string, ProjectRow[]>();
  for (const p of [...projects].sort((a, b) => cmp(a.edition, b.edition) || a.source_row - b.source_row)) {
    const rows = rowsByKey.get(p.project_key) ?? [];
    if (rows.at(-1)?.edition !== p.edition) rows.push(p);
    rowsByKey.set(p.project_key, rows);
  }
  const editionList = order.map((e) => ({ edition: e.edition, label: e.label }));
  return history.map((h) => ({
    project_key: h.project_key,
    history: h,
    rows: rowsByKey.get(h.project_key) ?? [],
    movements: movements.filter((m) => m.project_key === h.project_key),
    editions: editionList,
    gaps: [...gaps],
  }));
}

/** One `<project_key>.json` member per project. */
export function projectPagesArchive(pages: readonly ProjectPage[]): Uint8Array {
  const entries: TarEntry[] = pages.map((page) => ({ name: `${page.project_key}.json`, bytes: JSON.stringify(page) }));
  return tarArchive(entries);
}
