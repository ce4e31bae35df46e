import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { dataDetails } from "./data-details.js";
import { type EditionGapLike, editionTimeAxis, gapBandMarks, gapsAmong, lineZ, missingEditions } from "./edition-gaps.js";
import { formatEdition } from "./format.js";
import { COMPUTED_LABEL, editionDate, PUBLISHED_LABEL, PUBLISHED_ONLY_LABEL, SERIES_COLORS, themeColor } from "./palette.js";

export interface SeriesDatum {
  edition: string;
  /** COMPUTED_LABEL, PUBLISHED_LABEL or PUBLISHED_ONLY_LABEL (or the keys of `colors`). */
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
  /** Periods with no loaded edition (edition-gaps.ts): shaded, and no line crosses them. */
  gaps?: readonly EditionGapLike[];
  /** Catalogued editions with no list of projects; no line crosses them either (default: those of `gaps`). */
  missing?: readonly string[];
  /** Start the value axis at zero (default); otherwise the axis is marked as cut. */
  zero?: boolean;
  /** Series colours (default: computed blue, published orange, published-only purple); series listed in `dashed` are dashed. */
  colors?: Record<string, string>;
  dashed?: readonly string[];
  /** Series drawn as their own, with hollow squares: figures known only from publications. */
  apart?: readonly string[];
}

/**
 * A figure across editions: the value computed from the projects, the one each edition published,
 * and the published figures of editions whose list is not available, as a series of their own.
 */
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
    missing = missingEditions(gaps),
    zero = true,
    colors = SERIES_COLORS,
    dashed = [PUBLISHED_LABEL],
    apart = [PUBLISHED_ONLY_LABEL],
  }: EditionSeriesOptions,
) {
  const data = rows.map((d) => ({ ...d, date: editionDate(d.edition) }));
  type Datum = (typeof data)[number];
  const series = Object.keys(colors).filter((s) => data.some((d) => d.series === s));
  const editions = data.map((d) => d.edition).sort();
  // An unavailable edition known by its published figures is a point, not a hole.
  const present = new Set(editions);
  const holes = missing.filter((m) => !present.has(m));
  const z = lineZ<Datum>(holes, (d) => d.series);
  const bands = [...gaps, ...gapsAmong(editions, holes).filter((b) => !gaps.some((g) => g.from === b.from && g.to === b.to))];
  // A band is labelled when « non disponibles » (about 70 px) fits in it.
  const days = (editionDate(editions.at(-1)!).getTime() - editionDate(editions[0]!).getTime()) / 86_400_000;
  const minLabelDays = (70 / Math.max(1, width - 80)) * days;
  const solid = data.filter((d) => !dashed.includes(d.series) && !apart.includes(d.series));
  const dashes = data.filter((d) => dashed.includes(d.series));
  const alone = data.filter((d) => apart.includes(d.series));
  const values = data.map((d) => d.value);
  const cut = !zero && Math.min(...values) > 0;
  return accessible(
    Plot.plot({
      width,
      height,
      marginLeft: 56,
      marginRight: 16,
      marginBottom: cut ? 34 : 30,
      ariaLabel,
      ariaDescription: cut ? `${ariaDescription} L’axe des valeurs ne part pas de zéro.` : ariaDescription,
      x: { ...editionTimeAxis(editions[0]!, editions.at(-1)!, width), inset: 8 },
      y: { label: yLabel, tickFormat: format, grid: true, zero, nice: true, ticks: Math.max(3, Math.round(height / 50)) },
      color: { domain: series, range: series.map((s) => colors[s]!), legend: series.length > 1 },
      marks: [
        ...gapBandMarks(bands, { minLabelDays }),
        ...(cut ? axisCutMarks() : [Plot.ruleY([0], { strokeOpacity: 0.5 })]),
        Plot.line(solid, { x: "date", y: "value", stroke: "series", z, strokeWidth: 1.5 }),
        Plot.line(dashes, { x: "date", y: "value", stroke: "series", z, strokeWidth: 1.5, strokeDasharray: "4,3" }),
        Plot.line(alone, { x: "date", y: "value", stroke: "series", z, strokeWidth: 1.5, strokeDasharray: "2,3" }),
        // Dashed series get hollow dots under the others' filled ones: two equal figures show as a dot in a ring.
        Plot.dot(dashes, { x: "date", y: "value", stroke: "series", fill: themeColor("background"), strokeWidth: 1.5, r: 5 }),
        Plot.dot(solid, { x: "date", y: "value", fill: "series", r: 2.75 }),
        Plot.dot(alone, { x: "date", y: "value", stroke: "series", fill: themeColor("background"), strokeWidth: 1.5, r: 4.5, symbol: "square" }),
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

/** Two short slanted strokes across the foot of the value axis: it does not start at zero. */
function axisCutMarks() {
  return [
    Plot.text([0], {
      frameAnchor: "bottom-left",
      text: () => "≈",
      dx: -4,
      dy: 9,
      fontSize: 16,
      fontWeight: "bold",
      ariaHidden: "true",
    }),
  ];
}

/** « Voir les données » of a series chart: one row per edition, computed and published side by side. */
export function editionSeriesDetails(rows: readonly SeriesDatum[], format: (x: number) => string): HTMLDetailsElement {
  const find = (edition: string, series: string) => rows.find((d) => d.edition === edition && d.series === series);
  const table = [...new Set(rows.map((d) => d.edition))].sort().map((edition) => ({
    edition,
    computed: find(edition, COMPUTED_LABEL)?.value ?? null,
    published: (find(edition, PUBLISHED_LABEL) ?? find(edition, PUBLISHED_ONLY_LABEL))?.value ?? null,
    note: (find(edition, PUBLISHED_LABEL) ?? find(edition, PUBLISHED_ONLY_LABEL))?.note ?? null,
  }));
  const value = (v: number | null) => (v === null ? "—" : format(v));
  return dataDetails(table, [
    { label: "Édition", key: "edition", format: formatEdition },
    { label: COMPUTED_LABEL, key: "computed", format: value, align: "right" },
    { label: "Chiffre publié", key: "published", format: value, align: "right" },
    { label: "Source du chiffre publié", key: "note" },
  ]);
}
