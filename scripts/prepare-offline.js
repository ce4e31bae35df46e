#!/usr/bin/env node
// Fills Observable Framework's npm cache (docs/.observablehq/cache/_npm) from node_modules, so that
// `observable build` and `observable preview` never need cdn.jsdelivr.net nor the npm registry.
//
// Framework 1.13 turns `npm:name` into /_npm/name@version/_esm.js and looks for that file in its
// cache before fetching jsDelivr's `+esm` bundle. It picks the version among the cache folders
// (highest first) before asking the registry. So for every module the site needs, this script
// writes the same layout jsDelivr would give: one minified ESM file per package, whose imports of
// other ESM packages are relative paths to their own cache entries (../d3-array@3.2.5/_esm.js),
// which Framework follows and copies to dist/. CommonJS dependencies are inlined.
//
// Usage: node scripts/prepare-offline.js [--force] [--root <Framework root, default docs>]

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = fileURLToPath(new URL("..", import.meta.url));
const rootArg = process.argv.indexOf("--root");
const siteRoot = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : join(repo, "docs");
const cacheDir = join(siteRoot, ".observablehq", "cache");
const npmDir = join(cacheDir, "_npm");
const stampPath = join(cacheDir, "panorama-offline.json");
const frameworkDir = join(repo, "node_modules", "@observablehq", "framework");

// Modules pages may import, explicitly (`npm:d3`) or implicitly: `Plot`, `d3`, `html`/`htl`,
// `Inputs` (Framework bundles @observablehq/inputs itself but imports htl and isoformat),
// FileAttachment#csv (d3-dsv), #arrow (apache-arrow) and `sql:`
// front matter (@duckdb/duckdb-wasm + apache-arrow). Versions are the devDependencies'.
const MODULES = ["@observablehq/plot", "d3", "d3-dsv", "htl", "isoformat", "apache-arrow", "@duckdb/duckdb-wasm"];

// Files Framework's client reaches through import.meta.resolve: copied byte for byte.
const FILES = [
  "@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm",
  "@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js",
  "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm",
  "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js",
];

// Framework's standard library names these lazily (recommendedLibraries.js, fileAttachment.js,
// sampleDatasets.js) and resolves their version when it bundles itself, even when no page uses
// them. An empty folder name@version pins the version without a registry request; the site does
// not ship them, and a page that used one would stop the build (scripts/offline-guard.js) with a
// message pointing here: move it to MODULES and add it to devDependencies.
const UNUSED = {
  // FileAttachment#parquet: pages read panorama.duckdb instead.
  "parquet-wasm": "0.6.1",
  lodash: "4.17.21",
  arquero: "8.0.3",
  echarts: "6.0.0",
  leaflet: "1.9.4",
  "mapbox-gl": "3.15.0",
  react: "19.2.0",
  "react-dom": "19.2.0",
  "topojson-client": "3.1.0",
  "@observablehq/sample-datasets": "1.0.1",
};

const SKIP = Symbol("skip");

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf-8"));
}

function splitSpecifier(specifier) {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.splice(0, 2).join("/") : parts.shift();
  return { name, subpath: parts.join("/") };
}

// Same naming as Framework's resolveNpmImport/fromJsDelivrPath.
function cacheEntry(name, version, subpath) {
  return `${name}@${version}/${subpath ? `${subpath}._esm.js` : "_esm.js"}`;
}

function findPackageRoot(file, name) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pkgPath = join(dir, "package.json");
    if (existsSync(pkgPath) && readJson(pkgPath).name === name) return dir;
  }
  throw new Error(`no package.json named ${name} above ${file}`);
}

function frameworkDuckDBWasmVersion() {
  const source = readFileSync(join(frameworkDir, "dist", "duckdb.js"), "utf-8");
  const match = /DUCKDB_WASM_VERSION = "([^"]+)"/.exec(source);
  if (!match) throw new Error("cannot read DUCKDB_WASM_VERSION from @observablehq/framework/dist/duckdb.js");
  return match[1];
}

// Resolves a bare specifier as a browser bundler would (exports "browser"/"import", "module").
async function resolveFrom(specifier, resolveDir) {
  let resolved;
  await build({
    stdin: { contents: `import ${JSON.stringify(specifier)};`, resolveDir },
    bundle: true,
    write: false,
    platform: "browser",
    logLevel: "silent",
    plugins: [
      {
        name: "capture",
        setup(b) {
          b.onResolve({ filter: /.*/ }, async (args) => {
            if (args.importer !== "<stdin>" || args.pluginData === SKIP) return undefined;
            const result = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SKIP });
            if (result.errors.length) throw new Error(result.errors[0].text);
            resolved = result.path;
            return { path: result.path, external: true };
          });
        },
      },
    ],
  });
  return resolved;
}

const formats = new Map();
async function isEsm(file) {
  let format = formats.get(file);
  if (format === undefined) {
    const { metafile } = await build({ entryPoints: [file], write: false, metafile: true, logLevel: "silent" });
    format = Object.values(metafile.inputs)[0]?.format ?? null;
    formats.set(file, format);
  }
  return format === "esm";
}

const entries = new Map(); // cache entry (relative to _npm) → Promise<void>

function bundleModule(entryFile, name, subpath) {
  const pkgRoot = findPackageRoot(entryFile, name);
  const { version } = readJson(join(pkgRoot, "package.json"));
  const entry = cacheEntry(name, version, subpath);
  if (!entries.has(entry)) entries.set(entry, writeBundle(entryFile, name, entry));
  return entry;
}

async function writeBundle(entryFile, name, entry) {
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022", // Framework parses cached modules with acorn, ecmaVersion 13
    minify: true,
    legalComments: "eof",
    write: false,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [
      {
        name: "externalize-esm-packages",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData === SKIP || args.path.startsWith("node:")) return undefined;
            if (args.kind !== "import-statement" && args.kind !== "dynamic-import") return undefined;
            const dep = splitSpecifier(args.path);
            if (dep.name === name) return undefined;
            const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SKIP });
            if (resolved.errors.length || resolved.external || !(await isEsm(resolved.path))) return undefined;
            const target = bundleModule(resolved.path, dep.name, dep.subpath);
            return { path: posix.relative(posix.dirname(entry), target).replace(/^(?!\.)/, "./"), external: true };
          });
        },
      },
    ],
  });
  const output = join(npmDir, entry);
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, result.outputFiles[0].contents);
}

async function copyRaw(specifier) {
  const { name, subpath } = splitSpecifier(specifier);
  const pkgRoot = join(repo, "node_modules", ...name.split("/"));
  const { version } = readJson(join(pkgRoot, "package.json"));
  const output = join(npmDir, `${name}@${version}`, subpath);
  await mkdir(dirname(output), { recursive: true });
  await copyFile(join(pkgRoot, subpath), output);
  return `${name}@${version}/${subpath}`;
}

/** Every file and folder under the npm cache, as sorted relative paths with "/". */
async function listCache() {
  return (await readdir(npmDir, { recursive: true })).map((p) => p.split(sep).join("/")).sort();
}

function stampKey() {
  const hash = createHash("sha256");
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(join(repo, "package-lock.json")));
  hash.update(readJson(join(frameworkDir, "package.json")).version);
  return hash.digest("hex");
}

async function isFresh(key) {
  if (!existsSync(stampPath) || !existsSync(npmDir)) return false;
  const stamp = readJson(stampPath);
  if (stamp.key !== key) return false;
  return JSON.stringify(await listCache()) === JSON.stringify(stamp.files);
}

async function main() {
  const started = performance.now();
  const key = stampKey();
  if (!process.argv.includes("--force") && (await isFresh(key))) {
    console.log("prepare-offline: npm cache up to date");
    return;
  }

  const pinned = frameworkDuckDBWasmVersion();
  const installed = readJson(join(repo, "node_modules", "@duckdb", "duckdb-wasm", "package.json")).version;
  if (pinned !== installed) {
    throw new Error(`Framework pins @duckdb/duckdb-wasm ${pinned} but ${installed} is installed: npm install --save-exact -D @duckdb/duckdb-wasm@${pinned}`);
  }

  // The cache folder names are Framework's version index: stale versions must not survive.
  await rm(npmDir, { recursive: true, force: true });
  await mkdir(npmDir, { recursive: true });

  const roots = new Map();
  for (const name of MODULES) {
    const file = await resolveFrom(name, repo);
    roots.set(name, bundleModule(file, name, ""));
  }
  // Bundling discovers dependencies, which add entries: wait until no new one appears.
  for (let settled = -1; settled < entries.size; ) {
    settled = entries.size;
    await Promise.all(entries.values());
  }
  const files = await Promise.all(FILES.map(copyRaw));
  for (const [name, version] of Object.entries(UNUSED)) {
    if (!existsSync(join(npmDir, `${name}@${version}`))) await mkdir(join(npmDir, `${name}@${version}`), { recursive: true });
  }

  // Framework resolves an unversioned `npm:name` to the highest cached version.
  const listing = await listCache();
  for (const [name, entry] of roots) {
    const versions = listing.filter((p) => p.startsWith(`${name}@`) && !p.slice(name.length + 1).includes("/"));
    if (versions.length !== 1) throw new Error(`several versions of ${name} would be cached (${versions.join(", ")}): ${entry} must be the only one`);
  }

  await writeFile(stampPath, JSON.stringify({ key, files: listing }, null, 2));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`prepare-offline: ${entries.size} modules bundled, ${files.length} files copied into ${relative(process.cwd(), npmDir)} in ${seconds}s`);
}

main().catch((error) => {
  console.error(`prepare-offline: ${error.message}`);
  process.exit(1);
});
