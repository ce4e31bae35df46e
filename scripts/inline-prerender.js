#!/usr/bin/env node
// Runs after finalize-build.js: puts the charts drawn at build time (docs/data/prerender/*.svg.ts,
// loaders/site/prerender.ts) into the built pages themselves, so that the first chart is in the HTML and
// needs no script. Inline SVG inherits the page's CSS (currentColor, --theme-* in dark mode), which
// an <img> would not. Two kinds of slot (docs/components/prerender.css hides the chart once the
// live one is drawn):
//   <img class="prerendered" src="./data/prerender/x.svg" alt="…">  → the contents of that file;
//   <div class="prerender-slot" data-prerender="projets/[key]">  → the file
//     _file/data/prerender/projets/<page name>.<hash>.svg (or .html: a table), for parameterized
//     pages (Framework cannot put ${observable.params.key} in an attribute) and for markup that is
//     not an image; the page must still reference the file with FileAttachment so that it is built.
// Every .prerender-slot must end up starting with its chart, or the build fails.
//
// Usage: node scripts/inline-prerender.js [dist]

import { readFile, readdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isPage, walk } from "./dist-files.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const dist = resolve(process.argv[2] ?? join(repo, "dist"));
const PRERENDER_DIR = join(dist, "_file", "data", "prerender");

const IMG = /<img\b[^>]*\bclass="prerendered"[^>]*>/g;
const NAMED_SLOT = /(<div class="prerender-slot") data-prerender="([^"]+)">/g;
const ROOTS = "svg|figure|p|div";
const SLOT = new RegExp(`<div class="prerender-slot"[^>]*>(?!<(?:${ROOTS}) class="[^"]*\\bprerendered\\b)`, "g");
const PRERENDERED = new RegExp(`^<(${ROOTS}) class="[^"]*\\bprerendered\\b`);
const FILE = /^\.[0-9a-f]{8}\.(svg|html)$/;

async function chart(path, where) {
  if (!path.startsWith(dist + sep) || !/\.(svg|html)$/.test(path)) throw new Error(`${where}: ${relative(dist, path)} is not an SVG or HTML file of the site`);
  const text = (await readFile(path, "utf-8").catch(() => null))?.trim();
  if (!text) throw new Error(`${where}: ${relative(dist, path)} is missing or empty`);
  if (!PRERENDERED.test(text)) throw new Error(`${where}: ${relative(dist, path)} is not a chart from loaders/site/prerender.ts`);
  return text;
}

const listings = new Map();
async function listing(dir) {
  if (!listings.has(dir)) listings.set(dir, await readdir(dir).catch(() => []));
  return listings.get(dir);
}

async function inlinePage(path) {
  const where = relative(dist, path);
  const before = await readFile(path, "utf-8");
  // Each slot is replaced where it was found in the page as built, by position: the charts hold
  // text from the data, which is never searched again nor read as a replacement pattern ($&, $`…).
  const edits = [];
  for (const match of before.matchAll(IMG)) {
    const src = /\bsrc="([^"]+)"/.exec(match[0])?.[1];
    if (!src) throw new Error(`${where}: ${match[0]} has no src`);
    edits.push({ at: match.index, length: match[0].length, text: await chart(resolve(dirname(path), src), where) });
  }
  for (const match of before.matchAll(NAMED_SLOT)) {
    const [tag, open, pattern] = match;
    const name = pattern.split("[key]").join(basename(path, ".html"));
    const dir = join(PRERENDER_DIR, dirname(name));
    const base = basename(name);
    const file = (await listing(dir)).find((f) => f.startsWith(`${base}.`) && FILE.test(f.slice(base.length)));
    if (!file) throw new Error(`${where}: no _file/data/prerender/${name}.<hash>.svg or .html (does the page reference it with FileAttachment?)`);
    edits.push({ at: match.index, length: tag.length, text: `${open}>${await chart(join(dir, file), where)}` });
  }
  edits.sort((a, b) => a.at - b.at);
  const parts = [];
  let from = 0;
  for (const { at, length, text } of edits) {
    parts.push(before.slice(from, at), text);
    from = at + length;
  }
  parts.push(before.slice(from));
  const html = parts.join("");
  const empty = html.match(SLOT);
  if (empty) throw new Error(`${where}: ${empty.length} .prerender-slot without its chart`);
  if (html !== before) await writeFile(path, html);
  return edits.length;
}

async function main() {
  let charts = 0;
  let pages = 0;
  for await (const path of walk(dist)) {
    if (!isPage(dist, path)) continue;
    const n = await inlinePage(path);
    charts += n;
    if (n) ++pages;
  }
  console.log(`inline-prerender: ${charts} chart(s) drawn at build time put in ${pages} page(s)`);
}

main().catch((error) => {
  console.error(`inline-prerender: ${error.message}`);
  process.exit(1);
});
