// Analysis pages' queries at build time. `docs/<page>.json.sql` holds named queries; Framework runs
// it as a data loader (the `.sql` interpreter in observablehq.config.ts runs scripts/queries/run.ts)
// and the page reads `<page>.json`: each query's typed columns and rows, run with
// @duckdb/node-api on the site's panorama.duckdb. A failing query fails the build.
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openDuckDB } from "../../loaders/index.js";
import { kindOf, type PagePayload, type QueryColumn, type QueryPayload } from "../../docs/components/query-results.js";
import { writtenHeaders } from "../../docs/components/sql-headers.js";

export class QueryError extends Error {}

export interface NamedQuery {
  name: string;
  sql: string;
  /** 1-based line of the `-- name:` marker in the file. */
  line: number;
}

const MARKER = /^\s*--\s*name\s*:\s*(.*?)\s*$/i;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const hasCode = (text: string) => text.split("\n").some((l) => l.trim() !== "" && !l.trim().startsWith("--"));

/** The first line of a query that is not a comment, for messages. */
export function firstLine(sql: string): string {
  return (
    sql
      .split("\n")
      .find((l) => l.trim() !== "" && !l.trim().startsWith("--"))
      ?.trim() ?? ""
  );
}

/** The queries of a `.json.sql` file: each starts with a `-- name: <identifier>` line. */
export function parseQueries(text: string, file: string): NamedQuery[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const queries: NamedQuery[] = [];
  let current: { name: string; line: number; body: string[] } | null = null;
  const head: string[] = [];
  const close = () => {
    if (!current) return;
    const sql = current.body.join("\n").trim().replace(/;\s*$/, "").trimEnd();
    if (!hasCode(sql)) throw new QueryError(`${file}:${current.line}: query "${current.name}" is empty: write a SELECT after its "-- name:" line.`);
    queries.push({ name: current.name, sql, line: current.line });
  };
  lines.forEach((l, i) => {
    const marker = MARKER.exec(l);
    if (!marker) {
      (current ? current.body : head).push(l);
      return;
    }
    close();
    const name = marker[1]!;
    if (!IDENTIFIER.test(name)) {
      throw new QueryError(
        `${file}:${i + 1}: "${name}" is not a valid query name: use letters, digits and _ (e.g. "-- name: parEdition"), it becomes a variable of the page.`,
      );
    }
    if (queries.some((q) => q.name === name)) throw new QueryError(`${file}:${i + 1}: the query name "${name}" is used twice.`);
    current = { name, line: i + 1, body: [] };
  });
  close();
  if (hasCode(head.join("\n"))) {
    throw new QueryError(`${file}: SQL before the first "-- name: <nom>" line: start each query with a line "-- name: <nom>".`);
  }
  if (queries.length === 0) throw new QueryError(`${file}: no query: start each query with a line "-- name: <nom>".`);
  return queries;
}

/** A value as JSON: numbers for every numeric type, ISO text for dates, plain objects and arrays. */
export function jsonValue(value: unknown, kind: QueryColumn["kind"]): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "date") return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number(value);
  if (kind === "number") return Number(value);
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("");
  if (Array.isArray(value)) return value.map((v) => jsonValue(v, "other"));
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v, "other")]));
  return value;
}

/** Runs every query on the database at `dbPath` (read-only, no extension, no file outside it). */
export async function runQueries(dbPath: string, queries: readonly NamedQuery[], file: string): Promise<Record<string, QueryPayload>> {
  const { connection, close } = await openDuckDB();
  try {
    // Attached as `panorama`, as in the browser: `projects` and `panorama.projects` both work.
    await connection.run(`ATTACH '${dbPath.replaceAll("'", "''")}' AS panorama (READ_ONLY)`);
    await connection.run("USE panorama");
    await connection.run("SET enable_external_access = false");
    await connection.run("SET lock_configuration = true");
    const out: Record<string, QueryPayload> = {};
    for (const q of queries) {
      try {
        const reader = await connection.runAndReadAll(q.sql);
        const headers = writtenHeaders(q.sql, reader.columnNames());
        const columns: QueryColumn[] = reader.columnTypes().map((t, i) => ({ name: headers[i]!, type: t.toString(), kind: kindOf(t.toString()) }));
        const rows = reader.getRowsJS().map((r) => r.map((v, i) => jsonValue(v, columns[i]!.kind)));
        out[q.name] = { sql: q.sql, columns, rows };
      } catch (err) {
        if (err instanceof QueryError) throw err;
        throw new QueryError(`${file}:${q.line}: query "${q.name}" (${firstLine(q.sql)}) failed:\n${(err as Error).message}`);
      }
    }
    return out;
  } finally {
    close();
  }
}

/** Framework's cached panorama.duckdb when it is at least as recent as its loader. */
export function cachedDatabase(root: string): string | null {
  const db = join(root, "docs", ".observablehq", "cache", "data", "panorama.duckdb");
  const loader = join(root, "docs", "data", "panorama.duckdb.ts");
  if (!existsSync(db)) return null;
  return !existsSync(loader) || statSync(db).mtimeMs >= statSync(loader).mtimeMs ? db : null;
}

/** The page's JSON: `file` is a docs/<page>.json.sql path. The database is Framework's cached one, or written afresh the same way. */
export async function pagePayload(file: string, text: string, root = process.cwd()): Promise<PagePayload> {
  const page = basename(file).replace(/\.json\.sql$/, "");
  const queries = parseQueries(text, file);
  const cached = process.env.PANORAMA_QUERY_DB ?? cachedDatabase(root);
  if (cached) return { page, queries: await runQueries(cached, queries, file) };
  const dir = await mkdtemp(join(tmpdir(), "panorama-queries-"));
  try {
    const db = join(dir, "panorama.duckdb");
    // Only without Framework's cached database: the loaders take a while to import.
    const { datasetTables, loadDataset, writeDatabase } = await import("../../loaders/index.js");
    await writeDatabase(datasetTables(await loadDataset(root)), db);
    return { page, queries: await runQueries(db, queries, file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
