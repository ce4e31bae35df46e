// Colours and series labels shared by the charts; phase labels are in labels.ts.

/** Two series side by side (computed and published, count and cost, entries and exits): blue, then orange. */
export const PRIMARY_COLOR = "#4269d0";
export const SECONDARY_COLOR = "#e8590c";
/** What is left over: other projects, no change. */
export const NEUTRAL_COLOR = "#8f8f8f";
/** Few to many projects, light to dark blue. */
export const SEQUENTIAL_RANGE = ["#dbe4ff", "#1c3d99"] as const;

/** A colour of Framework's theme (a CSS variable, light or dark), with a fallback for an SVG read outside a page. */
export function themeColor(name: "foreground-focus" | "background", fallback?: string): string {
  return fallback ? `var(--theme-${name}, ${fallback})` : `var(--theme-${name})`;
}

/** From framing to done, then greys for no phase. Legible on light and dark backgrounds. */
export const PHASE_COLORS = ["#9c6ade", PRIMARY_COLOR, "#efb118", "#ff8c42", "#3ca951", NEUTRAL_COLOR, "#b8b8b8"] as const;

export const COMPUTED_LABEL = "Calculé à partir des projets";
export const PUBLISHED_LABEL = "Publié par l’édition";
/** Headline figures of an edition whose list of projects is not available (known from publications only). */
export const PUBLISHED_ONLY_LABEL = "Publié, liste des projets non disponible";
export const PUBLISHED_ONLY_COLOR = "#9c6ade";
export const SERIES_COLORS = {
  [COMPUTED_LABEL]: PRIMARY_COLOR,
  [PUBLISHED_LABEL]: SECONDARY_COLOR,
  [PUBLISHED_ONLY_LABEL]: PUBLISHED_ONLY_COLOR,
} as const;

/**
 * Increase and decrease: orange-red against blue (not red against green, which many readers cannot
 * tell apart), and always with a second cue: an arrow, a symbol or a side of the chart.
 */
export const INCREASE_COLOR = "#d9480f";
export const DECREASE_COLOR = "#1c7ed6";
/** Plot symbols: a triangle pointing up, one pointing down (drawn here: Plot has none), a circle. */
export const INCREASE_SYMBOL = "triangle";
export const DECREASE_SYMBOL = {
  draw(context: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void; closePath(): void }, size: number): void {
    const y = -Math.sqrt(size / (Math.sqrt(3) * 3));
    context.moveTo(0, -y * 2);
    context.lineTo(-Math.sqrt(3) * y, y);
    context.lineTo(Math.sqrt(3) * y, y);
    context.closePath();
  },
};
export const STABLE_SYMBOL = "circle";

/** Edition id → first day of its month (UTC), for time axes. */
export function editionDate(edition: string): Date {
  return new Date(`${edition}-01T00:00:00Z`);
}
