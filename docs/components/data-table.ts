// A plain, accessible HTML table built with DOM APIs: every value is set with textContent, never parsed as HTML.

export interface DataColumn<T> {
  /** Header text. */
  label: string;
  /** Property to read, or use `value`. */
  key?: keyof T & string;
  value?: (row: T) => unknown;
  /** Text of a cell (defaults to String(value), "—" for null). */
  // biome-ignore lint/suspicious/noExplicitAny: a column's value type is chosen by each caller's `value`.
  format?: (value: any, row: T) => string;
  /** Numbers are right-aligned by default. */
  align?: "left" | "right";
  /** Class of the header and body cells (e.g. to let long identifiers wrap). */
  className?: string;
  /** Optional link for the cell; anything but a site path or an http(s) URL is ignored. */
  href?: (row: T) => string | null | undefined;
  /** Several texts in one cell (e.g. sources), joined by « ; », each a link when its href is safe. */
  links?: (row: T) => readonly CellLink[];
}

export interface CellLink {
  text: string;
  href?: string | null;
}

export interface DataTableOptions {
  caption?: string;
  className?: string;
}

/** Keeps only http(s) URLs and site-relative paths: no `javascript:`, `data:`, etc. */
export function safeHref(href: string | null | undefined): string | null {
  if (typeof href !== "string") return null;
  const s = href.trim();
  if (/^(\.{0,2}\/|#)/.test(s) && !s.startsWith("//")) return s;
  try {
    const url = new URL(s);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Link of a project page, relative to the page that shows it (default: a top-level page); the file name, so that any static server finds it. */
export function projectHref(key: string, base = "./projets/"): string {
  return `${base}${encodeURIComponent(key)}.html`;
}

function cellValue<T>(row: T, column: DataColumn<T>): unknown {
  if (column.value) return column.value(row);
  return column.key ? (row as Record<string, unknown>)[column.key] : undefined;
}

function cellText<T>(value: unknown, row: T, column: DataColumn<T>): string {
  if (column.format) return column.format(value, row);
  if (value === null || value === undefined || value === "") return "—";
  return String(value);
}

/** A link when `href` is a site path or an http(s) URL, else plain text; the text is never parsed as HTML. */
export function textLink(text: string, href: string | null | undefined): Node {
  const safe = safeHref(href);
  if (!safe) return document.createTextNode(text);
  const a = document.createElement("a");
  a.href = safe;
  if (/^https?:/.test(safe)) a.rel = "noopener noreferrer";
  a.textContent = text;
  return a;
}

export function dataTable<T>(rows: readonly T[], columns: readonly DataColumn<T>[], options: DataTableOptions = {}): HTMLTableElement {
  const table = document.createElement("table");
  table.className = options.className ?? "data-table";
  if (options.caption) table.createCaption().textContent = options.caption;
  const headRow = table.createTHead().insertRow();
  const numeric = columns.map(
    (c) =>
      c.align === "right" ||
      (c.align === undefined &&
        rows.length > 0 &&
        rows.every((r) => {
          const v = cellValue(r, c);
          return v === null || v === undefined || typeof v === "number";
        }) &&
        rows.some((r) => typeof cellValue(r, c) === "number")),
  );
  columns.forEach((column, i) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    if (column.className) th.className = column.className;
    if (numeric[i]) th.style.textAlign = "right";
    headRow.append(th);
  });
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    columns.forEach((column, i) => {
      const td = tr.insertCell();
      if (column.links) {
        column.links(row).forEach((link, j) => {
          if (j > 0) td.append(" ; ");
          td.append(textLink(link.text, link.href));
        });
      } else {
        td.append(textLink(cellText(cellValue(row, column), row, column), column.href?.(row)));
      }
      if (numeric[i]) td.style.textAlign = "right";
      if (column.className) td.className = column.className;
    });
  }
  return table;
}

/** Wraps a wide element in a horizontally scrolling region that the keyboard can reach (tabindex, role, label). */
export function scrollable(element: Element, label: string): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "table-scroll";
  div.tabIndex = 0;
  div.setAttribute("role", "region");
  div.setAttribute("aria-label", label);
  div.append(element);
  return div;
}
