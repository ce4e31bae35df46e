// SheetJS, in this process or in a child process. An ODS sheet can make SheetJS write one cell
// millions of times (table:number-columns-repeated × table:number-rows-repeated on a cell with a
// value), and a 10 MB XLSX can hold 12 million small cells (3.2 GB once parsed); V8 then aborts the
// whole process, which no try/catch survives. ODS workbooks, and XLSX or XLS ones over
// LIMITS.isolateAboveBytes, are read in a child process with a memory cap and a time limit, whose
// failure becomes a PanoramaError; either way no more than LIMITS.maxCells cells come out.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import type * as XLSX from "xlsx";
import { PanoramaError } from "../errors.js";
import { LIMITS, tooManyCells } from "../sources/index.js";

export type SheetJsCell = Pick<XLSX.CellObject, "t" | "v">;

/** One worksheet as SheetJS read it: rows by index (from 0), cells by column, holes left out. */
export interface SheetCells {
  name: string;
  rows: [number, [number, SheetJsCell][]][];
  merges: XLSX.Range[];
}

// SheetJS is loaded on first use: most runs read no workbook.
let xlsx: typeof XLSX | null = null;
export const sheetjs = (): typeof XLSX => (xlsx ??= createRequire(import.meta.url)("xlsx") as typeof XLSX);

/**
 * The cells of a workbook read with `dense: true`; a sparse row or sheet is walked by its keys, not
 * its length. Self-contained: the child process runs its source text (no TypeScript loader there).
 */
export function sheetCells(workbook: XLSX.WorkBook, maxCells: number): SheetCells[] {
  // A damaged reference ("C" without its row) can leave a cell under the key "-1" or "NaN": only
  // array indices are cells, in increasing order (Object.keys lists them first, in that order).
  const index = /^(?:0|[1-9][0-9]{0,9})$/;
  let count = 0;
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name];
    const data = sheet?.["!data"] ?? [];
    const rows: SheetCells["rows"] = [];
    for (const r of Object.keys(data)
      .filter((k) => index.test(k))
      .map(Number)) {
      const row = data[r];
      if (!row) continue;
      const cells: [number, SheetJsCell][] = [];
      for (const c of Object.keys(row)
        .filter((k) => index.test(k))
        .map(Number)) {
        const cell = row[c];
        if (!cell) continue;
        // Marker read by cellsOverLimit (a plain Error: the child has no PanoramaError).
        if (++count > maxCells) throw new Error(`TOO_MANY_CELLS ${maxCells}`);
        cells.push([c, { t: cell.t, v: cell.v }]);
      }
      rows.push([r, cells]);
    }
    return { name, rows, merges: sheet?.["!merges"] ?? [] };
  });
}

export function unreadable(file: string, format: string, why: string, cause?: unknown): PanoramaError {
  return new PanoramaError(
    `the ${format.toUpperCase()} workbook cannot be read (${why}); the file is damaged or not a spreadsheet.`,
    { file },
    "Delete the cached copy and download it again; if it still fails, check that it opens in a spreadsheet program.",
    cause === undefined ? undefined : { cause },
  );
}

/** Memory and time given to the child process: far above what a real edition needs (a few MB, well under a second). */
export const CHILD_LIMITS = { heapMB: 1024, timeoutMs: 60_000 };

// The child reads the bytes on stdin and answers with the cells as JSON on stdout (fd 1).
const CHILD = `
const [xlsxPath, options, maxCells] = process.argv.slice(1);
const XLSX = require(xlsxPath);
const fs = require("node:fs");
let out;
try {
  out = (${sheetCells.toString()})(XLSX.read(fs.readFileSync(0), JSON.parse(options)), Number(maxCells));
} catch (e) {
  out = { error: String((e && e.message) || e) };
}
fs.writeSync(1, JSON.stringify(out));
`;

const OUT_OF_MEMORY = /heap out of memory|invalid size error|invalid array length|allocation failed/i;

/** True when `error` is sheetCells' refusal of a workbook over the cell limit. */
export function cellsOverLimit(error: unknown): boolean {
  return /^TOO_MANY_CELLS \d+$/.test(error instanceof Error ? error.message : String(error));
}

/**
 * Reads a workbook in a child process; a crash, the memory cap or the time limit gives a
 * PanoramaError; more than `maxCells` cells gives tooManyCells.
 */
export function readIsolated(
  bytes: Uint8Array,
  file: string,
  format: string,
  options: XLSX.ParsingOptions,
  limits = CHILD_LIMITS,
  maxCells: number = LIMITS.maxCells,
): SheetCells[] {
  const xlsxPath = createRequire(import.meta.url).resolve("xlsx");
  const args = [`--max-old-space-size=${limits.heapMB}`, "-e", CHILD, xlsxPath, JSON.stringify(options), String(maxCells)];
  const child = spawnSync(process.execPath, args, {
    input: bytes,
    maxBuffer: 1024 * 1024 * 1024,
    timeout: limits.timeoutMs,
    killSignal: "SIGKILL",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const stderr = child.stderr?.toString("utf8") ?? "";
  if ((child.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") {
    throw unreadable(file, format, `reading it took more than ${limits.timeoutMs / 1000} s; a repeated row or column can ask for millions of cells`);
  }
  if (child.error) throw unreadable(file, format, `the reader process failed: ${child.error.message}`, child.error);
  if (child.status !== 0) {
    const why = OUT_OF_MEMORY.test(stderr)
      ? `it asks for more cells than ${limits.heapMB} MB of memory hold; a repeated row or column (table:number-rows-repeated, table:number-columns-repeated) or millions of small cells can`
      : `the reader process stopped (${child.signal ?? `exit code ${child.status}`})`;
    throw unreadable(file, format, why);
  }
  let out: SheetCells[] | { error: string };
  try {
    out = JSON.parse(child.stdout.toString("utf8")) as SheetCells[] | { error: string };
  } catch (cause) {
    throw unreadable(file, format, "the reader process gave no result", cause);
  }
  if (!Array.isArray(out)) throw cellsOverLimit(out.error) ? tooManyCells(file, null, { ...LIMITS, maxCells }) : unreadable(file, format, out.error);
  return out;
}
