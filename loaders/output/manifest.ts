import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeAtomic } from "../sources/index.js";
import { removeStaleTempDirs, writeOutputs, type TableData } from "./write.js";

// Outputs are rewritten only when their content changed: the manifest names the hash of the
// tables last written and their files.

export const MANIFEST_FILE = ".panorama-manifest.json";

interface Manifest {
  hash: string;
  files: string[];
}

/** Hash of the tables as they would be written (names, columns, rows). */
export function tablesHash(tables: readonly TableData[]): string {
  const hash = createHash("sha256");
  for (const t of tables) hash.update(JSON.stringify([t.name, t.columns.map((c) => [c.name, c.type]), t.rows]));
  return hash.digest("hex");
}

export async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST_FILE), "utf8")) as Manifest;
  } catch {
    return null;
  }
}

/** Writes the outputs unless `outDir` already holds exactly these tables; returns the files written, or null. */
export async function writeIfChanged(tables: readonly TableData[], outDir: string): Promise<string[] | null> {
  const hash = tablesHash(tables);
  const manifest = await readManifest(outDir);
  if (manifest?.hash === hash && manifest.files.every((f) => existsSync(join(outDir, f)))) {
    await removeStaleTempDirs(outDir);
    return null;
  }
  // A run killed between its renames and its manifest must not leave a manifest that describes other tables.
  await rm(join(outDir, MANIFEST_FILE), { force: true });
  const written = await writeOutputs(tables, outDir);
  const files = written.map((f) => f.slice(outDir.length).replace(/^[\\/]+/, ""));
  await writeAtomic(join(outDir, MANIFEST_FILE), JSON.stringify({ hash, files } satisfies Manifest));
  return written;
}
