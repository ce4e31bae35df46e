// `panorama editions diff <file-or-url> <file-or-url>`: rows added, removed and changed between two files of an edition.
import { readFileOrUrl } from "../sources/index.js";
import { diffEditions, diffSummary, sourceFile, type ChangedRow, type DiffRow, type DiffSide, type DiffValue, type EditionDiff } from "../build/index.js";
import type { Io } from "./io.js";

// Values come from the files: quoted, and C1 control characters (some terminals read U+009B as CSI)
// escaped as JSON escapes the C0 ones.
const C1 = /[\u007f-\u009f]/g;
export const quoteValue = (v: DiffValue | string): string =>
  v === null ? "(empty)" : JSON.stringify(v).replace(C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const MAX_LINES = 200;

function sideLine(label: string, s: DiffSide): string {
  const edition = s.edition ? `, edition ${s.edition}` : "";
  return `${label.padEnd(10)} ${quoteValue(s.url ?? s.file)} (${s.format}, ${s.kind}, ${s.rows} rows, ${s.anomalies} anomalies${edition}, sha256 ${s.sha256})`;
}

/** The differences as printed, one change per line, at most MAX_LINES listed. */
export function diffLines(d: EditionDiff): string[] {
  const lines = [sideLine("before", d.before), sideLine("after", d.after)];
  lines.push(`bytes      ${d.identical ? "identical (same sha256)" : "different"}`);
  const detail: string[] = [];
  const row = (sign: string, r: DiffRow) => `  ${sign} ${quoteValue(r.name)} (row ${r.row}, key ${r.key})`;
  for (const r of d.added) detail.push(row("+", r));
  for (const r of d.removed) detail.push(row("-", r));
  for (const c of d.changed) detail.push(...changedLines(c));
  lines.push(`rows       ${diffSummary(d)}; ${d.unchanged} unchanged`);
  lines.push(...detail.slice(0, MAX_LINES));
  if (detail.length > MAX_LINES) lines.push(`  … and ${detail.length - MAX_LINES} more lines (--json gives them all)`);
  return lines;
}

function changedLines(c: ChangedRow): string[] {
  const rows = c.before_row === c.after_row ? `row ${c.after_row}` : `row ${c.before_row} → ${c.after_row}`;
  return [`  ~ ${quoteValue(c.name)} (${rows}, key ${c.key})`, ...c.changes.map((x) => `      ${x.column}: ${quoteValue(x.before)} → ${quoteValue(x.after)}`)];
}

export async function runDiff(before: string, after: string, json: boolean, io: Io): Promise<number> {
  const read = async (input: string) => {
    const f = await readFileOrUrl(input, io.env, io.cwd);
    return sourceFile(f.bytes, f.url ? f.file : input, f.url);
  };
  const diff = diffEditions(await read(before), await read(after));
  if (json) io.out(JSON.stringify(diff, null, 2));
  else for (const line of diffLines(diff)) io.out(line);
  return 0;
}
