// « Entrées et sorties », project by project: for each pair of consecutive editions, latest first,
// the projects that enter and those that leave, each name a link to its page. Text is set with
// textContent only.
import { projectHref, textLink } from "./data-table.js";
import { formatEdition, formatInt, formatMeur } from "./format.js";
import { editionList } from "./sentences.js";
import type { MovedProject, MovementGroup as ReportMovementGroup } from "../../loaders/report/index.js";

export type { MovedProject };
/** A group as the page reads it: the fields of the report's MovementGroup that the lists use. */
export type MovementGroup = Pick<ReportMovementGroup, "edition" | "previous_edition" | "missing_between" | "entered" | "exited">;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const entryNote = (p: MovedProject) => (p.cost_meur === null ? "coût non publié" : formatMeur(p.cost_meur));
const exitNote = (p: MovedProject) => (p.phase === "Terminé" ? "terminé" : `dernière phase : ${p.phase.toLowerCase()}`);

function projectList(projects: readonly MovedProject[], note: (p: MovedProject) => string): HTMLUListElement {
  const ul = el("ul", undefined, "project-list");
  for (const p of projects) {
    const li = el("li");
    li.append(textLink(p.name, projectHref(p.key)), " ", el("span", `(${p.ministry} ; ${note(p)})`, "source-note"));
    ul.append(li);
  }
  return ul;
}

function movement(projects: readonly MovedProject[], title: string, none: string, note: (p: MovedProject) => string): Node[] {
  const heading = el("p");
  heading.append(el("strong", projects.length ? `${title} (${formatInt(projects.length)})` : none));
  return projects.length ? [heading, projectList(projects, note)] : [heading];
}

/** One heading (id `mouvements-<edition>`) per pair of editions, then its entries and its exits. */
export function movementLists(groups: readonly MovementGroup[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const g of [...groups].reverse()) {
    const h3 = el("h3", `De ${formatEdition(g.previous_edition)} à ${formatEdition(g.edition)}`);
    h3.id = `mouvements-${g.edition}`;
    fragment.append(h3);
    if (g.missing_between.length) fragment.append(el("p", `Éditions intermédiaires non disponibles : ${editionList(g.missing_between)}.`, "source-note"));
    fragment.append(...movement(g.entered, "Entrées", "Aucune entrée.", entryNote), ...movement(g.exited, "Sorties", "Aucune sortie.", exitNote));
  }
  return fragment;
}
