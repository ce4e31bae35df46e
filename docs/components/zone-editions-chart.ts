import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { categoryAxis } from "./category-axis.js";
import { type EditionGapLike, editionBandAxis, editionDomain, gapColumnMarks } from "./edition-gaps.js";
import { formatEdition, formatMeur } from "./format.js";
import { plural } from "./sentences.js";
import { SEQUENTIAL_RANGE } from "./palette.js";

export interface ZoneEditionDatum {
  edition: string;
  family: string;
  /** Row label: the harmonised zone. */
  label: string;
  projects: number;
  cost_meur: number;
  /** Published labels. */
  zones: string[];
}

/** Grid of zones × editions: number of projects in each cell (darker = more); a shaded column where editions are missing. */
export function zoneEditionsChart(
  rows: readonly ZoneEditionDatum[],
  { width, editions, gaps = [] }: { width: number; editions: readonly string[]; gaps?: readonly EditionGapLike[] },
) {
  const totals = new Map<string, number>();
  for (const d of rows) totals.set(d.label, (totals.get(d.label) ?? 0) + d.projects);
  const labels = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr")).map(([l]) => l);
  const max = Math.max(1, ...rows.map((d) => d.projects));
  const { marginLeft, rowHeight, axis } = categoryAxis(labels, width, { share: 0.45, max: 330, minRow: 20 });
  const domain = editionDomain(editions, gaps);
  const { margin, ...x } = editionBandAxis(domain, width - marginLeft - 8);
  // The legend takes its margins from the scale options: room for its first tick label, « 0 ».
  const color = {
    type: "linear" as const,
    domain: [0, max],
    range: [...SEQUENTIAL_RANGE],
    legend: true,
    label: "Projets",
    tickFormat: (d: number) => String(d),
    marginLeft: 12,
  };
  return accessible(
    Plot.plot({
      width,
      height: margin + 60 + rowHeight * labels.length,
      marginLeft,
      marginRight: 8,
      marginTop: margin + 4,
      ariaLabel: "Projets par zone fonctionnelle, d’une édition à l’autre",
      ariaDescription:
        "Grille : une ligne par zone fonctionnelle (libellé harmonisé), une colonne par édition ; chaque case donne le nombre de projets. Une colonne grisée marque les éditions non disponibles.",
      x: { ...x, axis: "top" },
      y: { domain: labels, label: null, axis: null },
      color,
      marks: [
        axis,
        ...gapColumnMarks(domain),
        Plot.cell(rows, {
          x: "edition",
          y: "label",
          fill: "projects",
          inset: 0.5,
          tip: true,
          title: (d: ZoneEditionDatum) =>
            `${d.label}\nLibellés publiés : ${d.zones.join(" ; ")}\n${formatEdition(d.edition)} : ${plural(d.projects, "projet")}\nCoût estimé : ${formatMeur(d.cost_meur)}`,
        }),
        Plot.text(rows, { x: "edition", y: "label", text: "projects", fill: (d: ZoneEditionDatum) => (d.projects > max / 2 ? "white" : "black") }),
      ],
    }),
  );
}
