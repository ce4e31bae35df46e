// The project explorer (docs/projets.md): accent- and case-insensitive search, filters, and a table
// sortable with buttons in its header (keyboard: Tab to a header, Enter or Space to sort).
// Every value is written with textContent.
import { projectHref } from "./data-table.js";
import { COST_BAND_UNKNOWN, COST_BANDS, costBand, formatBoolean, formatChange, formatEditionShort, formatNumber } from "./format.js";
import { foldText, PHASE_ORDER, phaseLabel } from "./labels.js";
import { frenchSpacing } from "./typography.js";
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
> & {
  phase: string | null;
  /** Since the project's first published cost (M€) or duration (years), in an earlier edition (loaders/report/explorer.ts). */
  cost_change_meur?: number | null;
  duration_change_years?: number | null;
  [column: string]: unknown;
};

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

export type SortKey =
  | "edition"
  | "name"
  | "ministry"
  | "phase"
  | "cost_meur"
  | "cost_change_meur"
  | "duration_years"
  | "duration_change_years"
  | "start_date"
  | "interministerial"
  | ExtraColumn;

/** Columns shown on demand. */
export const EXTRA_COLUMNS = ["functional_zone", "financing", "description"] as const;
export type ExtraColumn = (typeof EXTRA_COLUMNS)[number];
export const EXTRA_LABELS: Record<ExtraColumn, string> = { functional_zone: "Zone fonctionnelle", financing: "Financement", description: "Description" };
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
      return (p[key] as string | number | null | undefined) ?? null;
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
  /** Longer header text, for the sort button's title. */
  title?: string;
  numeric?: boolean;
  /** Kept on a phone's stacked rows: the figures that matter. */
  essential?: boolean;
  text: (p: ExplorerProject) => string;
}

const text = (s: string | null | undefined) => (s ? s : "—");

export const COLUMNS: readonly Column[] = [
  { key: "edition", label: "Édition", essential: true, text: (p) => formatEditionShort(p.edition) },
  { key: "name", label: "Projet", essential: true, text: (p) => p.name },
  { key: "ministry", label: "Ministère", essential: true, text: (p) => p.ministry ?? "—" },
  { key: "phase", label: "Phase", essential: true, text: phaseLabel },
  { key: "cost_meur", label: "Coût (M€)", numeric: true, essential: true, text: (p) => formatNumber(p.cost_meur) },
  {
    key: "cost_change_meur",
    label: "Écart de coût (M€)",
    title: "écart de coût depuis le premier coût publié, en M€",
    numeric: true,
    essential: true,
    text: (p) => formatChange(p.cost_change_meur),
  },
  { key: "duration_years", label: "Durée (années)", numeric: true, essential: true, text: (p) => formatNumber(p.duration_years) },
  {
    key: "duration_change_years",
    label: "Écart de durée (années)",
    title: "écart de durée depuis la première durée publiée, en années",
    numeric: true,
    essential: true,
    text: (p) => formatChange(p.duration_change_years),
  },
  { key: "start_date", label: "Début", text: (p) => (p.start_date ? formatEditionShort(p.start_date) : "—") },
  { key: "interministerial", label: "Inter\u00adminis\u00adtériel", text: (p) => formatBoolean(p.interministerial) },
  { key: "functional_zone", label: EXTRA_LABELS.functional_zone, text: (p) => text(p.functional_zone) },
  { key: "financing", label: EXTRA_LABELS.financing, text: (p) => text(p.financing) },
  { key: "description", label: EXTRA_LABELS.description, text: (p) => text(p.description) },
];

const isExtra = (key: SortKey): key is ExtraColumn => (EXTRA_COLUMNS as readonly string[]).includes(key);

export interface ExplorerTable {
  element: HTMLElement;
  /** Shows these rows, in the current sort order. */
  update(rows: readonly ExplorerProject[]): void;
  /** Shows these columns on demand (with the others), in table order. */
  setExtras(extras: readonly ExtraColumn[]): void;
  readonly sort: { key: SortKey; direction: SortDirection };
}

export const DEFAULT_SORT: { readonly key: SortKey; readonly direction: SortDirection } = { key: "edition", direction: "descending" };

export interface ExplorerTableOptions {
  caption?: string;
  base?: string;
  sort?: { key: SortKey; direction: SortDirection };
  extras?: readonly ExtraColumn[];
  /** Called after a click on a header changes the order. */
  onSort?: (sort: { key: SortKey; direction: SortDirection }) => void;
}

export function explorerTable({
  caption = "Projets",
  base = "./projets/",
  sort = DEFAULT_SORT,
  extras = [],
  onSort,
}: ExplorerTableOptions = {}): ExplorerTable {
  const state = { ...sort };
  let shown: readonly ExtraColumn[] = extras;
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
  const columns = () => COLUMNS.filter((c) => !isExtra(c.key) || shown.includes(c.key));
  const cellClass = (column: Column) =>
    [
      column.numeric ? "numeric" : "",
      column.key === "name" ? "project-name" : column.key === "ministry" ? "ministry" : "",
      column.essential ? "" : "secondary",
      column.key === "description" ? "long-text" : "",
    ]
      .filter(Boolean)
      .join(" ");
  function header() {
    head.replaceChildren();
    for (const column of columns()) {
      const th = document.createElement("th");
      th.scope = "col";
      const className = cellClass(column);
      if (className) th.className = className;
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
        onSort?.({ ...state });
      });
      th.append(button);
      head.append(th);
    }
  }
  let renders = 0;
  function render() {
    for (const button of head.querySelectorAll<HTMLButtonElement>("button.sort")) {
      const column = COLUMNS.find((c) => c.key === button.dataset.key)!;
      const th = button.parentElement!;
      const active = column.key === state.key;
      if (active) th.setAttribute("aria-sort", state.direction);
      else th.removeAttribute("aria-sort");
      button.textContent = `${column.label}${active ? (state.direction === "ascending" ? " ▲" : " ▼") : ""}`;
      button.title = `Trier par ${column.title ?? column.label.toLowerCase()}`;
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
    const cols = columns();
    for (const p of rows) {
      const tr = document.createElement("tr");
      for (const column of cols) {
        const td = document.createElement("td");
        const className = cellClass(column);
        if (className) td.className = className;
        // The label of a stacked cell on a phone (CSS ::before).
        td.dataset.label = column.label;
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
  header();
  render();
  return {
    element: wrapper,
    update(rows) {
      current = rows;
      render();
    },
    setExtras(next) {
      shown = EXTRA_COLUMNS.filter((c) => next.includes(c));
      if (isExtra(state.key) && !shown.includes(state.key)) Object.assign(state, DEFAULT_SORT);
      header();
      render();
    },
    get sort() {
      return { ...state };
    },
  };
}

/** What a shared address of the explorer holds: filters, order, columns shown on demand. */
export interface ExplorerState extends ExplorerFilters {
  sort: { key: SortKey; direction: SortDirection };
  extras: ExtraColumn[];
}

/** The values each filter accepts (anything else in an address is ignored). */
export interface ExplorerChoices {
  editions: readonly string[];
  ministries: readonly string[];
  phases: readonly string[];
}

const SORT_KEYS = new Set<string>(COLUMNS.map((c) => c.key));
const BANDS = [...COST_BANDS.map((b) => b.label), COST_BAND_UNKNOWN];

/** The explorer's state from a query string (?q=…&edition=…); unknown or invalid values fall back to « all ». */
export function explorerStateFromSearch(search: string, choices: ExplorerChoices): ExplorerState {
  const params = new URLSearchParams(search);
  const pick = (name: string, valid: readonly string[]) => {
    const v = params.get(name);
    return v !== null && valid.includes(v) ? v : null;
  };
  const inter = params.get("interministeriel");
  const [key, direction] = (params.get("tri") ?? "").split(":");
  const sort =
    key && SORT_KEYS.has(key) && (direction === "ascending" || direction === "descending")
      ? { key: key as SortKey, direction: direction as SortDirection }
      : { ...DEFAULT_SORT };
  const extras = new Set((params.get("colonnes") ?? "").split(","));
  return {
    query: (params.get("q") ?? "").slice(0, 200),
    edition: pick("edition", choices.editions),
    ministry: pick("ministere", choices.ministries),
    phase: pick("phase", choices.phases),
    band: pick("cout", BANDS),
    interministerial: inter === "oui" ? true : inter === "non" ? false : null,
    sort,
    extras: EXTRA_COLUMNS.filter((c) => extras.has(c)),
  };
}

/** The query string of a state (empty values left out, so that the default view has a bare address). */
export function explorerSearch(state: Partial<ExplorerState>): string {
  const params = new URLSearchParams();
  if (state.query?.trim()) params.set("q", state.query.trim());
  if (state.edition) params.set("edition", state.edition);
  if (state.ministry) params.set("ministere", state.ministry);
  if (state.phase) params.set("phase", state.phase);
  if (state.band) params.set("cout", state.band);
  if (state.interministerial != null) params.set("interministeriel", state.interministerial ? "oui" : "non");
  if (state.sort && (state.sort.key !== DEFAULT_SORT.key || state.sort.direction !== DEFAULT_SORT.direction))
    params.set("tri", `${state.sort.key}:${state.sort.direction}`);
  if (state.extras?.length) params.set("colonnes", state.extras.join(","));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The filters in words, for the printed explorer: « Filtres : édition novembre 2021 ; recherche « paie ». » */
export function filtersSentence(filters: Partial<ExplorerFilters>, formatEdition: (edition: string) => string): string {
  const parts = [
    filters.edition ? `édition ${formatEdition(filters.edition)}` : null,
    filters.ministry ? `ministère « ${filters.ministry} »` : null,
    filters.phase ? `phase « ${filters.phase} »` : null,
    filters.band ? `coût ${filters.band}` : null,
    filters.interministerial == null ? null : filters.interministerial ? "projets interministériels" : "projets non interministériels",
    filters.query?.trim() ? `recherche « ${filters.query.trim()} »` : null,
  ].filter((p): p is string => p !== null);
  return frenchSpacing(parts.length ? `Filtres : ${parts.join(" ; ")}.` : "Sans filtre : toutes les lignes de toutes les éditions.");
}
