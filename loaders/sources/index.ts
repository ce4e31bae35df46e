// Public face of loaders/sources/: what the other stages may use.
export * from "./acquire.js";
export * from "./catalogue.js";
export * from "./discover.js";
export * from "./hash.js";
export * from "./input.js";
export * from "./limits.js";
export * from "./published-figures.js";
export * from "./lock.js";
