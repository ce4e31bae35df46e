// Data of the project explorer (docs/projets.md): every project row of every edition, with the
// descriptions stored once (many projects keep the same text from one edition to the next).
import type { EditionRow, ProjectRow } from "../schema.js";
import { cmp } from "../util.js";
import { meur, years } from "./common.js";

/** Change of a row's figure since the project's first published one, in an earlier edition. */
export interface ExplorerChanges {
  /** This row's cost minus the project's first published cost (M€); null without both, or in that first edition. */
  cost_change_meur: number | null;
  /** This row's duration minus the project's first published duration (years), likewise. */
  duration_change_years: number | null;
}

export type ExplorerRow = Omit<ProjectRow, "description"> &
  ExplorerChanges & {
    /** Index into ExplorerData.descriptions, null when the row has no description. */
    description: number | null;
  };

export interface ExplorerEdition {
  edition: string;
  label: string;
}

export interface ExplorerData {
  /** Loaded editions, oldest first. */
  editions: ExplorerEdition[];
  descriptions: string[];
  /** Sorted by edition (latest first), then name. */
  rows: ExplorerRow[];
}

type Figure = "cost_meur" | "duration_years";

/** Per project: the edition and value of its first published figure. */
function firstFigures(projects: readonly ProjectRow[], figure: Figure): Map<string, { edition: string; value: number }> {
  const first = new Map<string, { edition: string; value: number }>();
  for (const p of projects) {
    const value = p[figure];
    if (value === null) continue;
    const known = first.get(p.project_key);
    if (!known || p.edition < known.edition) first.set(p.project_key, { edition: p.edition, value });
  }
  return first;
}

/** Each row's change since its project's first published cost and duration. */
export function explorerChanges(projects: readonly ProjectRow[]): (p: ProjectRow) => ExplorerChanges {
  const firstCost = firstFigures(projects, "cost_meur");
  const firstDuration = firstFigures(projects, "duration_years");
  const change = (first: Map<string, { edition: string; value: number }>, p: ProjectRow, value: number | null, round: (x: number) => number) => {
    const f = first.get(p.project_key);
    return value === null || !f || f.edition >= p.edition ? null : round(value - f.value);
  };
  return (p) => ({
    cost_change_meur: change(firstCost, p, p.cost_meur, meur),
    duration_change_years: change(firstDuration, p, p.duration_years, years),
  });
}

export function explorerData(projects: readonly ProjectRow[], editions: readonly EditionRow[]): ExplorerData {
  const descriptions: string[] = [];
  const index = new Map<string, number>();
  const changes = explorerChanges(projects);
  const sorted = [...projects].sort((a, b) => cmp(b.edition, a.edition) || a.name.localeCompare(b.name, "fr") || a.source_row - b.source_row);
  const rows = sorted.map(({ description, ...project }): ExplorerRow => {
    const row = { ...project, ...changes({ ...project, description }) };
    if (description === null || description === "") return { ...row, description: null };
    let i = index.get(description);
    if (i === undefined) {
      i = descriptions.push(description) - 1;
      index.set(description, i);
    }
    return { ...row, description: i };
  });
  return {
    editions: [...editions].sort((a, b) => cmp(a.edition, b.edition)).map((e) => ({ edition: e.edition, label: e.label })),
    descriptions,
    rows,
  };
}

/** The project rows back, descriptions restored (what the browser does). */
export function inflateExplorer(data: ExplorerData): (ProjectRow & ExplorerChanges)[] {
  return data.rows.map((row) => ({ ...row, description: row.description === null ? null : (data.descriptions[row.description] ?? null) }));
}
