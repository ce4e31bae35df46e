import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { defaultAcquireOptions, loadCatalogue } from "../sources/index.js";
import { buildFromCatalogue, type Dataset, defaultEditionCache } from "../build/index.js";
import { datasetTables, writeDatabase } from "../output/index.js";
import { PanoramaError } from "../errors.js";
import { fileURLToPath } from "node:url";

const LOADERS_DIR = fileURLToPath(new URL("..", import.meta.url));
let cached: Promise<Dataset> | null = null;

/**
 * The dataset of every catalogued edition that can be had, for the site's data
 * loaders. Throws when no edition loads: Framework caches any output of a loader
 * that exits 0, so an empty result must fail.
 */
export function loadDataset(root = process.cwd(), env = process.env): Promise<Dataset> {
  cached ??= (async () => {
    const built = await buildFromCatalogue(loadCatalogue(root), defaultAcquireOptions(env, root), await defaultEditionCache(LOADERS_DIR, env, root));
    const dataset = { ...built, failures: built.failures.map((f) => ({ ...f, message: portablePaths(f.message, root, env.PANORAMA_MIRROR) })) };
    for (const f of dataset.failures) console.warn(`panorama: edition ${f.edition} unavailable: ${f.message}`);
    if (dataset.editions.length === 0) {
      throw new PanoramaError("no edition could be loaded.", {}, "Set PANORAMA_MIRROR to a folder laid out like ../shared/panorama, or build online.");
    }
    return dataset;
  })();
  return cached;
}

/**
 * A message with the folders of this checkout and of PANORAMA_MIRROR named by their role
 * (".cache/…", "$PANORAMA_MIRROR/…"), not by where they happen to be: the site built from the
 * same sources is the same file wherever it is built.
 */
export function portablePaths(message: string, root: string, mirror: string | undefined): string {
  const places: [string, string][] = [[`${resolve(root)}${sep}`, ""]];
  if (mirror?.trim()) places.push([resolve(root, mirror.trim()), "$PANORAMA_MIRROR"]);
  places.sort((a, b) => b[0].length - a[0].length);
  return places.reduce((text, [path, name]) => text.split(path).join(name), message);
}

/** Writes panorama.duckdb through a temporary file and streams its bytes to stdout. */
export async function writeDatabaseToStdout(dataset: Dataset): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "panorama-db-"));
  try {
    const path = join(dir, "panorama.duckdb");
    await writeDatabase(datasetTables(dataset), path);
    await writeToStdout(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes bytes (or text) to stdout and waits until they are flushed. */
export function writeToStdout(data: Uint8Array | string): Promise<void> {
  return new Promise<void>((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
}
