// Compares two builds of the same sources: the tables of two panorama.duckdb files (rows in a
// canonical order, column names and types) and the data files under two dist/_file/data/ folders
// (by path without Framework's content hash; .duckdb files by their tables).
// Usage: tsx scripts/compare-outputs.ts <before> <after>
//   where each is a panorama.duckdb file, an output folder holding one, or a built dist/ folder.
// Prints each difference; exit code 0 when identical, 1 when not, 2 on a usage error.
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { openDuckDB } from "../loaders/index.js";
import { listFiles } from "./dist-files.js";

const HASHED = /\.[0-9a-f]{8}(\.[^./]+)$/;

/** Each table of a DuckDB file as canonical text: DESCRIBE, then every row as JSON, sorted. */
export async function tableDigests(dbPath: string): Promise<Map<string, string>> {
  const { connection, close } = await openDuckDB();
  const digests = new Map<string, string>();
  try {
    await connection.run(`ATTACH '${dbPath.replaceAll("'", "''")}' AS db (READ_ONLY)`);
    const tables = (await connection.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE database_name = 'db' ORDER BY 1")).getRows();
    for (const [name] of tables) {
      const quoted = `db."${String(name).replaceAll('"', '""')}"`;
      const columns = (await connection.runAndReadAll(`DESCRIBE ${quoted}`)).getRowsJson();
      const rows = (await connection.runAndReadAll(`SELECT * FROM ${quoted}`))
        .getRowsJson()
        .map((r) => JSON.stringify(r))
        .sort();
      digests.set(String(name), [JSON.stringify(columns), ...rows].join("\n"));
    }
  } finally {
    close();
  }
  return digests;
}

/** Data files of a built site, by path without content hash → sha256 (or table digests for .duckdb). */
async function dataFiles(dist: string): Promise<Map<string, string>> {
  const root = join(dist, "_file", "data");
  const files = new Map<string, string>();
  for (const path of await listFiles(root)) {
    const name = relative(root, path).replace(HASHED, "$1");
    const digest = path.endsWith(".duckdb")
      ? [...(await tableDigests(path))].map(([t, d]) => `${t}\n${d}`).join("\n\n")
      : (await readFile(path)).toString("base64");
    files.set(name, createHash("sha256").update(digest).digest("hex"));
  }
  return files;
}

async function snapshot(path: string): Promise<{ kind: "tables" | "site"; entries: Map<string, string> }> {
  if (existsSync(join(path, "_file"))) return { kind: "site", entries: await dataFiles(path) };
  const db = statSync(path).isDirectory() ? join(path, "panorama.duckdb") : path;
  return { kind: "tables", entries: await tableDigests(db) };
}

/** The names whose content differs, or that only one side has. */
export function differences(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((n) => {
    if (!after.has(n)) return [`only before: ${n}`];
    if (!before.has(n)) return [`only after: ${n}`];
    return before.get(n) === after.get(n) ? [] : [`differs: ${n}`];
  });
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 2) {
    console.error("usage: tsx scripts/compare-outputs.ts <before> <after> (panorama.duckdb, output folder or dist/)");
    return 2;
  }
  const [before, after] = await Promise.all(argv.map(snapshot));
  if (before!.kind !== after!.kind) {
    console.error(`cannot compare a ${before!.kind} snapshot with a ${after!.kind} one`);
    return 2;
  }
  const diff = differences(before!.entries, after!.entries);
  for (const line of diff) console.log(line);
  console.log(
    `${before!.entries.size} ${before!.kind === "site" ? "data files" : "tables"} compared: ${diff.length === 0 ? "identical" : `${diff.length} difference(s)`}`,
  );
  return diff.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
