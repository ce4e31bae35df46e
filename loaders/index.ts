// Public API: the only import target for docs/data/* and tests/.
export * from "./schema.js";
export { PanoramaError, formatPlace, type ErrorPlace } from "./errors.js";
export { buildFromCatalogue, combine, datasetTables, ingestFiles, type Dataset } from "./dataset.js";
export { assembleEdition, loadEdition, sourceFile, type EditionFailure, type EditionResult } from "./pipeline.js";
export { writeDatabase, writeOutputs, type TableData } from "./write.js";
export { loadDataset, writeDatabaseToStdout } from "./site.js";
export { assignProjectKeys, matchingRows, type MatchReport } from "./matching.js";
export { buildHistory, buildMovements } from "./history.js";
export { EDITIONS, editionLabel, findEdition, isEditionId, loadCatalogue, type Edition, type SourceRef } from "./editions.js";
export { acquire, acquireFirst, defaultAcquireOptions, type Acquired, type AcquireOptions } from "./acquire.js";
export * from "./report.js";
export { LATER_PUBLISHED_FIGURES, type LaterPublishedFigures, type PublishedSource } from "./published-figures.js";
export { explorerData, inflateExplorer, type ExplorerData, type ExplorerRow } from "./explorer.js";
export { projectPages, projectPagesArchive, type ProjectPage } from "./project-pages.js";
export { reconcile, RECONCILIATION_NOTES, type ReconciliationRow } from "./reconciliation.js";
export { methodologyData, type MethodologyData } from "./methodology.js";
export { parquetArchive, writeToStdout } from "./downloads.js";
