// Renders the chart components of docs/components in Node, so that a page can carry its default
// view's first chart in the built HTML (see scripts/inline-prerender.js). The components import
// Plot as `npm:@observablehq/plot`, which only Framework resolves: a module hook maps `npm:<name>`
// to the same package in node_modules, and a jsdom document stands in for the browser's.
import { register } from "node:module";
import { tarArchive } from "../output/index.js";

const NPM_SPECIFIER = /^npm:((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/;

/** `npm:@observablehq/plot@0.6/dist/x.js` → `@observablehq/plot/dist/x.js`; other specifiers unchanged. */
export function nodeSpecifier(specifier: string): string {
  const m = NPM_SPECIFIER.exec(specifier);
  return m ? m[1]! + (m[2] ?? "") : specifier;
}

// The same mapping, as a module customization hook (it runs in the loader thread: no closures).
const NPM_TO_NODE_MODULES = `
export async function resolve(specifier, context, next) {
  const m = ${NPM_SPECIFIER}.exec(specifier);
  return next(m ? m[1] + (m[2] ?? "") : specifier, context);
}`;

let installed: Promise<void> | null = null;

// jsdom is loaded on first use: the other data loaders import this module through loaders/index.ts.
function install(): Promise<void> {
  installed ??= (async () => {
    register(`data:text/javascript,${encodeURIComponent(NPM_TO_NODE_MODULES)}`);
    const { JSDOM } = await import("jsdom");
    const { window } = new JSDOM('<!DOCTYPE html><html lang="fr"><body></body></html>');
    for (const name of ["window", "document", "navigator", "Node", "Element", "HTMLElement", "SVGElement", "MutationObserver", "getComputedStyle"] as const) {
      Object.defineProperty(globalThis, name, {
        value: name === "window" ? window : (window as unknown as Record<string, unknown>)[name],
        configurable: true,
        writable: true,
      });
    }
  })();
  return installed;
}

/** Imports a chart component after the hook and the document are in place (a static import would resolve too early). */
export async function importComponent<T>(url: URL): Promise<T> {
  await install();
  return (await import(url.href)) as T;
}

/**
 * The chart's markup, with class "prerendered" on its root (the page hides it once the live chart is
 * drawn). A component may answer with a short <p> instead of a chart (no value to plot); a table
 * component answers with a <div>.
 */
export async function renderMarkup(render: () => Element | Promise<Element>): Promise<string> {
  await install();
  const node = await render();
  if (!["svg", "figure", "p", "div"].includes(node.localName)) throw new Error(`prerender: expected an <svg>, <figure>, <p> or <div>, got <${node.localName}>`);
  node.classList.add("prerendered");
  return node.outerHTML;
}

/** Many charts in one loader process: a .tar whose members Framework serves as data/<loader>/<name>. */
export async function renderArchive(charts: readonly { name: string; render: () => Element | Promise<Element> }[]): Promise<Uint8Array> {
  if (charts.length === 0) throw new Error("prerender: no chart to draw");
  const entries = [];
  for (const { name, render } of charts) entries.push({ name, bytes: await renderMarkup(render) });
  return tarArchive(entries);
}
