import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatInt, formatMeur } from "./format.js";
import { plural } from "./sentences.js";
import { themeColor } from "./palette.js";

export interface CostBandDatum {
  band: string;
  projects: number;
  cost_meur: number;
}

/** Projects per cost band of one edition, bands in the given order. */
export function costBandChart(rows: readonly CostBandDatum[], { width, label }: { width: number; label: string }) {
  const bands = rows.map((d) => d.band);
  return accessible(
    Plot.plot({
      width,
      height: 40 + 34 * rows.length,
      marginLeft: 130,
      marginRight: 40,
      ariaLabel: `Projets par tranche de coût, ${label}`,
      ariaDescription: "Barres horizontales : nombre de projets dans chaque tranche de coût estimé (en M€).",
      x: { label: "Projets →", tickFormat: formatInt, grid: true, nice: true },
      y: { label: null, domain: bands },
      marks: [
        Plot.barX(rows, {
          y: "band",
          x: "projects",
          fill: themeColor("foreground-focus"),
          tip: true,
          title: (d: CostBandDatum) => `${d.band}\n${plural(d.projects, "projet")}\nCoût cumulé : ${formatMeur(d.cost_meur)}`,
        }),
        Plot.text(rows, { y: "band", x: "projects", text: (d: CostBandDatum) => formatInt(d.projects), textAnchor: "start", dx: 4 }),
        Plot.ruleX([0]),
      ],
    }),
  );
}
