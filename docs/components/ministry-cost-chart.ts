import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { categoryAxis } from "./category-axis.js";
import { formatInt, formatMeur, formatPercent } from "./format.js";
import { plural } from "./sentences.js";
import { themeColor } from "./palette.js";

export interface MinistryCostDatum {
  ministry: string;
  projects: number;
  cost_meur: number;
  cost_share: number;
}

/** Horizontal bars: total estimated cost of each ministry's projects (M€), largest first. */
export function ministryCostChart(rows: readonly MinistryCostDatum[], { width, label }: { width: number; label: string }) {
  const data = rows.filter((d) => d.projects > 0);
  const order = [...data].sort((a, b) => b.cost_meur - a.cost_meur).map((d) => d.ministry);
  const { marginLeft, rowHeight, axis } = categoryAxis(order, width, { share: 0.36, max: 260, minRow: 26 });
  return accessible(
    Plot.plot({
      width,
      height: 50 + rowHeight * data.length,
      marginLeft,
      marginRight: 70,
      ariaLabel: `Coût estimé des projets par ministère, ${label}`,
      ariaDescription: "Barres horizontales : somme des coûts estimés des projets de chaque ministère porteur, en millions d’euros.",
      x: { label: "Coût estimé (M€) →", tickFormat: formatInt, grid: true, ticks: Math.max(2, Math.floor((width - marginLeft - 70) / 70)) },
      y: { label: null, domain: order, axis: null, padding: 0.2 },
      marks: [
        axis,
        Plot.barX(data, {
          y: "ministry",
          x: "cost_meur",
          fill: themeColor("foreground-focus"),
          tip: true,
          title: (d: MinistryCostDatum) =>
            `${d.ministry}\nCoût estimé : ${formatMeur(d.cost_meur)} (${formatPercent(d.cost_share)} du total)\n${plural(d.projects, "projet")}`,
        }),
        Plot.text(data, { y: "ministry", x: "cost_meur", text: (d: MinistryCostDatum) => formatMeur(d.cost_meur), textAnchor: "start", dx: 4 }),
        Plot.ruleX([0]),
      ],
    }),
  );
}
