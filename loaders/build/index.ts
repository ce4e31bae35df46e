// Public face of loaders/build/: what the other stages may use.
export * from "./add-edition.js";
export * from "./aliases.js";
export * from "./check.js";
export * from "./dataset.js";
export * from "./edition-cache.js";
export * from "./history.js";
export * from "./matching.js";
export * from "./module-graph.js";
export * from "./pipeline.js";
