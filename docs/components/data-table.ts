// A plain, accessible HTML table built with DOM APIs: every value is set with textContent, never parsed as HTML.

export interface DataColumn<T> {
  /** Header text. */
  label: string;
  /** Property to read, or use `value` (which may return a DOM node, put in the cell as it is). */
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
  /** On a narrow screen, each row is a card of labelled cells rather than a row of a wide table. */
  stack?: boolean;
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
        const value = cellValue(row, column);
        // A node built by the page (e.g. text with <code> words) goes in as it is.
        td.append(value instanceof Node && !column.format ? value : textLink(cellText(value, row, column), column.href?.(row)));
      }
      if (numeric[i]) td.style.textAlign = "right";
      if (column.className) td.className = column.className;
    });
  }
  if (options.stack) labelCells(table, columns);
  return table;
}

/** Labels each body cell with its column header, for the stacked layout of a phone (CSS ::before). */
function labelCells<T>(table: HTMLTableElement, columns: readonly DataColumn<T>[]): void {
  table.classList.add("stacked");
  for (const body of table.tBodies) {
    for (const tr of body.rows) {
      [...tr.cells].forEach((td, i) => {
        td.dataset.label = columns[i]?.label ?? "";
      });
    }
  }
}

export type SortDirection = "ascending" | "descending";

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** Sorted copy by a column's value: numbers by value, text in French order, missing values last either way. */
export function sortRows<T>(rows: readonly T[], column: DataColumn<T>, direction: SortDirection): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  const value = (r: T) => {
    const v = cellValue(r, column);
    return v === null || v === undefined || v === "" || (typeof v === "number" && !Number.isFinite(v)) ? null : v;
  };
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c =
        typeof a.v === "number" && typeof b.v === "number"
          ? a.v - b.v
          : typeof a.v === "boolean" && typeof b.v === "boolean"
            ? Number(a.v) - Number(b.v)
            : collator.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}

/**
 * A data table whose headers are sort buttons (first click: numbers largest first, text A to Z;
 * second click: the other way), with aria-sort on the sorted column.
 */
export function sortableTable<T>(
  rows: readonly T[],
  columns: readonly DataColumn<T>[],
  options: DataTableOptions & { sort?: { column: number; direction: SortDirection } } = {},
): { element: HTMLTableElement; rows: () => T[] } {
  let state = options.sort ?? null;
  let shown = state ? sortRows(rows, columns[state.column]!, state.direction) : [...rows];
  const table = dataTable(shown, columns, options);
  table.classList.add("sortable");
  const headers = [...table.tHead!.rows[0]!.cells];
  const numeric = headers.map((th) => th.style.textAlign === "right");
  const buttons = headers.map((th, i) => {
    const label = columns[i]!.label;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.title = `Trier par ${label.toLowerCase()}`;
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const direction: SortDirection =
        state?.column === i ? (state.direction === "ascending" ? "descending" : "ascending") : numeric[i] ? "descending" : "ascending";
      state = { column: i, direction };
      shown = sortRows(rows, columns[i]!, direction);
      const fresh = dataTable(shown, columns, options);
      table.tBodies[0]!.replaceWith(fresh.tBodies[0]!);
      mark();
    });
    return button;
  });
  function mark() {
    buttons.forEach((button, i) => {
      const th = button.parentElement!;
      const active = state?.column === i;
      if (active) th.setAttribute("aria-sort", state!.direction);
      else th.removeAttribute("aria-sort");
      button.textContent = `${columns[i]!.label}${active ? (state!.direction === "ascending" ? " ▲" : " ▼") : ""}`;
    });
  }
  mark();
  return { element: table, rows: () => [...shown] };
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
