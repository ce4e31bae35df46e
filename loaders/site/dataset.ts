import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAcquireOptions } from "../sources/acquire.js";
import { buildFromCatalogue, datasetTables, type Dataset } from "../build/dataset.js";
import { loadCatalogue } from "../sources/catalogue.js";
import { PanoramaError } from "../errors.js";
import { defaultEditionCacheDir } from "../build/edition-cache.js";
import { writeDatabase } from "../output/write.js";

let cached: Promise<Dataset> | null = null;

/**
 * The dataset of every catalogued edition that can be had, for the site's data
 * loaders. Throws when no edition loads: Framework caches any output of a loader
 * that exits 0, so an empty result must fail.
 */
export function loadDataset(root = process.cwd(), env = process.env): Promise<Dataset> {
  cached ??= (async () => {
    const dataset = await buildFromCatalogue(loadCatalogue(root), defaultAcquireOptions(env, root), defaultEditionCacheDir(env, root));
    for (const f of dataset.failures) console.warn(`panorama: edition ${f.edition} unavailable: ${f.message}`);
    if (dataset.editions.length === 0) {
      throw new PanoramaError("no edition could be loaded.", {}, "Set PANORAMA_MIRROR to a folder laid out like ../shared/panorama, or build online.");
    }
    return dataset;
  })();
  return cached;
}

/** Writes panorama.duckdb through a temporary file and streams its bytes to stdout. */
export async function writeDatabaseToStdout(dataset: Dataset): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "panorama-db-"));
  try {
    const path = join(dir, "panorama.duckdb");
    await writeDatabase(datasetTables(dataset), path);
    const bytes = await readFile(path);
    await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
