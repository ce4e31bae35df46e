// Public API: the only import target for docs/data/* and scripts/; each stage's index.ts is its public face.
export * from "./schema.js";
export { PanoramaError, formatPlace, type ErrorPlace } from "./errors.js";
export { EDITIONS, editionLabel, findEdition, isEditionId, loadCatalogue, type Edition, type SourceRef } from "./sources/index.js";
export { acquire, acquireFirst, defaultAcquireOptions, writeAtomic, type Acquired, type AcquireOptions } from "./sources/index.js";
export { LATER_PUBLISHED_FIGURES, type LaterPublishedFigures, type PublishedSource } from "./sources/index.js";
export { buildFromCatalogue, combine, ingestFiles, type Dataset } from "./build/index.js";
export { assembleEdition, loadEdition, sourceFile, type EditionFailure, type EditionResult } from "./build/index.js";
export { assignProjectKeys, type MatchReport } from "./build/index.js";
export { buildHistory, buildMovements } from "./build/index.js";
export { datasetTables, parquetArchive, writeDatabase, writeOutputs, type TableData } from "./output/index.js";
export { DUCKDB_OFFLINE_CONFIG, openDuckDB, type DuckDBSession } from "./output/index.js";
export * from "./report/index.js";
export { importComponent, loadDataset, renderArchive, renderMarkup, writeDatabaseToStdout, writeToStdout } from "./site/index.js";
