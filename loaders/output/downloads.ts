// Binary outputs of the site's data loaders: Parquet files (one tar archive) and raw bytes to stdout.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetTables, type Dataset } from "../build/dataset.js";
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

/** Writes bytes (or text) to stdout and waits until they are flushed. */
export function writeToStdout(data: Uint8Array | string): Promise<void> {
  return new Promise<void>((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
}
