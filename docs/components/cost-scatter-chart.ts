import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatChangePercent, formatEdition, formatMeur, formatNumber } from "./format.js";
import { DECREASE_COLOR, INCREASE_COLOR, NEUTRAL_COLOR } from "./palette.js";
import { projectHref } from "./data-table.js";

export interface CostPairDatum {
  key: string;
  name: string;
  first_cost_meur: number;
  last_cost_meur: number;
  first_cost_edition: string;
  last_cost_edition: string;
  cost_change_ratio: number | null;
}

const TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/**
 * First published cost against latest (M€, log scales). Above the diagonal the estimate grew;
 * each dot links to its project.
 */
export function costScatterChart(rows: readonly CostPairDatum[], { width, labels = 6 }: { width: number; labels?: number }) {
  const values = rows.flatMap((d) => [d.first_cost_meur, d.last_cost_meur]).filter((x) => x > 0);
  const domain: [number, number] = [Math.min(...values) * 0.8, Math.max(...values) * 1.25];
  const status = (d: CostPairDatum) => (d.last_cost_meur > d.first_cost_meur ? "hausse" : d.last_cost_meur < d.first_cost_meur ? "baisse" : "stable");
  const biggest = [...rows].sort((a, b) => Math.abs(b.last_cost_meur - b.first_cost_meur) - Math.abs(a.last_cost_meur - a.first_cost_meur)).slice(0, labels);
  const size = Math.min(width, 640);
  return accessible(
    Plot.plot({
      width: size,
      height: size,
      marginLeft: 60,
      marginBottom: 44,
      ariaLabel: "Premier coût publié et dernier coût publié de chaque projet",
      ariaDescription:
        "Nuage de points, échelles logarithmiques : en abscisse le premier coût publié, en ordonnée le dernier (M€). Au-dessus de la diagonale, l’estimation a augmenté.",
      x: {
        type: "log",
        domain,
        label: "Premier coût publié (M€) →",
        tickFormat: (d: number) => formatNumber(d, 1),
        ticks: TICKS.filter((t) => t >= domain[0] && t <= domain[1]),
      },
      y: {
        type: "log",
        domain,
        label: "↑ Dernier coût publié (M€)",
        tickFormat: (d: number) => formatNumber(d, 1),
        ticks: TICKS.filter((t) => t >= domain[0] && t <= domain[1]),
        grid: true,
      },
      color: { domain: ["hausse", "baisse", "stable"], range: [INCREASE_COLOR, DECREASE_COLOR, NEUTRAL_COLOR], legend: true },
      marks: [
        Plot.link([domain], {
          x1: (d: number[]) => d[0],
          y1: (d: number[]) => d[0],
          x2: (d: number[]) => d[1],
          y2: (d: number[]) => d[1],
          strokeOpacity: 0.4,
          strokeDasharray: "4,3",
        }),
        Plot.dot(rows, {
          x: "first_cost_meur",
          y: "last_cost_meur",
          fill: status,
          r: 4,
          fillOpacity: 0.85,
          href: (d: CostPairDatum) => projectHref(d.key),
          ariaLabel: (d: CostPairDatum) => `${d.name} : ${formatMeur(d.first_cost_meur)} puis ${formatMeur(d.last_cost_meur)}`,
          tip: true,
          title: (d: CostPairDatum) =>
            `${d.name}\n${formatEdition(d.first_cost_edition)} : ${formatMeur(d.first_cost_meur)}\n${formatEdition(d.last_cost_edition)} : ${formatMeur(d.last_cost_meur)}\nÉvolution : ${formatChangePercent(d.cost_change_ratio)}`,
        }),
        Plot.text(biggest, { x: "first_cost_meur", y: "last_cost_meur", text: "name", dy: -10, fontSize: 11 }),
      ],
    }),
  );
}
