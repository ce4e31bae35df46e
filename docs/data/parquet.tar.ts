// Every table as <table>.parquet: FileAttachment("data/parquet/projects.parquet") etc.
import { loadDataset, parquetArchive, writeToStdout } from "../../loaders/index.js";

await writeToStdout(await parquetArchive(await loadDataset()));
