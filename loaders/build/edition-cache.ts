import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { LIMITS, readLocalFile, writeLocked } from "../sources/index.js";
import { moduleGraph } from "./module-graph.js";

// An edition is read and normalized again only when one of its source files changed, or the
// code it goes through (build/pipeline.ts and every module it imports: readers, normalizers,
// schema), not the report or the command line.

/** Where normalized editions are cached, and the hash of the code that made them. */
export interface EditionCache {
  dir: string;
  code: string;
}

/** Hash of the code that turns source files into an edition: build/pipeline.ts and its imports, under `loadersDir`. */
export async function editionCodeHash(loadersDir: string): Promise<string> {
  const files = [...moduleGraph([join(loadersDir, "build", "pipeline.ts")]).keys()].sort();
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(relative(loadersDir, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  return hash.digest("hex");
}

export function editionCacheKey(code: string, edition: unknown, sourceShas: readonly string[]): string {
  return createHash("sha256").update(code).update(JSON.stringify(edition)).update(sourceShas.join(",")).digest("hex");
}

interface CachedEdition<T> {
  key: string;
  result: T;
}

export async function readCachedEdition<T>(dir: string, edition: string, key: string): Promise<T | null> {
  try {
    // Normalized rows take a few times the bytes of their source file.
    const local = await readLocalFile(join(dir, `${edition}.json`), 8 * LIMITS.maxFileBytes);
    if (local.kind !== "file") return null;
    const cached = JSON.parse(local.bytes.toString("utf8")) as CachedEdition<T>;
    return cached.key === key ? cached.result : null;
  } catch {
    return null;
  }
}

export async function writeCachedEdition<T>(dir: string, edition: string, key: string, result: T): Promise<void> {
  await writeLocked(join(dir, `${edition}.json`), JSON.stringify({ key, result } satisfies CachedEdition<T>));
}

/** The edition cache of a project root; null (no cache) when PANORAMA_NO_CACHE is set. */
export async function defaultEditionCache(loadersDir: string, env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Promise<EditionCache | null> {
  const off = env.PANORAMA_NO_CACHE;
  if (off && off !== "0" && off.toLowerCase() !== "false") return null;
  return { dir: join(root, ".cache", "panorama", "editions"), code: await editionCodeHash(loadersDir) };
}
