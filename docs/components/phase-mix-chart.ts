import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatEdition, formatEditionShort, formatInt } from "./format.js";
import { plural } from "./sentences.js";
import { PHASE_ORDER } from "./labels.js";
import { PHASE_COLORS } from "./palette.js";

export interface PhaseDatum {
  edition: string;
  phase: string;
  projects: number;
}

/** Stacked columns: projects of each edition by phase. */
export function phaseMixChart(rows: readonly PhaseDatum[], { width, editions }: { width: number; editions: readonly string[] }) {
  const data = rows.filter((d) => d.projects > 0);
  return accessible(
    Plot.plot({
      width,
      height: 300,
      marginLeft: 48,
      ariaLabel: "Projets par phase, à chaque édition",
      ariaDescription:
        "Colonnes empilées : pour chaque édition, nombre de projets en cadrage, en conception / réalisation, en expérimentation, en déploiement et terminés.",
      x: { domain: [...editions], tickFormat: formatEditionShort, label: null },
      y: { label: "↑ Projets", tickFormat: formatInt, grid: true },
      color: { domain: [...PHASE_ORDER], range: [...PHASE_COLORS], legend: true },
      marks: [
        Plot.barY(data, {
          x: "edition",
          y: "projects",
          fill: "phase",
          order: [...PHASE_ORDER],
          tip: true,
          title: (d: PhaseDatum) => `${formatEdition(d.edition)}\n${d.phase} : ${plural(d.projects, "projet")}`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  );
}
