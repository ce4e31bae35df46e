// What changed between two files of an edition (DINUM republishes some: July 2021 was uploaded twice):
// rows added, rows removed and cells changed, keyed by project. Pure: files in, differences out.
import { projectSlug } from "../normalize/index.js";
import { PROJECT_COLUMNS, type ProjectRow, type SourceFormat, type SourceKind } from "../schema.js";
import { normalizeSourceFile, type SourceFile } from "./pipeline.js";

/** The columns compared: every published value, not where it sits (row, file) nor the key itself. */
export const DIFF_COLUMNS = PROJECT_COLUMNS.map((c) => c.name).filter(
  (n) => !["edition", "project_key", "source_kind", "source_file", "source_row"].includes(n),
) as (keyof ProjectRow)[];

export interface DiffSide {
  file: string;
  url: string | null;
  sha256: string;
  format: SourceFormat;
  kind: SourceKind;
  /** The edition the file states (dashboard page), else null. */
  edition: string | null;
  rows: number;
  anomalies: number;
}

export interface DiffRow {
  /** The project's key within the file: the slug of its name ("#2" for a second row of the same name). */
  key: string;
  name: string;
  row: number;
}

export type DiffValue = ProjectRow[keyof ProjectRow];

export interface CellChange {
  column: keyof ProjectRow;
  before: DiffValue;
  after: DiffValue;
}

export interface ChangedRow {
  key: string;
  name: string;
  before_row: number;
  after_row: number;
  changes: CellChange[];
}

export interface EditionDiff {
  before: DiffSide;
  after: DiffSide;
  /** Same bytes (same sha256). */
  identical: boolean;
  added: DiffRow[];
  removed: DiffRow[];
  changed: ChangedRow[];
  /** Rows found in both files with every compared value equal. */
  unchanged: number;
}

interface Normalized {
  side: DiffSide;
  rows: ProjectRow[];
}

function normalized(source: SourceFile): Normalized {
  const { edition, kind, normalized: n } = normalizeSourceFile(source, null);
  return {
    side: {
      file: source.file,
      url: source.url,
      sha256: source.sha256,
      format: source.read.format,
      kind,
      edition,
      rows: n.projects.length,
      anomalies: n.anomalies.length,
    },
    rows: n.projects,
  };
}

/** Rows by project key; a name listed twice gets "#2", "#3"… in file order. */
function keyed(rows: readonly ProjectRow[]): Map<string, ProjectRow> {
  const byKey = new Map<string, ProjectRow>();
  for (const row of rows) {
    const slug = projectSlug(row.name);
    let key = slug;
    for (let n = 2; byKey.has(key); n++) key = `${slug}#${n}`;
    byKey.set(key, row);
  }
  return byKey;
}

const same = (a: DiffValue, b: DiffValue) => (Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b);

/** The differences between two files of an edition, keyed by project, in the order of the files. */
export function diffEditions(beforeFile: SourceFile, afterFile: SourceFile): EditionDiff {
  const before = normalized(beforeFile);
  const after = normalized(afterFile);
  const a = keyed(before.rows);
  const b = keyed(after.rows);
  const changed: ChangedRow[] = [];
  let unchanged = 0;
  for (const [key, row] of a) {
    const other = b.get(key);
    if (!other) continue;
    const changes = DIFF_COLUMNS.filter((c) => !same(row[c], other[c])).map((column) => ({ column, before: row[column], after: other[column] }));
    if (changes.length) changed.push({ key, name: other.name, before_row: row.source_row, after_row: other.source_row, changes });
    else unchanged++;
  }
  const only = (from: Map<string, ProjectRow>, other: Map<string, ProjectRow>) =>
    [...from].filter(([key]) => !other.has(key)).map(([key, row]) => ({ key, name: row.name, row: row.source_row }));
  return {
    before: before.side,
    after: after.side,
    identical: before.side.sha256 === after.side.sha256,
    added: only(b, a),
    removed: only(a, b),
    changed,
    unchanged,
  };
}

/** "2 rows added, 1 removed, 3 changed (5 cells)", or "no difference in the rows". */
export function diffSummary(d: EditionDiff): string {
  const cells = d.changed.reduce((n, c) => n + c.changes.length, 0);
  if (d.added.length + d.removed.length + d.changed.length === 0) return "no difference in the rows";
  const rows = (n: number) => `${n} row${n === 1 ? "" : "s"}`;
  return `${rows(d.added.length)} added, ${d.removed.length} removed, ${d.changed.length} changed (${cells} cell${cells === 1 ? "" : "s"})`;
}
