// Documented limits on input files. Sources come from the internet and from
// spreadsheets filled in by hand: beyond these limits a file is refused, before
// it is parsed, with a message saying which limit and what to do. The real
// editions are far below them (largest file: a 3.2 MB dashboard page; largest
// table: 61 projects × 18 columns; largest workbook: 0.3 MB uncompressed).

import { open, stat } from "node:fs/promises";
import { PanoramaError } from "../errors.js";

export interface Limits {
  /** Bytes of one source file, checked on disk (stat) before it is read, and on download. */
  maxFileBytes: number;
  /** Non-blank rows of one sheet or table, header included. */
  maxRows: number;
  /** Columns of one sheet or table, up to the last non-blank cell of a row. */
  maxColumns: number;
  /** Characters of one cell (Excel's own limit); a longer cell is an anomaly, its value left out. */
  maxCellChars: number;
  /** Entries of a zip container (XLSX, ODS). */
  maxZipEntries: number;
  /** Bytes of all the entries of a zip container once uncompressed. */
  maxZipUncompressedBytes: number;
  /** Uncompressed ÷ compressed size of one zip entry, checked for entries over `zipRatioFloorBytes`. */
  maxZipRatio: number;
  /** Entries smaller than this, uncompressed, are not checked for their ratio (a tiny entry cannot explode). */
  zipRatioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 50 * MiB,
  maxRows: 200_000,
  maxColumns: 200,
  maxCellChars: 32_767,
  maxZipEntries: 10_000,
  maxZipUncompressedBytes: 200 * MiB,
  maxZipRatio: 100,
  zipRatioFloorBytes: 1 * MiB,
});

const RAISE_HINT =
  "Check that the file is a Panorama edition (the real ones are a few MB at most); if it is genuine, raise the limit in loaders/sources/limits.ts.";

/** "52 428 800 bytes (50 MiB)" */
export function formatBytes(n: number): string {
  const bytes = new Intl.NumberFormat("en-US").format(n).replaceAll(",", " ");
  return n >= MiB ? `${bytes} bytes (${Math.round((n / MiB) * 10) / 10} MiB)` : `${bytes} bytes`;
}

export function fileTooLarge(size: number, file: string, limits: Readonly<Limits> = LIMITS): PanoramaError {
  return new PanoramaError(
    `the file is ${formatBytes(size)}, over the limit of ${formatBytes(limits.maxFileBytes)} for a source file; it was not read.`,
    { file },
    RAISE_HINT,
  );
}

/** Throws when a file of `size` bytes is over the limit. */
export function checkFileSize(size: number, file: string, limits: Readonly<Limits> = LIMITS): void {
  if (size > limits.maxFileBytes) throw fileTooLarge(size, file, limits);
}

export function tooManyRows(file: string, row: number, limits: Readonly<Limits> = LIMITS): PanoramaError {
  return new PanoramaError(
    `the table has more than ${limits.maxRows} non-blank rows (limit reached at row ${row}); an edition lists a few dozen projects.`,
    { file, row },
    RAISE_HINT,
  );
}

export function tooManyColumns(file: string, row: number, column: number, limits: Readonly<Limits> = LIMITS): PanoramaError {
  return new PanoramaError(
    `this row has a value in column ${column}, beyond the limit of ${limits.maxColumns} columns; an edition has about twenty.`,
    { file, row },
    RAISE_HINT,
  );
}

export type LocalFile = { kind: "file"; bytes: Buffer } | { kind: "absent" } | { kind: "not-a-file" } | { kind: "too-large"; size: number };

/**
 * A local file, read only when it is a regular file within `maxBytes`: its size is
 * checked on disk first, then the read stops one byte past the limit (the file may
 * grow in between). Folders, devices and pipes (/dev/zero) are never read.
 */
export async function readLocalFile(path: string, maxBytes: number = LIMITS.maxFileBytes): Promise<LocalFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { kind: "not-a-file" };
    size = info.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "absent" };
    throw err;
  }
  if (size > maxBytes) return { kind: "too-large", size };
  const handle = await open(path, "r");
  try {
    // One spare byte tells a file that grew since stat.
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, size + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) return { kind: "too-large", size: total };
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    // An exact, unpooled buffer: some parsers look at the whole underlying ArrayBuffer.
    const bytes = Buffer.allocUnsafeSlow(total);
    buffer.copy(bytes, 0, 0, total);
    return { kind: "file", bytes };
  } finally {
    await handle.close();
  }
}
