// Public face of loaders/report/: what the other stages may use.
export * from "./chapters.js";
export * from "./explorer.js";
export * from "./methodology.js";
export * from "./project-pages.js";
export * from "./reconciliation.js";
