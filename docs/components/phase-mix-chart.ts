import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { type EditionGapLike, editionBandAxis, editionDomain, gapColumnMarks } from "./edition-gaps.js";
import { formatEdition, formatInt } from "./format.js";
import { plural } from "./sentences.js";
import { PHASE_ORDER } from "./labels.js";
import { PHASE_COLORS } from "./palette.js";

export interface PhaseDatum {
  edition: string;
  phase: string;
  projects: number;
}

/** Stacked columns: projects of each edition by phase. */
export function phaseMixChart(
  rows: readonly PhaseDatum[],
  { width, editions, gaps = [] }: { width: number; editions: readonly string[]; gaps?: readonly EditionGapLike[] },
) {
  const data = rows.filter((d) => d.projects > 0);
  const domain = editionDomain(editions, gaps);
  const { margin, ...x } = editionBandAxis(domain, width - 58);
  return accessible(
    Plot.plot({
      width,
      height: 300,
      marginLeft: 48,
      marginRight: 10,
      ariaLabel: "Projets par phase, à chaque édition",
      ariaDescription:
        "Colonnes empilées : pour chaque édition, nombre de projets en cadrage, en conception / réalisation, en expérimentation, en déploiement et terminés.",
      marginBottom: margin,
      x: { ...x, padding: 0.15 },
      y: { label: "↑ Projets", tickFormat: formatInt, grid: true },
      color: { domain: [...PHASE_ORDER], range: [...PHASE_COLORS], legend: true },
      marks: [
        ...gapColumnMarks(domain),
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
