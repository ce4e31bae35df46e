// Data of the project explorer (docs/projets.md): every project row of every edition, with the
// descriptions stored once (many projects keep the same text from one edition to the next).
import type { EditionRow, ProjectRow } from "../schema.js";
import { cmp } from "../util.js";

export type ExplorerRow = Omit<ProjectRow, "description"> & {
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

export function explorerData(projects: readonly ProjectRow[], editions: readonly EditionRow[]): ExplorerData {
  const descriptions: string[] = [];
  const index = new Map<string, number>();
  const sorted = [...projects].sort((a, b) => cmp(b.edition, a.edition) || a.name.localeCompare(b.name, "fr") || a.source_row - b.source_row);
  const rows = sorted.map(({ description, ...row }): ExplorerRow => {
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
export function inflateExplorer(data: ExplorerData): ProjectRow[] {
  return data.rows.map((row) => ({ ...row, description: row.description === null ? null : (data.descriptions[row.description] ?? null) }));
}
