// Public API: the only import target for docs/data/* and tests/.
export * from "./schema.js";
export { PanoramaError, formatPlace, type ErrorPlace } from "./errors.js";
export { buildFromCatalogue, combine, datasetTables, ingestFiles, type Dataset } from "./build/dataset.js";
export { assembleEdition, loadEdition, sourceFile, type EditionFailure, type EditionResult } from "./build/pipeline.js";
export { writeDatabase, writeOutputs, type TableData } from "./output/write.js";
export { loadDataset, writeDatabaseToStdout } from "./site/dataset.js";
export { assignProjectKeys, matchingRows, type MatchReport } from "./build/matching.js";
export { buildHistory, buildMovements } from "./build/history.js";
export { EDITIONS, editionLabel, findEdition, isEditionId, loadCatalogue, type Edition, type SourceRef } from "./sources/catalogue.js";
export { acquire, acquireFirst, defaultAcquireOptions, type Acquired, type AcquireOptions } from "./sources/acquire.js";
export * from "./report/chapters.js";
export { LATER_PUBLISHED_FIGURES, type LaterPublishedFigures, type PublishedSource } from "./sources/published-figures.js";
export { explorerData, inflateExplorer, type ExplorerData, type ExplorerRow } from "./report/explorer.js";
export { projectPages, projectPagesArchive, type ProjectPage } from "./report/project-pages.js";
export { reconcile, RECONCILIATION_NOTES, type ReconciliationRow } from "./report/reconciliation.js";
export { methodologyData, type MethodologyData } from "./report/methodology.js";
export { parquetArchive, writeToStdout } from "./output/downloads.js";
