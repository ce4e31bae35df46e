// Every table as a Parquet file, in one tar archive (the site's download).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dataset } from "../build/index.js";
import { datasetTables } from "./tables.js";
import { tarArchive } from "./tar.js";
import { parquetFile, writeDatabase } from "./write.js";

/** Every table as `<table>.parquet` in one tar archive, written through a temporary folder. */
export async function parquetArchive(dataset: Dataset): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), "panorama-parquet-"));
  try {
    const tables = datasetTables(dataset);
    await writeDatabase(tables, join(dir, "panorama.duckdb"), dir);
    const entries = [];
    for (const table of tables) entries.push({ name: parquetFile(table.name), bytes: await readFile(join(dir, parquetFile(table.name))) });
    return tarArchive(entries);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
