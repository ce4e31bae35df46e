import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { categoryAxis } from "./category-axis.js";
import { formatInt, formatMeur } from "./format.js";
import { plural } from "./sentences.js";
import { PHASE_ORDER } from "./labels.js";
import { PHASE_COLORS } from "./palette.js";

export interface MinistryPhaseDatum {
  ministry: string;
  phase: string;
  projects: number;
  cost_meur: number;
}

/** Stacked bars: projects of each ministry, by phase; ministries by number of projects. */
export function ministryPhaseChart(rows: readonly MinistryPhaseDatum[], { width, label }: { width: number; label: string }) {
  const totals = new Map<string, number>();
  for (const d of rows) totals.set(d.ministry, (totals.get(d.ministry) ?? 0) + d.projects);
  const ministries = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr")).map(([m]) => m);
  const phases = PHASE_ORDER.filter((p) => rows.some((d) => d.phase === p));
  const { marginLeft, rowHeight, axis } = categoryAxis(ministries, width, { share: 0.36, max: 260, minRow: 26 });
  return accessible(
    Plot.plot({
      width,
      height: 60 + rowHeight * ministries.length,
      marginLeft,
      marginRight: 12,
      ariaLabel: `Projets par ministère et par phase, ${label}`,
      ariaDescription: "Barres horizontales empilées : pour chaque ministère porteur, nombre de projets dans chaque phase.",
      x: { label: "Projets →", tickFormat: formatInt, grid: true, ticks: Math.max(2, Math.floor((width - marginLeft) / 60)) },
      y: { label: null, domain: ministries, axis: null, padding: 0.2 },
      color: { domain: [...PHASE_ORDER], range: [...PHASE_COLORS], legend: true },
      marks: [
        axis,
        Plot.barX(rows, {
          y: "ministry",
          x: "projects",
          fill: "phase",
          order: phases,
          tip: true,
          title: (d: MinistryPhaseDatum) => `${d.ministry}\n${d.phase} : ${plural(d.projects, "projet")}\nCoût cumulé : ${formatMeur(d.cost_meur)}`,
        }),
        Plot.ruleX([0]),
      ],
    }),
  );
}
