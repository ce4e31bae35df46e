// The project explorer (docs/projets.md): accent- and case-insensitive search, filters, and a table
// sortable with buttons in its header (keyboard: Tab to a header, Enter or Space to sort).
// Every value is written with textContent.
import { projectHref } from "./data-table.js";
import { costBand, formatBoolean, formatEditionShort, formatMeur, formatMonthYear, formatYears } from "./format.js";
import { foldText, PHASE_ORDER, phaseLabel } from "./labels.js";
import type { ProjectRow } from "../../loaders/schema.js";

/** Rows laid out at once (the rest on the next frame); also the rows drawn at build time. */
export const FIRST_ROWS = 40;

export const EXPLORER_CAPTION = "Projets correspondant à la recherche et aux filtres (les en-têtes de colonne sont des boutons de tri)";

/** A `projects` row as the explorer holds it; `phase` may also be the report's labels for no phase. */
export type ExplorerProject = Pick<
  ProjectRow,
  | "edition"
  | "project_key"
  | "name"
  | "ministry"
  | "ministry_published"
  | "interministerial"
  | "description"
  | "start_date"
  | "duration_years"
  | "figures_withheld"
  | "cost_meur"
  | "functional_zone"
  | "financing"
> & { phase: string | null; [column: string]: unknown };

/** Data file docs/data/projects.json (loaders/report/explorer.ts): descriptions stored once. */
export interface ExplorerFile {
  editions: { edition: string; label: string }[];
  descriptions: string[];
  rows: (Omit<ExplorerProject, "description"> & { description: number | null })[];
}

export function inflate(file: ExplorerFile): ExplorerProject[] {
  return file.rows.map((r) => ({ ...r, description: r.description === null ? null : (file.descriptions[r.description] ?? null) }) as ExplorerProject);
}

export interface ExplorerFilters {
  query: string;
  edition: string | null;
  ministry: string | null;
  phase: string | null;
  /** A COST_BANDS label or COST_BAND_UNKNOWN. */
  band: string | null;
  interministerial: boolean | null;
}

const searchIndex = new WeakMap<object, string>();

function searchText(p: ExplorerProject): string {
  let text = searchIndex.get(p);
  if (text === undefined) {
    text = ` ${foldText([p.name, p.description, p.ministry, p.ministry_published, p.financing].filter(Boolean).join(" "))} `;
    searchIndex.set(p, text);
  }
  return text;
}

/** Rows matching every filter; the query matches when each of its words is found in the name, description, ministry or financing. */
export function filterProjects<T extends ExplorerProject>(rows: readonly T[], filters: Partial<ExplorerFilters>): T[] {
  const words = foldText(filters.query ?? "")
    .split(" ")
    .filter(Boolean);
  return rows.filter(
    (p) =>
      (filters.edition == null || p.edition === filters.edition) &&
      (filters.ministry == null || p.ministry === filters.ministry) &&
      (filters.phase == null || phaseLabel(p) === filters.phase) &&
      (filters.band == null || costBand(p.cost_meur) === filters.band) &&
      (filters.interministerial == null || p.interministerial === filters.interministerial) &&
      words.every((w) => searchText(p).includes(w)),
  );
}

export type SortKey = "edition" | "name" | "ministry" | "phase" | "cost_meur" | "duration_years" | "start_date" | "interministerial";
export type SortDirection = "ascending" | "descending";

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

function sortValue(p: ExplorerProject, key: SortKey): string | number | null {
  switch (key) {
    case "phase": {
      const i = PHASE_ORDER.indexOf(phaseLabel(p));
      return i < 0 ? PHASE_ORDER.length : i;
    }
    case "interministerial":
      return p.interministerial === null ? null : p.interministerial ? 1 : 0;
    default:
      return p[key] as string | number | null;
  }
}

/** Sorted copy; missing values last in both directions; ties keep the latest edition first, then the name. */
export function sortProjects<T extends ExplorerProject>(rows: readonly T[], key: SortKey, direction: SortDirection): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  const tie = (a: T, b: T) => (a.edition < b.edition ? 1 : a.edition > b.edition ? -1 : collator.compare(a.name, b.name));
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === y ? tie(a, b) : x === null ? 1 : -1;
    const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return c !== 0 ? sign * c : tie(a, b);
  });
}

interface Column {
  key: SortKey;
  label: string;
  numeric?: boolean;
  text: (p: ExplorerProject) => string;
}

const COLUMNS: Column[] = [
  { key: "edition", label: "Édition", text: (p) => formatEditionShort(p.edition) },
  { key: "name", label: "Projet", text: (p) => p.name },
  { key: "ministry", label: "Ministère", text: (p) => p.ministry ?? "—" },
  { key: "phase", label: "Phase", text: phaseLabel },
  { key: "cost_meur", label: "Coût (M€)", numeric: true, text: (p) => formatMeur(p.cost_meur) },
  { key: "duration_years", label: "Durée (années)", numeric: true, text: (p) => formatYears(p.duration_years) },
  { key: "start_date", label: "Début", text: (p) => formatMonthYear(p.start_date) },
  { key: "interministerial", label: "Interministériel", text: (p) => formatBoolean(p.interministerial) },
];

export interface ExplorerTable {
  element: HTMLElement;
  /** Shows these rows, in the current sort order. */
  update(rows: readonly ExplorerProject[]): void;
  readonly sort: { key: SortKey; direction: SortDirection };
}

export const DEFAULT_SORT: { readonly key: SortKey; readonly direction: SortDirection } = { key: "edition", direction: "descending" };

export function explorerTable({ caption = "Projets", base = "./projets/", sort = DEFAULT_SORT } = {}): ExplorerTable {
  const state = { ...sort };
  let current: readonly ExplorerProject[] = [];
  const wrapper = document.createElement("div");
  wrapper.className = "explorer-scroll";
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", caption);
  const table = document.createElement("table");
  table.className = "explorer-table";
  const cap = table.createCaption();
  cap.textContent = caption;
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const buttons = new Map<SortKey, HTMLButtonElement>();
  for (const column of COLUMNS) {
    const th = document.createElement("th");
    th.scope = "col";
    if (column.numeric) th.className = "numeric";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.dataset.key = column.key;
    button.addEventListener("click", () => {
      state.direction =
        state.key === column.key && state.direction === "ascending"
          ? "descending"
          : state.key === column.key
            ? "ascending"
            : column.numeric
              ? "descending"
              : "ascending";
      state.key = column.key;
      render();
    });
    th.append(button);
    head.append(th);
    buttons.set(column.key, button);
  }
  let renders = 0;
  function render() {
    for (const column of COLUMNS) {
      const button = buttons.get(column.key)!;
      const th = button.parentElement!;
      const active = column.key === state.key;
      if (active) th.setAttribute("aria-sort", state.direction);
      else th.removeAttribute("aria-sort");
      button.textContent = `${column.label}${active ? (state.direction === "ascending" ? " ▲" : " ▼") : ""}`;
      button.title = `Trier par ${column.label.toLowerCase()}`;
    }
    const rows = sortProjects(current, state.key, state.direction);
    const generation = ++renders;
    // The first screenful is laid out at once, the rest on the next frame: the table shows rows sooner.
    body.replaceChildren(rowsFragment(rows.slice(0, FIRST_ROWS)));
    if (rows.length > FIRST_ROWS) {
      requestAnimationFrame(() => {
        if (generation === renders) body.append(rowsFragment(rows.slice(FIRST_ROWS)));
      });
    }
  }
  function rowsFragment(rows: ExplorerProject[]): DocumentFragment {
    const fragment = document.createDocumentFragment();
    for (const p of rows) {
      const tr = document.createElement("tr");
      for (const column of COLUMNS) {
        const td = document.createElement("td");
        if (column.numeric) td.className = "numeric";
        if (column.key === "name") {
          const a = document.createElement("a");
          a.href = projectHref(p.project_key, base);
          a.textContent = p.name;
          td.append(a);
        } else {
          td.textContent = column.text(p);
        }
        tr.append(td);
      }
      fragment.append(tr);
    }
    return fragment;
  }
  wrapper.append(table);
  render();
  return {
    element: wrapper,
    update(rows) {
      current = rows;
      render();
    },
    get sort() {
      return { ...state };
    },
  };
}

/** Options of the cost-band filter, in band order. */
