import { constants } from "node:fs";
import { access, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { DuckDBAppender, DuckDBConnection, DuckDBDateValue, DuckDBListType } from "@duckdb/node-api";
import { PanoramaError } from "../errors.js";
import { isAlive, withLock } from "../sources/index.js";
import { duckdbApi, localDatabasePath, openDuckDB } from "./duckdb.js";
import type { ColumnDef } from "../schema.js";

export interface TableData {
  name: string;
  columns: readonly ColumnDef[];
  rows: readonly object[];
}

export const DATABASE_FILE = "panorama.duckdb";
export const parquetFile = (table: string) => `${table}.parquet`;

const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;

export function createTableSql(table: TableData, schema = "main"): string {
  const cols = table.columns.map((c) => `${quote(c.name)} ${c.type}`).join(", ");
  return `CREATE TABLE ${quote(schema)}.${quote(table.name)} (${cols})`;
}

/** Days since 1970-01-01 for an ISO `YYYY-MM-DD` date. */
export function isoToEpochDays(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new TypeError(`not an ISO date: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

type DateValue = (days: number) => DuckDBDateValue;

interface Values {
  dateValue: DateValue;
  varcharList: DuckDBListType;
}

function appendValue(appender: DuckDBAppender, column: ColumnDef, value: unknown, table: string, values: Values): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  const wrong = () => new TypeError(`${table}.${column.name}: expected ${column.type}, got ${JSON.stringify(value)}`);
  switch (column.type) {
    case "VARCHAR":
      if (typeof value !== "string") throw wrong();
      appender.appendVarchar(value);
      return;
    case "VARCHAR[]":
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw wrong();
      appender.appendList(value, values.varcharList);
      return;
    case "DOUBLE":
      if (typeof value !== "number" || !Number.isFinite(value)) throw wrong();
      appender.appendDouble(value);
      return;
    case "INTEGER":
      if (typeof value !== "number" || !Number.isInteger(value)) throw wrong();
      appender.appendInteger(value);
      return;
    case "BOOLEAN":
      if (typeof value !== "boolean") throw wrong();
      appender.appendBoolean(value);
      return;
    case "DATE":
      if (typeof value !== "string") throw wrong();
      appender.appendDate(values.dateValue(isoToEpochDays(value)));
      return;
  }
}

/**
 * The error for a row whose keys are not exactly the table's columns: a misspelt or missing key
 * would otherwise leave a column all NULL.
 */
function keysError(table: TableData, index: number): PanoramaError {
  const record = table.rows[index] as Record<string, unknown>;
  const names = new Set(table.columns.map((c) => c.name));
  const missing = table.columns.filter((c) => record[c.name] === undefined).map((c) => `"${c.name}"`);
  const unknown = Object.keys(record)
    .filter((k) => !names.has(k))
    .map((k) => `"${k}"`);
  const problems = [
    missing.length ? `no value for the column(s) ${missing.join(", ")}` : null,
    unknown.length ? `the key(s) ${unknown.join(", ")}, which are not columns of the table` : null,
  ].filter(Boolean);
  return new PanoramaError(
    `table "${table.name}", row at index ${index}: ${problems.join("; and ")}.`,
    {},
    "Every row must have exactly the table's columns (loaders/schema.ts), null for an unknown value.",
  );
}

async function fillTable(connection: DuckDBConnection, table: TableData, catalog: string, values: Values): Promise<void> {
  await connection.run(createTableSql(table, "main").replace(`"main".`, `${quote(catalog)}."main".`));
  const appender = await connection.createAppender(table.name, "main", catalog);
  const { columns, rows } = table;
  try {
    for (let i = 0; i < rows.length; i++) {
      const record = rows[i] as Record<string, unknown>;
      // Every column has a value and there are as many keys as columns: no key is unknown.
      if (Object.keys(record).length !== columns.length) throw keysError(table, i);
      for (const column of columns) {
        const value = record[column.name];
        if (value === undefined) throw keysError(table, i);
        appendValue(appender, column, value, table.name, values);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** The file operations that replace outputs: a seam, so that tests can make each one fail in turn. */
export interface OutputFs {
  rename(from: string, to: string): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  rm(path: string): Promise<void>;
}

export const NODE_OUTPUT_FS: OutputFs = {
  rename,
  writeFile: (path, data) => writeFile(path, data, { flag: "wx" }),
  rm: (path) => rm(path, { recursive: true, force: true }),
};

export interface WriteOptions {
  /** Small files written and switched in with the tables, last (the manifest). */
  extra?: readonly { name: string; data: string }[];
  fs?: OutputFs;
}

export const LOCK_FILE = ".panorama.lock";

/**
 * Writes `panorama.duckdb` (readable by DuckDB-WASM 1.29: storage v1.0.0) and one Parquet file
 * per table into `outDir`, all or nothing: everything is built in a temporary folder inside
 * `outDir`, then switched in (see replaceAll); a failure at any step leaves the previous outputs
 * as they were. Writers of one folder take turns (its lock file).
 */
export async function writeOutputs(tables: readonly TableData[], outDir: string, opts: WriteOptions = {}): Promise<string[]> {
  const dir = await prepareOutDir(outDir);
  const names = await withLock(join(dir, LOCK_FILE), `the output folder ${outDir}`, () => writeOutputsLocked(tables, dir, opts));
  return names.map((name) => join(outDir, name));
}

/** writeOutputs into the absolute folder `outDir`, for a caller that holds its lock; returns the names of the files written. */
export async function writeOutputsLocked(tables: readonly TableData[], outDir: string, opts: WriteOptions = {}): Promise<string[]> {
  const fs = opts.fs ?? NODE_OUTPUT_FS;
  await removeStaleTempDirs(outDir);
  const tmp = await mkdtemp(join(outDir, `${TEMP_PREFIX}${process.pid}-`));
  let keep = false;
  try {
    await writeDatabase(tables, join(tmp, DATABASE_FILE), tmp);
    for (const { name, data } of opts.extra ?? []) await writeFile(join(tmp, name), data, { flag: "wx" });
    const written = [DATABASE_FILE, ...tables.map((t) => parquetFile(t.name)), ...(opts.extra ?? []).map((e) => e.name)];
    // What would make a rename fail is checked before the first.
    for (const file of written) await checkReplaceable(join(outDir, file));
    try {
      await replaceAll(outDir, tmp, written, fs);
    } catch (err) {
      keep = err instanceof NotRestored;
      throw err;
    }
    return written;
  } finally {
    // A swap that could not be undone keeps its folder: the next run finishes the rollback.
    if (!keep) await rm(tmp, { recursive: true, force: true });
  }
}

/** `outDir` made absolute and created; a URL, a DuckDB special name or a path that is not a folder is refused. */
export async function prepareOutDir(outDir: string): Promise<string> {
  const dir = localDatabasePath(outDir);
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new PanoramaError(
      "the output path is not a folder; no output was written.",
      { file: outDir },
      "Give a folder with --out (it is created if missing).",
    );
  }
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOTDIR" ? "a part of the path is a file" : (err as Error).message;
    throw new PanoramaError(
      `the output folder cannot be written (${why}); no output was written.`,
      { file: outDir },
      "Give a folder you can write to with --out.",
      {
        cause: err,
      },
    );
  }
  return dir;
}

/** A switch that failed and could not be undone: its temp folder keeps the previous files. */
class NotRestored extends PanoramaError {}

const PREVIOUS = "previous";
const PLAN = "replace.json";
const DONE = "done";

/**
 * Switches the files `names` of `tmp` into `outDir`: the plan is written first, then every previous
 * file is moved aside into `tmp/previous` (the manifest first), then every new file is moved in
 * (the manifest last), then the switch is marked done. When a step fails, the steps already made
 * are undone (rollBack), so the folder holds the previous outputs or the new ones, never a mix;
 * a run killed in between is rolled back by the next one (removeStaleTempDirs).
 */
async function replaceAll(outDir: string, tmp: string, names: readonly string[], fs: OutputFs): Promise<void> {
  const order = [...names].reverse();
  try {
    await fs.writeFile(join(tmp, PLAN), JSON.stringify(names));
    await mkdir(join(tmp, PREVIOUS));
    for (const name of order) {
      if (await exists(join(outDir, name))) await fs.rename(join(outDir, name), join(tmp, PREVIOUS, name));
    }
    for (const name of names) await fs.rename(join(tmp, name), join(outDir, name));
    await fs.writeFile(join(tmp, DONE), "");
  } catch (err) {
    const what = describeFsError(err);
    try {
      await rollBack(outDir, tmp, names, fs);
    } catch (undo) {
      throw new NotRestored(
        `the outputs could not be replaced (${what}), nor the previous ones put back (${describeFsError(undo)}); the previous files are in ${join(tmp, PREVIOUS)}.`,
        { file: outDir },
        "Fix the folder's permissions, then run again: the next run puts the previous files back first.",
        { cause: err },
      );
    }
    throw new PanoramaError(
      `the outputs could not be replaced (${what}); the previous outputs were restored, nothing changed.`,
      { file: outDir },
      "Check that you may replace the files of the output folder (owner, permissions, sticky bit), or write to another folder.",
      { cause: err },
    );
  }
}

/** Undoes a switch that began (its plan exists) and was not marked done; reads only what is on disk. */
async function rollBack(outDir: string, tmp: string, names: readonly string[], fs: OutputFs): Promise<void> {
  for (const name of names) {
    const movedIn = !(await exists(join(tmp, name))) && (await exists(join(outDir, name)));
    const previous = join(tmp, PREVIOUS, name);
    if (await exists(previous)) await fs.rename(previous, join(outDir, name));
    else if (movedIn) await fs.rm(join(outDir, name));
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return false;
      throw err;
    },
  );
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { dest?: string };
  if (e?.code && e.syscall) return `${e.syscall} ${e.path ? `${e.path}` : ""}${e.dest ? ` → ${e.dest}` : ""}: ${e.code}`;
  return err instanceof Error ? err.message : String(err);
}

async function checkReplaceable(path: string): Promise<void> {
  const info = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  if (info?.isDirectory()) {
    throw new PanoramaError(
      "an output file cannot be replaced: this path is a folder; no output was changed.",
      { file: path },
      "Move it out of the output folder, then run again.",
    );
  }
}

export const TEMP_PREFIX = ".panorama-tmp-";
const TEMP_DIR = /^\.panorama-tmp-(?:(\d+)-)?/;
/** A temp folder without a process id (older runs) is stale after this long. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes the temp folders that runs killed mid-write left in `outDir`: those of a process that no
 * longer runs. A switch such a run began and did not finish is rolled back first, so the previous
 * outputs are whole again. A run still writing (another process) keeps its own.
 */
export async function removeStaleTempDirs(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    const m = TEMP_DIR.exec(entry.name);
    if (!m || !entry.isDirectory()) continue;
    const path = join(outDir, entry.name);
    const pid = m[1] === undefined ? null : Number(m[1]);
    const stale =
      pid !== null
        ? pid !== process.pid && !isAlive(pid)
        : Date.now() -
            (await stat(path).then(
              (s) => s.mtimeMs,
              () => Date.now(),
            )) >
          STALE_AFTER_MS;
    if (!stale) continue;
    const plan = await readFile(join(path, PLAN), "utf8").then(
      (text) => JSON.parse(text) as unknown,
      () => null,
    );
    if (Array.isArray(plan) && !(await exists(join(path, DONE)))) {
      const names = plan.filter((n): n is string => typeof n === "string" && n === basename(n) && n !== "." && n !== "..");
      await rollBack(outDir, path, names, NODE_OUTPUT_FS);
    }
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** Writes the database at `dbPath` and, when `parquetDir` is given, one Parquet file per table there. */
export async function writeDatabase(tables: readonly TableData[], dbPath: string, parquetDir?: string): Promise<void> {
  const { dateValue, LIST, VARCHAR } = duckdbApi();
  const values: Values = { dateValue, varcharList: LIST(VARCHAR) };
  const { connection, close } = await openDuckDB(":memory:", { threads: "1" });
  try {
    // Compressed blocks differ from one run to the next for the same rows; uncompressed ones,
    // written by one thread, do not: the same data always gives the same file (a reproducible site).
    await connection.run("SET force_compression = 'uncompressed'");
    const escaped = localDatabasePath(dbPath).replaceAll("'", "''");
    await connection.run(`ATTACH '${escaped}' AS out (STORAGE_VERSION 'v1.0.0')`);
    for (const table of tables) await fillTable(connection, table, "out", values);
    if (parquetDir) {
      for (const table of tables) {
        const target = join(localDatabasePath(parquetDir), parquetFile(table.name)).replaceAll("'", "''");
        await connection.run(`COPY out.main.${quote(table.name)} TO '${target}' (FORMAT parquet, COMPRESSION zstd)`);
      }
    }
    await connection.run("DETACH out");
  } finally {
    close();
  }
}
