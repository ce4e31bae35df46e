// Public face of loaders/build/: editions to dataset.
export * from "./add-edition.js";
export * from "./aliases.js";
export * from "./check.js";
export * from "./dataset.js";
export * from "./edition-cache.js";
export * from "./history.js";
export * from "./keys.js";
export * from "./module-graph.js";
export * from "./names.js";
export * from "./pipeline.js";
export * from "./review.js";
export * from "./diff.js";
