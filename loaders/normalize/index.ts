// Public face of loaders/normalize/: what the other stages may use.
export * from "./headers.js";
export * from "./identity.js";
export * from "./ministries.js";
export * from "./phases.js";
export * from "./problems.js";
export * from "./sheet.js";
export * from "./text.js";
export * from "./values.js";
export * from "./zones.js";
