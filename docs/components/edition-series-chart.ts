import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { dataDetails } from "./data-details.js";
import { formatEdition } from "./format.js";
import { COMPUTED_LABEL, editionDate, PUBLISHED_LABEL, SERIES_COLORS, themeColor } from "./palette.js";

export interface SeriesDatum {
  edition: string;
  /** COMPUTED_LABEL or PUBLISHED_LABEL. */
  series: string;
  value: number;
  /** Extra line in the tip (the source of a published figure, a caveat). */
  note?: string | null;
}

export interface EditionSeriesOptions {
  width: number;
  height?: number;
  ariaLabel: string;
  ariaDescription: string;
  yLabel: string;
  format: (x: number) => string;
  /** Periods with no loaded edition, shaded: [first missing edition, last missing edition]. */
  gaps?: readonly [string, string][];
  zero?: boolean;
  /** Series colours (default: computed blue, published orange); series listed in `dashed` are dashed. */
  colors?: Record<string, string>;
  dashed?: readonly string[];
}

/** A figure across editions: the value computed from the projects and the one each edition published. */
export function editionSeriesChart(
  rows: readonly SeriesDatum[],
  {
    width,
    height = 260,
    ariaLabel,
    ariaDescription,
    yLabel,
    format,
    gaps = [],
    zero = true,
    colors = SERIES_COLORS,
    dashed = [PUBLISHED_LABEL],
  }: EditionSeriesOptions,
) {
  const data = rows.map((d) => ({ ...d, date: editionDate(d.edition) }));
  const series = Object.keys(colors).filter((s) => data.some((d) => d.series === s));
  return accessible(
    Plot.plot({
      width,
      height,
      marginLeft: 64,
      marginRight: 20,
      ariaLabel,
      ariaDescription,
      x: { type: "utc", tickFormat: "%Y", ticks: "year", label: null },
      y: { label: yLabel, tickFormat: format, grid: true, zero, nice: true },
      color: { domain: series, range: series.map((s) => colors[s]!), legend: series.length > 1 },
      marks: [
        Plot.rectX(gaps, {
          x1: (g: [string, string]) => editionDate(g[0]),
          x2: (g: [string, string]) => editionDate(g[1]),
          fill: "currentColor",
          fillOpacity: 0.07,
        }),
        Plot.text(gaps, {
          x: (g: [string, string]) => new Date((editionDate(g[0]).getTime() + editionDate(g[1]).getTime()) / 2),
          text: () => "éditions non disponibles",
          frameAnchor: "top",
          dy: 4,
          fillOpacity: 0.7,
          fontSize: 11,
        }),
        Plot.line(
          data.filter((d) => !dashed.includes(d.series)),
          { x: "date", y: "value", stroke: "series", strokeWidth: 1.5 },
        ),
        Plot.line(
          data.filter((d) => dashed.includes(d.series)),
          { x: "date", y: "value", stroke: "series", strokeWidth: 1.5, strokeDasharray: "4,3" },
        ),
        // Dashed series get hollow dots, so that a point on top of another leaves it visible.
        Plot.dot(
          data.filter((d) => !dashed.includes(d.series)),
          { x: "date", y: "value", fill: "series", r: 3.5 },
        ),
        Plot.dot(
          data.filter((d) => dashed.includes(d.series)),
          { x: "date", y: "value", stroke: "series", fill: themeColor("background"), strokeWidth: 1.5, r: 4.5 },
        ),
        Plot.tip(
          data,
          Plot.pointer({
            x: "date",
            y: "value",
            title: (d: SeriesDatum) => `${formatEdition(d.edition)}\n${d.series} : ${format(d.value)}${d.note ? `\n${d.note}` : ""}`,
          }),
        ),
      ],
    }),
  );
}

/** « Voir les données » of a series chart: one row per edition, computed and published side by side. */
export function editionSeriesDetails(rows: readonly SeriesDatum[], format: (x: number) => string): HTMLDetailsElement {
  const find = (edition: string, series: string) => rows.find((d) => d.edition === edition && d.series === series);
  const table = [...new Set(rows.map((d) => d.edition))].sort().map((edition) => ({
    edition,
    computed: find(edition, COMPUTED_LABEL)?.value ?? null,
    published: find(edition, PUBLISHED_LABEL)?.value ?? null,
    note: find(edition, PUBLISHED_LABEL)?.note ?? null,
  }));
  const value = (v: number | null) => (v === null ? "—" : format(v));
  return dataDetails(table, [
    { label: "Édition", key: "edition", format: formatEdition },
    { label: COMPUTED_LABEL, key: "computed", format: value, align: "right" },
    { label: PUBLISHED_LABEL, key: "published", format: value, align: "right" },
    { label: "Source du chiffre publié", key: "note" },
  ]);
}
