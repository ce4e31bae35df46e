// Types for the `npm:` imports that Framework resolves from its offline cache (the same packages
// are in node_modules, at the versions scripts/prepare-offline.js copies).
declare module "npm:@observablehq/plot" {
  export * from "@observablehq/plot";
}
