#!/usr/bin/env node
// Runs before `observable build`: Framework 1.13 builds with a stale cached loader output rather
// than rerun the loader, so an analysis page's query results (docs/<page>.json.sql →
// <page>.json) are removed from its cache, and every query runs again against this build's
// panorama.duckdb. A query that fails then fails the build.
//
// Usage: node scripts/queries/expire.js [docs root]

import { readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = process.argv[2] ?? fileURLToPath(new URL("../../docs/", import.meta.url));

async function* queryFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* queryFiles(path);
    else if (entry.name.endsWith(".json.sql")) yield path;
  }
}

for await (const file of queryFiles(root)) {
  const output = relative(root, file).replace(/\.sql$/, "");
  await rm(join(root, ".observablehq", "cache", output), { force: true });
}
