// Per edition: the headline figures computed from the project rows beside the figures the edition
// publishes ("Chiffres clés"), at the precision the edition publishes them, with the reason of any
// difference where it is known.
import type { EditionRow, ProjectRow } from "../schema.js";
import { round } from "../util.js";

export type Figure = "projects" | "interministerial" | "cost" | "duration";

export interface ReconciliationRow {
  edition: string;
  label: string;
  figure: Figure;
  /** French name of the figure, with its unit. */
  figure_label: string;
  /** Computed from the rows, unrounded (cost in Md€, duration in years). */
  computed: number | null;
  published: number | null;
  /** Computed, rounded to the published precision, minus published; null when either is missing. */
  difference: number | null;
  /** Decimals of the published figure. */
  digits: number;
  agrees: boolean | null;
  /** French: how the computed figure is obtained. */
  method: string;
  /** French: the reviewed note on the published figure (RECONCILIATION_NOTES), if any. */
  note: string | null;
  /** French: method, agreement and note, in one text. */
  explanation: string;
}

const FIGURES: { figure: Figure; label: string; digits: number }[] = [
  { figure: "projects", label: "Projets suivis", digits: 0 },
  { figure: "interministerial", label: "Projets interministériels", digits: 0 },
  { figure: "cost", label: "Coût total (Md€)", digits: 2 },
  { figure: "duration", label: "Durée moyenne (années)", digits: 1 },
];

/**
 * Reviewed explanations of published figures, from the editions' own pages. Each states what the
 * page says; the computed side is described by `computedNote`.
 */
export const RECONCILIATION_NOTES: readonly { edition: string; figure: Figure; note: string }[] = [
  {
    edition: "2018-07",
    figure: "cost",
    note: "La page publie des « milliards d’euros engagés (hors projets en cadrage) » et présente désormais les coûts en « coût complet » ; les projets en cadrage n’ont pas de coût dans le tableau.",
  },
  {
    edition: "2018-11",
    figure: "cost",
    note: "La page publie des « milliards d’euros engagés (hors projets en cadrage) », en « coût complet » ; les projets en cadrage n’ont pas de coût dans le tableau.",
  },
  {
    edition: "2021-11",
    figure: "cost",
    note: "Le chiffre publié additionne des « coûts actualisés », que le tableau ne donne pas projet par projet : le tableau ne donne que le « coût (complet) estimé » de chaque projet, dont la somme est plus faible.",
  },
];

const plural = (n: number, one: string, many: string) => `${n} ${n < 2 ? one : many}`;

function computed(rows: readonly ProjectRow[], figure: Figure): { value: number | null; note: string } {
  switch (figure) {
    case "projects":
      return { value: rows.length, note: "Nombre de lignes de projets de l’édition." };
    case "interministerial":
      return { value: rows.filter((r) => r.interministerial === true).length, note: "Lignes marquées interministérielles." };
    case "cost": {
      const costs = rows.flatMap((r) => (r.cost_meur === null ? [] : [r.cost_meur]));
      const missing = rows.length - costs.length;
      return {
        value: costs.length ? costs.reduce((a, b) => a + b, 0) / 1000 : null,
        note: `Somme des coûts des lignes${missing ? ` ; ${plural(missing, "projet sans coût publié n’est pas compté", "projets sans coût publié ne sont pas comptés")}` : ""}.`,
      };
    }
    case "duration": {
      const durations = rows.flatMap((r) => (r.duration_years === null ? [] : [r.duration_years]));
      return {
        value: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null,
        note: `Moyenne sur ${plural(durations.length, "projet dont la durée est publiée", "projets dont la durée est publiée")}.`,
      };
    }
  }
}

function published(edition: EditionRow, figure: Figure): number | null {
  switch (figure) {
    case "projects":
      return edition.official_projects;
    case "interministerial":
      return edition.official_interministerial;
    case "cost":
      return edition.official_cost_beur;
    case "duration":
      return edition.official_duration_years;
  }
}

/** One row per edition and figure, editions oldest first, figures in FIGURES order. */
export function reconcile(projects: readonly ProjectRow[], editions: readonly EditionRow[], notes = RECONCILIATION_NOTES): ReconciliationRow[] {
  const sorted = [...editions].sort((a, b) => (a.edition < b.edition ? -1 : a.edition > b.edition ? 1 : 0));
  return sorted.flatMap((edition) => {
    const rows = projects.filter((p) => p.edition === edition.edition);
    return FIGURES.map(({ figure, label, digits }): ReconciliationRow => {
      const c = computed(rows, figure);
      const p = published(edition, figure);
      const difference = c.value === null || p === null ? null : round(round(c.value, digits) - p, digits);
      const note = notes.find((n) => n.edition === edition.edition && n.figure === figure)?.note;
      const status =
        p === null ? "Pas de chiffre publié." : difference === 0 ? "Identique au chiffre publié, à la précision publiée." : "Différent du chiffre publié.";
      return {
        edition: edition.edition,
        label: edition.label,
        figure,
        figure_label: label,
        computed: c.value,
        published: p,
        difference,
        digits,
        agrees: difference === null ? null : difference === 0,
        method: c.note,
        note: note ?? null,
        explanation: [c.note, status, note].filter(Boolean).join(" "),
      };
    });
  });
}
