import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EditionResult } from "./pipeline.js";
import type { TableData } from "../output/write.js";

// Content-hash caches: an edition is re-read and re-normalized only when one of its
// source files or the loaders' code changed; outputs are rewritten only when their content changed.

const LOADERS_DIR = dirname(fileURLToPath(import.meta.url));
let codeHash: Promise<string> | null = null;

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listSources(join(dir, e.name)) : Promise.resolve(e.name.endsWith(".ts") ? [join(dir, e.name)] : []))),
  );
  return nested.flat().sort();
}

/** Hash of every loaders/ source file: a change of code invalidates every cached edition. */
export function loadersCodeHash(dir = LOADERS_DIR): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash("sha256");
    for (const file of await listSources(dir)) hash.update(file.slice(dir.length)).update("\0").update(await readFile(file)).update("\0");
    return hash.digest("hex");
  })();
  return codeHash;
}

export function editionCacheKey(code: string, edition: unknown, sourceShas: readonly string[]): string {
  return createHash("sha256").update(code).update(JSON.stringify(edition)).update(sourceShas.join(",")).digest("hex");
}

interface CachedEdition {
  key: string;
  result: EditionResult;
}

export async function readCachedEdition(dir: string, edition: string, key: string): Promise<EditionResult | null> {
  try {
    const cached = JSON.parse(await readFile(join(dir, `${edition}.json`), "utf8")) as CachedEdition;
    return cached.key === key ? cached.result : null;
  } catch {
    return null;
  }
}

export async function writeCachedEdition(dir: string, edition: string, key: string, result: EditionResult): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${edition}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify({ key, result } satisfies CachedEdition));
  await rename(tmp, join(dir, `${edition}.json`));
}

export const MANIFEST_FILE = ".panorama-manifest.json";

/** Hash of the tables as they would be written (names, columns, rows). */
export function tablesHash(tables: readonly TableData[]): string {
  const hash = createHash("sha256");
  for (const t of tables) hash.update(JSON.stringify([t.name, t.columns.map((c) => [c.name, c.type]), t.rows]));
  return hash.digest("hex");
}

export async function readManifest(outDir: string): Promise<{ hash: string; files: string[] } | null> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST_FILE), "utf8")) as { hash: string; files: string[] };
  } catch {
    return null;
  }
}

export async function writeManifest(outDir: string, hash: string, files: string[]): Promise<void> {
  const tmp = join(outDir, `.manifest.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify({ hash, files }));
  await rename(tmp, join(outDir, MANIFEST_FILE));
}

/** Where normalized editions are cached; null (no cache) when PANORAMA_NO_CACHE is set. */
export function defaultEditionCacheDir(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string | null {
  const off = env.PANORAMA_NO_CACHE;
  if (off && off !== "0" && off.toLowerCase() !== "false") return null;
  return join(root, ".cache", "panorama", "editions");
}
