// Building blocks of a project page (docs/projets/[key].md), from docs/data/projets/<key>.json
// (loaders/report/project-pages.ts). Text from the sources is written with textContent only; only http(s)
// URLs become links.
import type { ProjectHistoryRow, ProjectRow } from "../../loaders/schema.js";
import { dataTable, safeHref } from "./data-table.js";
import {
  formatBoolean,
  formatChange,
  formatChangePercent,
  formatChangeYearsTo,
  formatEdition,
  formatEditionShort,
  formatMeur,
  formatMonthYear,
  formatYears,
  formatYearsTo,
  distinctDigits,
  formatMeurTo,
  shownChange,
} from "./format.js";
import { agree, listJoin } from "./sentences.js";
import { phaseLabel } from "./labels.js";
import type { EditionGapLike } from "./edition-gaps.js";

/** A project's row in one edition, as in the `projects` table. */
export type ProjectRowData = ProjectRow;

export interface ProjectPageData {
  project_key: string;
  history: Omit<ProjectHistoryRow, "project_key" | "first_start_date" | "last_start_date">;
  rows: ProjectRowData[];
  movements: { edition: string; previous_edition: string; movement: "entered" | "exited" }[];
  editions: { edition: string; label: string }[];
  /** Periods without any loaded edition (edition-gaps.ts). */
  gaps?: EditionGapLike[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** Phase as published, or why there is none. */

/** « En bref »: a definition list of the facts of the project, across editions. */
export function projectFacts(page: ProjectPageData): HTMLDListElement {
  const { history: h, rows, editions } = page;
  const latest = rows.at(-1)!;
  const dl = el("dl", undefined, "project-facts");
  const add = (term: string, value: string) => {
    dl.append(el("dt", term), el("dd", value));
  };
  add("Ministère porteur", h.ministry ?? "—");
  const published = [...new Set(rows.map((r) => r.ministry_published).filter((m): m is string => m !== null))];
  if (published.length && (published.length > 1 || published[0] !== h.ministry)) add("Libellés publiés", published.join(" ; "));
  const names = [...new Set(rows.map((r) => r.name))];
  if (names.length > 1) add("Noms publiés", names.join(" ; "));
  add("Projet interministériel", formatBoolean(latest.interministerial));
  const listed = `${h.editions_count} ${agree(h.editions_count, "édition")} sur ${editions.length} chargées`;
  const span =
    h.first_edition === h.last_edition ? `en ${formatEdition(h.first_edition)}` : `de ${formatEdition(h.first_edition)} à ${formatEdition(h.last_edition)}`;
  add("Présence dans le panorama", `${listed}, ${span}`);
  if (h.gaps) add("Absent des éditions", listJoin(h.gaps.split(", ").map(formatEdition)));
  add("Dans la dernière édition chargée", h.still_listed ? "Oui" : `Non (dernière apparition : ${formatEdition(h.last_edition)})`);
  add("Phase (dernière édition)", phaseLabel(latest));
  if (h.first_cost_meur !== null) {
    const digits = distinctDigits(h.first_cost_meur, h.last_cost_meur);
    add(
      "Coût estimé",
      h.first_cost_edition === h.last_cost_edition
        ? `${formatMeur(h.last_cost_meur)} (${formatEdition(h.last_cost_edition!)})`
        : `${formatMeurTo(h.first_cost_meur, digits)} (${formatEdition(h.first_cost_edition!)}) → ${formatMeurTo(h.last_cost_meur, digits)} (${formatEdition(h.last_cost_edition!)}), soit ${formatChange(shownChange(h.first_cost_meur, h.last_cost_meur, digits), "M€", digits)}${h.cost_change_ratio !== null ? ` (${formatChangePercent(h.cost_change_ratio)})` : ""}`,
    );
  } else {
    add("Coût estimé", "jamais publié");
  }
  if (h.first_duration_years !== null) {
    const years = distinctDigits(h.first_duration_years, h.last_duration_years);
    add(
      "Durée prévisionnelle",
      h.duration_change_years === 0
        ? formatYears(h.last_duration_years)
        : `${formatYearsTo(h.first_duration_years, years)} → ${formatYearsTo(h.last_duration_years, years)} (${formatChangeYearsTo(shownChange(h.first_duration_years, h.last_duration_years, years), years)})`,
    );
  }
  if (latest.start_date) add("Début", formatMonthYear(latest.start_date));
  if (latest.functional_zone) add("Zone fonctionnelle", latest.functional_zone);
  if (latest.financing) add("Financement", latest.financing);
  return dl;
}

/**
 * The description as text, paragraphs on line breaks. When it changed across editions, each
 * version is given with the editions that publish it (latest first).
 */
export function projectDescription(rows: readonly ProjectRowData[]): HTMLElement {
  const div = el("div", undefined, "project-description");
  const versions: { text: string; editions: string[] }[] = [];
  for (const r of [...rows].reverse()) {
    if (!r.description) continue;
    const v = versions.find((x) => x.text === r.description);
    if (v) v.editions.push(r.edition);
    else versions.push({ text: r.description, editions: [r.edition] });
  }
  if (versions.length === 0) {
    div.append(el("p", "Aucune description publiée."));
    return div;
  }
  const paragraphs = (text: string) =>
    text
      .split(/\n\s*\n|\r?\n/)
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => el("p", t));
  div.append(...paragraphs(versions[0]!.text));
  if (versions.length > 1) {
    div.append(el("p", `Texte publié en ${listJoin(versions[0]!.editions.slice().reverse().map(formatEdition))}.`, "muted-note"));
    for (const v of versions.slice(1)) {
      const details = el("details");
      details.append(el("summary", `Version publiée en ${listJoin(v.editions.slice().reverse().map(formatEdition))}`), ...paragraphs(v.text));
      div.append(details);
    }
  }
  return div;
}

/** The project's links, latest edition first, every link of each cell in published order, http(s) only, each once. */
export function projectLinks(rows: readonly ProjectRowData[]): HTMLElement {
  const seen = new Set<string>();
  const ul = el("ul", undefined, "project-links");
  for (const r of [...rows].reverse()) {
    for (const [urls, label] of [
      [r.more_info_urls, "En savoir plus sur le projet"],
      [r.pap_urls, "Projet annuel de performances (PAP)"],
    ] as const) {
      for (const url of urls ?? []) {
        const href = /^https?:\/\//i.test(url.trim()) ? safeHref(url) : null;
        if (!href || seen.has(href)) continue;
        seen.add(href);
        const li = el("li");
        const a = el("a", `${label} (${formatEdition(r.edition)})`);
        a.href = href;
        a.rel = "noopener noreferrer";
        li.append(a, el("span", ` — ${new URL(href).hostname}`, "muted"));
        ul.append(li);
      }
    }
  }
  if (!ul.children.length) {
    const p = el("p", "Aucun lien publié.");
    return p;
  }
  return ul;
}

/** Its values in every edition where it is listed (oldest first). */
export function projectEditionsTable(page: ProjectPageData): HTMLTableElement {
  return dataTable(
    page.rows,
    [
      { label: "Édition", value: (r) => r.edition, format: (e: string) => formatEditionShort(e) },
      { label: "Nom publié", key: "name" },
      { label: "Ministère (publié)", value: (r) => r.ministry_published ?? r.ministry },
      { label: "Phase", value: phaseLabel },
      { label: "Coût (M€)", key: "cost_meur", format: formatMeur, align: "right" },
      { label: "Durée (années)", key: "duration_years", format: formatYears, align: "right" },
      { label: "Début", key: "start_date", format: formatMonthYear },
      { label: "Interministériel", key: "interministerial", format: formatBoolean },
      { label: "Zone fonctionnelle", key: "functional_zone" },
      { label: "Source", value: (r) => `${r.source_file}, ligne ${r.source_row}` },
    ],
    { caption: "Valeurs publiées à chaque édition" },
  );
}

/** « Parcours »: one item per loaded edition from its first to its last, listed or not. */
export function phasePathList(page: ProjectPageData): HTMLOListElement {
  const ol = el("ol", undefined, "phase-path");
  const byEdition = new Map(page.rows.map((r) => [r.edition, r]));
  const first = page.editions.findIndex((e) => e.edition === page.history.first_edition);
  const last = page.editions.findIndex((e) => e.edition === page.history.last_edition);
  for (const e of page.editions.slice(first, last + 1)) {
    const r = byEdition.get(e.edition);
    ol.append(el("li", `${formatEdition(e.edition)} : ${r ? phaseLabel(r) : "absent de l’édition"}`, r ? undefined : "absent"));
  }
  return ol;
}

/** Entries and exits, in French sentences. */
export function movementsList(page: ProjectPageData): HTMLElement {
  if (page.movements.length === 0)
    return el("p", "Aucune entrée ni sortie entre deux éditions chargées : le projet figure dans chacune, de la première à la dernière.");
  const ul = el("ul");
  for (const m of page.movements) {
    ul.append(
      el(
        "li",
        m.movement === "entered"
          ? `Entre dans le panorama en ${formatEdition(m.edition)} (absent en ${formatEdition(m.previous_edition)}).`
          : `Sort du panorama en ${formatEdition(m.edition)} (présent en ${formatEdition(m.previous_edition)}).`,
      ),
    );
  }
  return ul;
}
