// Public face of loaders/output/: what the other stages may use.
export * from "./downloads.js";
export * from "./manifest.js";
export * from "./tables.js";
export * from "./tar.js";
export * from "./write.js";
export * from "./duckdb.js";
