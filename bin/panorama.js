#!/usr/bin/env node
// Runs the TypeScript CLI. The loaders are bundled once with esbuild into
// .cache/panorama/cli/<hash of the contents of its sources>.mjs (about 10× faster to start than
// tsx); when that fails, tsx runs the sources directly. Either way `run` is given the loaders'
// folder, which the bundle cannot know from its own location.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const loaders = join(root, "loaders");

// The loaders import the browser-safe labels and formats of docs/components/ too.
const SOURCES = [loaders, join(root, "docs", "components")];

/** Hash of the contents of every TypeScript file the bundle may include: its name. */
function fingerprint() {
  const hash = createHash("sha256");
  for (const dir of SOURCES) {
    for (const file of readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith(".ts"))
      .sort()) {
      hash
        .update(`${join(dir, file).slice(root.length)}\0`)
        .update(readFileSync(join(dir, file)))
        .update("\0");
    }
  }
  return hash.digest("hex").slice(0, 16);
}

async function bundled() {
  const key = fingerprint();
  const dir = join(root, ".cache", "panorama", "cli");
  const file = join(dir, `${key}.mjs`);
  if (!existsSync(file)) {
    const { build } = await import("esbuild");
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(loaders, "cli", "bin.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outfile: tmp,
      logLevel: "silent",
    });
    renameSync(tmp, file);
  }
  return file;
}

let entry = null;
try {
  entry = await bundled();
} catch {
  entry = null;
}
let cli;
if (entry) {
  cli = await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../loaders/cli/bin.ts");
}
process.exitCode = await cli.run(loaders);
