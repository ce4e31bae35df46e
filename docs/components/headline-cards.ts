// The « Chiffres clés » of one edition as cards: the figure computed from the projects, the
// published figure beside it when they differ, and the change since the previous loaded edition.
import {
  formatBeur,
  formatBeurFromMeur,
  formatChange,
  formatChangeBeurFromMeur,
  formatChangePercent,
  formatChangePoints,
  formatChangeYears,
  formatEdition,
  formatInt,
  formatPercent,
  formatYears,
  shownChange,
} from "./format.js";
import { plural } from "./sentences.js";
import type { EditionFigures, PublishedHeadline } from "../../loaders/report/index.js";

/** An edition's figures as the report module computes them (loaders/report/). */
export type HeadlineEdition = Pick<
  EditionFigures,
  "edition" | "label" | "projects" | "interministerial" | "cost_meur" | "cost_known" | "duration_years" | "duration_known" | "differs"
> & {
  published: Omit<PublishedHeadline, "source_url">;
};

interface Card {
  title: string;
  value: string;
  published?: string | null;
  note?: string | null;
  change: string | null;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const isNum = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

export function headlineCards(current: HeadlineEdition, previous: HeadlineEdition | null): HTMLElement {
  const since = previous ? `depuis ${formatEdition(previous.edition)}` : null;
  const change = (text: string | null) => (since && text ? `${text} ${since}` : previous ? null : "première édition chargée");
  const count = (from: number, to: number) => (to === from ? "stable" : formatChange(to - from));
  const p = current.published;
  const q = previous?.published;
  const cards: Card[] = [
    {
      title: "Projets suivis",
      value: formatInt(current.projects),
      published: current.differs.projects ? `Chiffre publié : ${formatInt(p.projects)}` : null,
      change: change(previous ? count(previous.projects, current.projects) : null),
    },
    {
      title: "dont interministériels",
      value: formatInt(current.interministerial),
      published: current.differs.interministerial ? `Chiffre publié : ${formatInt(p.interministerial)}` : null,
      change: change(previous ? count(previous.interministerial, current.interministerial) : null),
    },
    {
      title: "Coût total estimé",
      value: formatBeurFromMeur(current.cost_meur),
      published: current.differs.cost ? `Chiffre publié : ${formatBeur(p.cost_beur)}` : null,
      note: current.cost_known < current.projects ? `Somme des coûts de ${plural(current.cost_known, "projet")} sur ${formatInt(current.projects)}` : null,
      change: change(
        previous
          ? `${formatChangeBeurFromMeur(shownChange(previous.cost_meur, current.cost_meur, -1))} (${formatChangePercent(previous.cost_meur > 0 ? current.cost_meur / previous.cost_meur - 1 : null)})`
          : null,
      ),
    },
    {
      title: "Durée moyenne",
      value: formatYears(current.duration_years),
      published: current.differs.duration ? `Chiffre publié : ${formatYears(p.duration_years)}` : null,
      note: current.duration_known < current.projects ? `Moyenne sur ${plural(current.duration_known, "projet")}` : null,
      change: change(
        previous && isNum(current.duration_years) && isNum(previous.duration_years)
          ? formatChangeYears(shownChange(previous.duration_years, current.duration_years, 1))
          : null,
      ),
    },
  ];
  if (isNum(p.schedule_gap)) {
    cards.push({
      title: "Écart calendaire moyen",
      value: formatPercent(p.schedule_gap),
      note: "Taux publié par l’édition",
      change: change(isNum(q?.schedule_gap) ? formatChangePoints(shownChange(q.schedule_gap, p.schedule_gap, 3)) : null),
    });
  }
  if (isNum(p.budget_gap)) {
    cards.push({
      title: "Écart budgétaire moyen",
      value: formatPercent(p.budget_gap),
      note: "Taux publié par l’édition",
      change: change(isNum(q?.budget_gap) ? formatChangePoints(shownChange(q.budget_gap, p.budget_gap, 3)) : null),
    });
  }
  const grid = element("div", "headline-cards");
  for (const c of cards) {
    const card = element("div", "card");
    card.append(element("h3", null, c.title), element("p", "big", c.value));
    if (c.published) card.append(element("p", "published", c.published));
    if (c.note) card.append(element("p", "note-line", c.note));
    if (c.change) card.append(element("p", "change", c.change));
    grid.append(card);
  }
  return grid;
}
