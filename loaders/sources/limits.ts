// Documented limits on input files. Sources come from the internet and from
// spreadsheets filled in by hand: beyond these limits a file is refused, before
// it is parsed, with a message saying which limit and what to do. The real
// editions are far below them (largest file: a 3.2 MB dashboard page; largest
// table: 61 projects × 18 columns; largest workbook: 0.3 MB uncompressed).

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
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
  /**
   * Cells of one workbook, all sheets (and, for XLSX, each of its row and shared-string elements):
   * SheetJS holds about 270 bytes per cell, so a 10 MB XLSX of 12 million small cells needs 3.2 GB.
   * Counted in the XML before SheetJS parses an XLSX; counted as read for XLS and ODS.
   */
  maxCells: number;
  /**
   * Workbooks bigger than this (XLSX and ODS uncompressed, XLS on disk) are read in a child process
   * with a memory cap (CHILD_LIMITS in read/sheetjs.ts), as every ODS is. Below it, an XLS holds at
   * most a sixth as many cells as bytes (a BIFF cell takes 6 bytes or more), within maxCells.
   */
  isolateAboveBytes: number;
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
  maxCells: 1_000_000,
  isolateAboveBytes: 4 * MiB,
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

/** `what`: "cells", "rows", "shared strings". */
export function tooManyCells(file: string, count: number | null, limits: Readonly<Limits> = LIMITS, what = "cells"): PanoramaError {
  return new PanoramaError(
    `the workbook holds ${count === null ? `more than ${limits.maxCells}` : count} ${what}, over the limit of ${limits.maxCells} (maxCells) per workbook; it was not parsed. An edition has about a thousand.`,
    { file },
    RAISE_HINT,
  );
}

export type LocalFile = { kind: "file"; bytes: Buffer } | { kind: "absent" } | { kind: "not-a-file"; what: string } | { kind: "too-large"; size: number };

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting (it is then refused).
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** What a non-regular file is, for messages. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a pipe (FIFO)";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "not a regular file";
}

function absent(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * A local file, read only when it is a regular file within `maxBytes`: it is opened without
 * waiting (a FIFO does not block), its type and size are checked on the open descriptor (fstat,
 * so nothing can swap the path in between), then the read stops one byte past the limit (the
 * file may grow). Folders, devices (/dev/zero), pipes and sockets are never read.
 */
export async function readLocalFile(path: string, maxBytes: number = LIMITS.maxFileBytes): Promise<LocalFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    if (absent(err)) return { kind: "absent" };
    if ((err as NodeJS.ErrnoException).code === "EISDIR") return { kind: "not-a-file", what: "a folder" };
    throw err;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: "not-a-file", what: kindOf(info) };
    if (info.size > maxBytes) return { kind: "too-large", size: info.size };
    const reads = fileBytes(info.size, maxBytes);
    for (let step = reads.next(); ; ) {
      if (step.done) return step.value;
      const { buffer, offset, length, position } = step.value;
      step = reads.next((await handle.read(buffer, offset, length, position)).bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** readLocalFile, synchronously (the catalogue is loaded synchronously). */
export function readLocalFileSync(path: string, maxBytes: number = LIMITS.maxFileBytes): LocalFile {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    if (absent(err)) return { kind: "absent" };
    if ((err as NodeJS.ErrnoException).code === "EISDIR") return { kind: "not-a-file", what: "a folder" };
    throw err;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: "not-a-file", what: kindOf(info) };
    if (info.size > maxBytes) return { kind: "too-large", size: info.size };
    const reads = fileBytes(info.size, maxBytes);
    for (let step = reads.next(); ; ) {
      if (step.done) return step.value;
      const { buffer, offset, length, position } = step.value;
      step = reads.next(readSync(fd, buffer, offset, length, position));
    }
  } finally {
    closeSync(fd);
  }
}

interface ReadRequest {
  buffer: Buffer;
  offset: number;
  length: number;
  position: number;
}

/**
 * The reads of a file of `size` bytes (as fstat gave it), one request at a time, each answered
 * with the number of bytes read; the same loop for the sync and async readers. Reads into a buffer
 * of that size, then one byte more: a file that grew since is read on, up to `maxBytes`.
 */
function* fileBytes(size: number, maxBytes: number): Generator<ReadRequest, LocalFile, number> {
  const probe = Buffer.alloc(1);
  let buffer: Buffer = Buffer.allocUnsafeSlow(size);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if ((yield { buffer: probe, offset: 0, length: 1, position: total }) === 0) break;
      if (total >= maxBytes) return { kind: "too-large", size: total + 1 };
      buffer = grow(buffer, total, maxBytes);
      buffer[total++] = probe[0]!;
      continue;
    }
    const bytesRead = yield { buffer, offset: total, length: buffer.length - total, position: total };
    if (bytesRead === 0) break;
    total += bytesRead;
  }
  return { kind: "file", bytes: exact(buffer, total) };
}

function grow(buffer: Buffer, total: number, maxBytes: number): Buffer {
  const grown = Buffer.allocUnsafeSlow(Math.min(maxBytes, Math.max(buffer.length * 2, total + 64 * 1024)));
  buffer.copy(grown, 0, 0, total);
  return grown;
}

/** An exact, unpooled buffer (some parsers look at the whole underlying ArrayBuffer): the one read into, when the file kept its size. */
function exact(buffer: Buffer, total: number): Buffer {
  if (total === buffer.length) return buffer;
  const bytes = Buffer.allocUnsafeSlow(total);
  buffer.copy(bytes, 0, 0, total);
  return bytes;
}

/**
 * The one way to read a local file a user names (a command's argument, the local catalogue):
 * readLocalFile's checks, each refusal a PanoramaError naming the file (`name`, as the user wrote it).
 */
export async function readLocalInput(path: string, name: string = path, limits: Readonly<Limits> = LIMITS): Promise<Buffer> {
  let local: LocalFile;
  try {
    local = await readLocalFile(path, limits.maxFileBytes);
  } catch (err) {
    throw cannotRead(name, err);
  }
  return localBytes(local, name, limits);
}

/** readLocalInput, synchronously; null when the file does not exist. */
export function readLocalInputSync(path: string, name: string = path, limits: Readonly<Limits> = LIMITS): Buffer | null {
  let local: LocalFile;
  try {
    local = readLocalFileSync(path, limits.maxFileBytes);
  } catch (err) {
    throw cannotRead(name, err);
  }
  return local.kind === "absent" ? null : localBytes(local, name, limits);
}

function cannotRead(path: string, err: unknown): PanoramaError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === "EACCES" || code === "EPERM" ? "permission denied" : (err as Error).message;
  return new PanoramaError(`cannot read the file: ${why}.`, { file: path }, "Check the path and its permissions.", { cause: err });
}

function localBytes(local: LocalFile, path: string, limits: Readonly<Limits>): Buffer {
  switch (local.kind) {
    case "file":
      return local.bytes;
    case "absent":
      throw new PanoramaError("cannot read the file: no such file.", { file: path }, "Check the path.");
    case "not-a-file":
      throw new PanoramaError(
        `cannot read the file: it is ${local.what}, not a ${local.what === "a folder" ? "" : "regular "}file; only regular files are read.`,
        { file: path },
        "Give the path of a saved edition file (CSV, XLS, XLSX, ODS or HTML).",
      );
    case "too-large":
      throw fileTooLarge(local.size, path, limits);
  }
}
