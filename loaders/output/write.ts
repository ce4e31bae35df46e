import { lstat, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { DuckDBAppender, DuckDBConnection, DuckDBDateValue, DuckDBListType } from "@duckdb/node-api";
import { PanoramaError } from "../errors.js";
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

/**
 * Writes `panorama.duckdb` (readable by DuckDB-WASM 1.29: storage v1.0.0) and one
 * Parquet file per table into `outDir`. Everything is built in a temporary folder
 * inside `outDir` and renamed at the end, so a failure leaves previous outputs intact.
 */
export async function writeOutputs(tables: readonly TableData[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const tmp = await mkdtemp(join(outDir, `${TEMP_PREFIX}${process.pid}-`));
  try {
    const dbPath = join(tmp, DATABASE_FILE);
    await writeDatabase(tables, dbPath, tmp);
    const written = [DATABASE_FILE, ...tables.map((t) => parquetFile(t.name))];
    // Every file is replaced by a rename; what would make one fail is checked before the first.
    for (const file of written) await checkReplaceable(join(outDir, file));
    for (const file of written) await rename(join(tmp, file), join(outDir, file));
    await removeStaleTempDirs(outDir);
    return written.map((f) => join(outDir, f));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temp folders that runs killed mid-write left in `outDir`: those of a
 * process that no longer runs. A run still writing (another process) keeps its own.
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
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** Writes the database at `dbPath` and, when `parquetDir` is given, one Parquet file per table there. */
export async function writeDatabase(tables: readonly TableData[], dbPath: string, parquetDir?: string): Promise<void> {
  // Loaded on first use: a run with nothing to write does not pay for the native module. require(),
  // not import(): importing this CommonJS package from ESM costs about 75 ms more (export detection).
  const { DuckDBInstance, dateValue, LIST, VARCHAR } = createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");
  const values: Values = { dateValue, varcharList: LIST(VARCHAR) };
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  try {
    // Compressed blocks differ from one run to the next for the same rows; uncompressed ones,
    // written by one thread, do not: the same data always gives the same file (a reproducible site).
    await connection.run("SET force_compression = 'uncompressed'");
    const escaped = dbPath.replaceAll("'", "''");
    await connection.run(`ATTACH '${escaped}' AS out (STORAGE_VERSION 'v1.0.0')`);
    for (const table of tables) await fillTable(connection, table, "out", values);
    if (parquetDir) {
      for (const table of tables) {
        const target = join(parquetDir, parquetFile(table.name)).replaceAll("'", "''");
        await connection.run(`COPY out.main.${quote(table.name)} TO '${target}' (FORMAT parquet, COMPRESSION zstd)`);
      }
    }
    await connection.run("DETACH out");
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
