// Labels and colours shared by the charts. The phase labels are those of loaders/report.ts
// (PHASE_ORDER; tests/report.test.ts checks they agree).

export const PHASE_ORDER = [
  "Cadrage",
  "Conception / Réalisation",
  "Expérimentation",
  "Déploiement",
  "Terminé",
  "Chiffres non publiés",
  "Phase non renseignée",
] as const;

/** From framing to done, then greys for no phase. Legible on light and dark backgrounds. */
export const PHASE_COLORS = ["#9c6ade", "#4269d0", "#efb118", "#ff8c42", "#3ca951", "#8f8f8f", "#b8b8b8"] as const;

export const COMPUTED_LABEL = "Calculé à partir des projets";
export const PUBLISHED_LABEL = "Publié par l’édition";
export const SERIES_COLORS = { [COMPUTED_LABEL]: "#4269d0", [PUBLISHED_LABEL]: "#e8590c" } as const;

export const INCREASE_COLOR = "#d9480f";
export const DECREASE_COLOR = "#2f9e44";

/** Edition id → first day of its month (UTC), for time axes. */
export function editionDate(edition: string): Date {
  return new Date(`${edition}-01T00:00:00Z`);
}
