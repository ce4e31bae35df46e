#!/usr/bin/env node
// Runs after `observable build`: Framework 1.13 has no `lang` option and writes a few interface
// texts in English, so the built pages are patched in place; then dist/ is checked for any
// stylesheet, script or font that a browser would fetch from another host.
// The site's stylesheets are put in each page's <head>: Framework's sidebar scripts are classic
// inline scripts, which hold the HTML parser (and so the pre-rendered first chart) until every
// stylesheet has arrived, and that request competes with some 45 module preloads.
//
// Usage: node scripts/finalize-build.js [dist]

import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isPage, walk } from "./dist-files.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const dist = process.argv[2] ?? join(repo, "dist");

const HTML_REPLACEMENTS = [
  [/<html>/, '<html lang="fr">'],
  [/(<input type="search") placeholder="Search">/, '$1 placeholder="Rechercher" aria-label="Rechercher dans le site">'],
  // The toggle is a checkbox with only a title; the close and backdrop labels are mouse-only
  // duplicates of it, and the close label sits directly in an <ol>. The config's head script
  // does the same in preview.
  [
    /(<input id="observablehq-sidebar-toggle" type="checkbox") title="Toggle sidebar">/,
    '$1 title="Afficher ou masquer le menu" aria-label="Afficher le menu">',
  ],
  [/(<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle")>/, '$1 aria-hidden="true">'],
  [/(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle")>/, '$1 aria-hidden="true">'],
];

// Once patched, a page with a sidebar must have a named toggle and no bare label in its list.
const SHELL_CHECKS = [
  [/<input id="observablehq-sidebar-toggle"/, /<input id="observablehq-sidebar-toggle"[^>]* aria-label="[^"]+"/, "a sidebar toggle without aria-label"],
  [
    /<label id="observablehq-sidebar-close"/,
    /<label id="observablehq-sidebar-close"[^>]* aria-hidden="true"/,
    "a sidebar close label not hidden from assistive technologies",
  ],
];

// Search results panel (client/search.js, minified by Framework).
const SEARCH_REPLACEMENTS = [
  [/<div>no results<\/div>/, "<div>aucun résultat</div>"],
  [/toLocaleString\("en-US"\)\} result\$\{/, 'toLocaleString("fr-FR")} résultat${'],
];

// Anything a page loads by itself: <link href>, <script src>, CSS @import and url(). In a page, CSS
// is only looked for in <style> elements and style attributes: text from the data that reads like
// CSS ("url(//…)" in a project name) is text, not a load.
const EXTERNAL_TAGS = [/<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>/gi, /<script\b[^>]*\bsrc="(?:https?:)?\/\/[^"]*"[^>]*>/gi];
const EXTERNAL_CSS = [/@import\s+(?:url\()?["']?(?:https?:)?\/\/[^"')\s]+/gi, /url\(\s*["']?(?:https?:)?\/\/[^"')\s]+/gi];
const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const STYLE_ATTRIBUTE = /<[a-z][^>]*?\sstyle=(?:"([^"]*)"|'([^']*)')/gi;

/** The CSS of a page (its <style> elements and style attributes, entities left as they are) or of a stylesheet. */
function cssOf(path, text) {
  if (!path.endsWith(".html")) return [text];
  return [...[...text.matchAll(STYLE_ELEMENT)].map((m) => m[1]), ...[...text.matchAll(STYLE_ATTRIBUTE)].map((m) => m[1] ?? m[2])];
}
const THIRD_PARTY_HOSTS = /fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net|unpkg\.com|extensions\.duckdb\.org/;

const STYLESHEET_LINK = /<link rel="stylesheet" type="text\/css" href="([^"]+)">/g;
// A url() other than data: would resolve against the page instead of the stylesheet once inlined.
const RELATIVE_URL = /url\(\s*["']?(?!data:)[^"')\s]/i;

const stylesheets = new Map();
async function stylesheet(path) {
  if (!stylesheets.has(path)) stylesheets.set(path, await readFile(path, "utf-8"));
  return stylesheets.get(path);
}

/** Replaces each link to one of the site's stylesheets by a <style> with its contents. */
async function inlineStylesheets(html, page, file, problems) {
  for (const [link, href] of [...html.matchAll(STYLESHEET_LINK)]) {
    const path = resolve(dirname(page), href);
    const css = path.startsWith(resolve(dist) + sep) && path.endsWith(".css") ? await stylesheet(path).catch(() => null) : null;
    if (css === null) problems.push(`${file}: stylesheet ${href} is not a file of the site`);
    else if (/<\/style/i.test(css) || RELATIVE_URL.test(css)) problems.push(`${file}: stylesheet ${href} cannot be inlined (</style> or a relative url())`);
    else html = html.replace(`<link rel="preload" as="style" href="${href}">\n`, "").replace(link, () => `<style>\n${css}</style>`);
  }
  return html;
}

function applyAll(text, replacements, file, problems, { required }) {
  for (const [pattern, replacement] of replacements) {
    if (pattern.test(text)) text = text.replace(pattern, replacement);
    else if (required) problems.push(`${file}: expected ${pattern} (Framework's output changed?)`);
  }
  return text;
}

async function main() {
  const problems = [];
  let pages = 0;
  for await (const path of walk(dist)) {
    const file = relative(repo, path);
    if (isPage(dist, path)) {
      const before = await readFile(path, "utf-8");
      const after = applyAll(before, HTML_REPLACEMENTS.slice(0, 1), file, problems, { required: true });
      const text = await inlineStylesheets(applyAll(after, HTML_REPLACEMENTS.slice(1), file, problems, { required: false }), path, file, problems);
      for (const [present, patched, problem] of SHELL_CHECKS) if (present.test(text) && !patched.test(text)) problems.push(`${file}: ${problem}`);
      if (text !== before) await writeFile(path, text);
      ++pages;
    } else if (/\/_observablehq\/search\.[0-9a-f]+\.js$/.test(path)) {
      const before = await readFile(path, "utf-8");
      const text = applyAll(before, SEARCH_REPLACEMENTS, file, problems, { required: true });
      if (text !== before) await writeFile(path, text);
    }
    if (/\.(html|css)$/.test(path)) {
      const text = await readFile(path, "utf-8");
      const loads = [
        ...(path.endsWith(".html") ? EXTERNAL_TAGS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0])) : []),
        ...cssOf(path, text).flatMap((css) => EXTERNAL_CSS.flatMap((pattern) => [...css.matchAll(pattern)].map((m) => m[0]))),
      ];
      for (const load of loads) problems.push(`${file}: loads from another host: ${load}`);
      const host = THIRD_PARTY_HOSTS.exec(path.endsWith(".html") ? text.slice(0, text.indexOf("</head>")) : text);
      if (host) problems.push(`${file}: mentions ${host[0]}`);
    }
  }
  if (pages === 0) problems.push(`${relative(repo, dist) || dist}: no page built`);
  if (problems.length) {
    console.error(`finalize-build: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`finalize-build: ${pages} page(s) in French, no third-party load`);
}

main().catch((error) => {
  console.error(`finalize-build: ${error.message}`);
  process.exit(1);
});
