import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readLocalFile, withLock } from "../sources/index.js";
import { DATABASE_FILE, LOCK_FILE, parquetFile, prepareOutDir, removeStaleTempDirs, writeOutputsLocked, type TableData, type WriteOptions } from "./write.js";

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
    // A FIFO or a huge file in place of the manifest is not waited on nor read: the outputs are rewritten.
    const local = await readLocalFile(join(outDir, MANIFEST_FILE));
    return local.kind === "file" ? (JSON.parse(local.bytes.toString("utf8")) as Manifest) : null;
  } catch {
    return null;
  }
}

/**
 * Writes the outputs unless `outDir` already holds exactly these tables; returns the files written,
 * or null. The manifest is switched in with the tables, last (writeOutputs), under the folder's lock.
 */
export async function writeIfChanged(tables: readonly TableData[], outDir: string, opts: Pick<WriteOptions, "fs"> = {}): Promise<string[] | null> {
  const dir = await prepareOutDir(outDir);
  return withLock(join(dir, LOCK_FILE), `the output folder ${outDir}`, async () => {
    await removeStaleTempDirs(dir);
    const hash = tablesHash(tables);
    const manifest = await readManifest(dir);
    if (manifest?.hash === hash && manifest.files.every((f) => existsSync(join(dir, f)))) return null;
    const files = [DATABASE_FILE, ...tables.map((t) => parquetFile(t.name))];
    const written = await writeOutputsLocked(tables, dir, {
      ...opts,
      extra: [{ name: MANIFEST_FILE, data: JSON.stringify({ hash, files } satisfies Manifest) }],
    });
    return written.filter((name) => name !== MANIFEST_FILE).map((name) => join(outDir, name));
  });
}
