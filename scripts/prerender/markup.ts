// The first chart of a page, drawn in Node, as markup for its cell in the built HTML.

/**
 * Gives every id in the chart a prefix, and its references (url(#…), href="#…") with it: the live
 * chart, drawn later beside it, numbers its clip paths and markers from 1 too.
 */
export function isolateIds(root: Element, prefix: string): void {
  const renamed = new Map<string, string>();
  const elements = [root, ...root.querySelectorAll("*")];
  for (const element of elements) {
    if (!element.id) continue;
    renamed.set(element.id, `${prefix}${element.id}`);
    element.id = `${prefix}${element.id}`;
  }
  if (renamed.size === 0) return;
  for (const element of elements) {
    for (const attribute of [...element.attributes]) {
      const value = attribute.value;
      let next = value.replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole));
      if (/^(?:xlink:)?href$/.test(attribute.name) && next.startsWith("#") && renamed.has(next.slice(1))) next = `#${renamed.get(next.slice(1))}`;
      if (next !== value) attribute.value = next;
    }
  }
}

const BLOCK = '<div class="observablehq observablehq--block">';
const LOADING = "<observablehq-loading></observablehq-loading>";

/** Whether the built page already carries a chart drawn at build time for this cell. */
export function hasPrerendered(html: string, id: string): boolean {
  return html.includes(`data-prerendered-cell="${id}"`);
}

/**
 * The built page with `markup` at the start of the cell's block: before Framework's loading
 * indicator and the cell's marker comment, which the page's script still finds where they were.
 * Inserted by position: the chart holds text from the data, never read as a pattern.
 */
export function insertInCell(html: string, id: string, markup: string): string {
  const marker = `<!--:${id}:-->`;
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`no cell ${id} in the built page`);
  if (html.includes(marker, at + marker.length)) throw new Error(`cell ${id} appears twice in the built page`);
  const start = html.endsWith(LOADING, at) ? at - LOADING.length : at;
  if (!html.endsWith(BLOCK, start)) throw new Error(`cell ${id} is not a block of the page`);
  return html.slice(0, start) + markup + html.slice(start);
}

/** The wrapper the page's CSS hides once the live chart is drawn beside it (docs/components/prerender.css). */
export function cellMarkup(id: string, charts: readonly string[]): string {
  return `<div class="prerendered-cell" data-prerendered-cell="${id}">${charts.join("")}</div>`;
}
