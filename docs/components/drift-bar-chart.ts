import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { categoryAxis } from "./category-axis.js";
import { formatEdition } from "./format.js";
import { DECREASE_COLOR, INCREASE_COLOR } from "./palette.js";
import { projectHref } from "./data-table.js";

export interface DriftDatum {
  key: string;
  name: string;
  value: number;
  /** Editions compared, for the tip. */
  from: string;
  to: string;
  /** Values compared, already formatted. */
  before: string;
  after: string;
}

export interface DriftBarOptions {
  width: number;
  ariaLabel: string;
  ariaDescription: string;
  xLabel: string;
  format: (x: number) => string;
  tickFormat?: (x: number) => string;
}

/** Ranked horizontal bars of a change per project (right: increase, left: decrease); each bar links to the project. */
export function driftBarChart(rows: readonly DriftDatum[], { width, ariaLabel, ariaDescription, xLabel, format, tickFormat = format }: DriftBarOptions) {
  const order = [...rows].sort((a, b) => b.value - a.value).map((d) => d.key);
  const names = new Map(rows.map((d) => [d.key, d.name]));
  const name = (k: string) => names.get(k) ?? k;
  // Room for the value labels on both sides of the bars.
  const lo = Math.min(0, ...rows.map((d) => d.value));
  const hi = Math.max(0, ...rows.map((d) => d.value));
  // Long names wrap onto several lines, never cut; the tip gives the full name too.
  const { marginLeft, rowHeight, axis } = categoryAxis(order, width, { share: 0.35, max: 240, tickFormat: name });
  const plotWidth = width - marginLeft - 20;
  const labelPx = 72;
  const pad = ((hi - lo) * labelPx) / Math.max(60, plotWidth - 2 * labelPx);
  return accessible(
    Plot.plot({
      width,
      height: 40 + rowHeight * rows.length,
      marginLeft,
      marginRight: 20,
      ariaLabel,
      ariaDescription,
      x: { label: xLabel, tickFormat, grid: true, domain: [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0] },
      y: { domain: order, label: null, axis: null },
      color: { domain: ["hausse", "baisse"], range: [INCREASE_COLOR, DECREASE_COLOR] },
      marks: [
        axis,
        Plot.barX(rows, {
          y: "key",
          x: "value",
          fill: (d: DriftDatum) => (d.value >= 0 ? "hausse" : "baisse"),
          href: (d: DriftDatum) => projectHref(d.key),
          ariaLabel: (d: DriftDatum) => `${d.name} : ${format(d.value)}`,
          tip: true,
          title: (d: DriftDatum) => `${d.name}\n${format(d.value)}\n${formatEdition(d.from)} : ${d.before}\n${formatEdition(d.to)} : ${d.after}`,
        }),
        Plot.text(rows, {
          y: "key",
          x: "value",
          text: (d: DriftDatum) => format(d.value),
          textAnchor: "start",
          dx: 4,
          filter: (d: DriftDatum) => d.value >= 0,
        }),
        Plot.text(rows, {
          y: "key",
          x: "value",
          text: (d: DriftDatum) => format(d.value),
          textAnchor: "end",
          dx: -4,
          filter: (d: DriftDatum) => d.value < 0,
        }),
        Plot.ruleX([0]),
      ],
    }),
  );
}
