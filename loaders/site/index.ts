// Public face of loaders/site/: what Framework's data loaders use.
export * from "./dataset.js";
export * from "./prerender.js";
