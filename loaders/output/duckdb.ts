// DuckDB in Node, offline: it never installs nor loads an extension by itself (a query on an
// s3:// or http:// path, or a "md:" database, would otherwise download httpfs or motherduck from
// extensions.duckdb.org), and it only ever opens plain local files, by absolute path.
import { createRequire } from "node:module";
import { isAbsolute, resolve } from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { PanoramaError } from "../errors.js";

/** Settings of every DuckDB instance the loaders, scripts and tests open. */
export const DUCKDB_OFFLINE_CONFIG: Readonly<Record<string, string>> = Object.freeze({
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  allow_community_extensions: "false",
});

export interface DuckDBSession {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  /** Closes the connection and the instance. */
  close(): void;
}

type NodeApi = typeof import("@duckdb/node-api");
// Loaded on first use: a run with nothing to write does not pay for the native module. require(),
// not import(): importing this CommonJS package from ESM costs about 75 ms more (export detection).
let api: NodeApi | null = null;
export const duckdbApi = (): NodeApi => (api ??= createRequire(import.meta.url)("@duckdb/node-api") as NodeApi);

/**
 * Opens DuckDB (in memory by default, else the local database file `path`) with extension
 * autoinstall and autoload off, and a connection to it. Use this, never DuckDBInstance.create.
 * `config`: more settings (e.g. threads); it cannot turn the offline ones back on.
 */
export async function openDuckDB(path = ":memory:", config: Readonly<Record<string, string>> = {}): Promise<DuckDBSession> {
  const target = path === ":memory:" ? path : localDatabasePath(path);
  const instance = await duckdbApi().DuckDBInstance.create(target, { ...config, ...DUCKDB_OFFLINE_CONFIG });
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
  } catch (err) {
    instance.closeSync();
    throw err;
  }
  return {
    instance,
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

// A scheme (s3://, http:, file:) or one of DuckDB's own prefixes (":memory:", "md:", "motherduck:").
const NOT_LOCAL = /^(?:[a-z][a-z0-9+.-]*:|:)/i;

/** Why `path` is not a plain local path, or null. */
export function notLocalPath(path: string): string | null {
  if (path.trim() === "") return "it is empty";
  if (path.includes("\0")) return "it holds a NUL character";
  if (NOT_LOCAL.test(path) && !isAbsolute(path)) return "it is an address or a DuckDB special name, not a local folder";
  return null;
}

/** `path` made absolute, so that DuckDB reads it as a file name and never as an address or a special name; refuses the others. */
export function localDatabasePath(path: string, cwd = process.cwd()): string {
  const why = notLocalPath(path);
  if (why) {
    throw new PanoramaError(
      `refused the path "${path}": ${why}.`,
      {},
      "Give a folder on this computer (e.g. --out out); outputs are never written to a URL or a remote database.",
    );
  }
  return resolve(cwd, path);
}
