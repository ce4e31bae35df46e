// One analysis page: its first chart drawn in Node at the two widths of its column, put in its
// built HTML. Returns what was done; scripts/prerender/main.ts prints it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { importComponent } from "../../loaders/index.js";
import { typeset } from "../../docs/components/typography.js";
import { cellsModule } from "./cells.js";
import { type BuiltFile, nodeLibrary, registeredFiles } from "./library.js";
import { cellMarkup, hasPrerendered, insertInCell, isolateIds } from "./markup.js";
import { type CellDefinition, firstChart } from "./runtime.js";

/** The width of a page's column (Framework's main, with the sidebar and the table of contents) at 1280 and 390 px. */
export const WIDTHS = [
  { variant: "wide", width: 704 },
  { variant: "narrow", width: 326 },
] as const;

export type PageOutcome = { drawn: true; cell: string } | { drawn: false; reason: string };

// A cell may wait for what never comes in Node (an event, a promise of the browser's).
function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`its cells had not drawn a chart after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

// What a page's libraries expect of a browser beyond what loaders/site/prerender.ts gives Plot
// (htl and Inputs look for NodeList, DocumentFragment, HTMLInputElement…): the rest of jsdom's
// window, where Node has no global of the same name.
function completeBrowserGlobals(): void {
  const window = (globalThis as unknown as { window?: Record<string, unknown> }).window;
  if (!window) return;
  for (const name of Object.getOwnPropertyNames(window)) {
    if (name in globalThis || !/^[A-Za-z]/.test(name)) continue;
    let value: unknown;
    try {
      value = window[name];
    } catch {
      continue; // localStorage and the like: jsdom refuses them for a document without an address
    }
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
}

async function pageCells(markdown: string, docs: string, page: string): Promise<CellDefinition[]> {
  const { module } = cellsModule(markdown, docs, page);
  const dir = await mkdtemp(join(tmpdir(), "panorama-prerender-"));
  try {
    const file = join(dir, "cells.mjs");
    await writeFile(file, module);
    const { default: defineAll } = await importComponent<{ default: (define: (cell: CellDefinition) => void) => void }>(pathToFileURL(file));
    const cells: CellDefinition[] = [];
    completeBrowserGlobals();
    defineAll((cell) => cells.push(cell));
    return cells;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `page` is the page's path in the site with its extension ("/interministeriels.md"); `built` its
 * HTML file in dist. Rewrites `built` only when its first chart was drawn.
 */
export async function prerenderPage(options: { docs: string; page: string; built: string; now: number; timeoutMs: number }): Promise<PageOutcome> {
  const { docs, page, built, now, timeoutMs } = options;
  const html = await readFile(built, "utf-8");
  const markdown = await readFile(join(docs, page.slice(1)), "utf-8");
  const cells = await pageCells(markdown, docs, page);
  const files = new Map<string, BuiltFile>();
  for (const [name, file] of registeredFiles(html)) files.set(name, { ...file, path: resolve(dirname(built), file.path) });

  let cell: string | null = null;
  const charts: string[] = [];
  for (const { variant, width } of WIDTHS) {
    const result = await withinTime(firstChart(cells, nodeLibrary({ width, files, now })), timeoutMs);
    if (!result.id) return { drawn: false, reason: result.failures.length ? result.failures.join("; ") : "no chart among its cells" };
    if (cell !== null && result.id !== cell) return { drawn: false, reason: `its first chart is not in the same cell at every width (${cell}, ${result.id})` };
    cell = result.id;
    typeset(result.chart);
    isolateIds(result.chart, `prerendered-${variant}-`);
    result.chart.classList.add(`prerendered-${variant}`);
    charts.push(result.chart.outerHTML);
  }
  if (cell === null) return { drawn: false, reason: "no chart among its cells" };
  if (hasPrerendered(html, cell)) return { drawn: true, cell };
  await writeFile(built, insertInCell(html, cell, cellMarkup(cell, charts)));
  return { drawn: true, cell };
}
