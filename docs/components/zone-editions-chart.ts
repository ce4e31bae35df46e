import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatEdition, formatEditionShort, formatMeur } from "./format.js";
import { plural } from "./sentences.js";
import { SEQUENTIAL_RANGE } from "./palette.js";

export interface ZoneEditionDatum {
  edition: string;
  family: string;
  /** Row label: the zone as the latest edition that uses it spells it. */
  label: string;
  projects: number;
  cost_meur: number;
  zones: string[];
}

/** Grid of zones × editions: number of projects in each cell (darker = more). */
export function zoneEditionsChart(rows: readonly ZoneEditionDatum[], { width, editions }: { width: number; editions: readonly string[] }) {
  const totals = new Map<string, number>();
  for (const d of rows) totals.set(d.label, (totals.get(d.label) ?? 0) + d.projects);
  const labels = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr")).map(([l]) => l);
  const max = Math.max(1, ...rows.map((d) => d.projects));
  return accessible(
    Plot.plot({
      width,
      height: 60 + 22 * labels.length,
      marginLeft: Math.min(330, width * 0.45),
      marginTop: 44,
      ariaLabel: "Projets par zone fonctionnelle, d’une édition à l’autre",
      ariaDescription:
        "Grille : une ligne par zone fonctionnelle (orthographes rapprochées), une colonne par édition ; chaque case donne le nombre de projets.",
      x: { domain: [...editions], tickFormat: (e: string) => formatEditionShort(e).replace(" ", "\n"), label: null, axis: "top" },
      y: { domain: labels, label: null, tickFormat: (d: string) => (d.length > 50 ? `${d.slice(0, 48)}…` : d) },
      color: { type: "linear", domain: [0, max], range: [...SEQUENTIAL_RANGE], legend: true, label: "Projets", tickFormat: (d: number) => String(d) },
      marks: [
        Plot.cell(rows, {
          x: "edition",
          y: "label",
          fill: "projects",
          inset: 0.5,
          tip: true,
          title: (d: ZoneEditionDatum) =>
            `${d.zones.join("\n")}\n${formatEdition(d.edition)} : ${plural(d.projects, "projet")}\nCoût estimé : ${formatMeur(d.cost_meur)}`,
        }),
        Plot.text(rows, { x: "edition", y: "label", text: "projects", fill: (d: ZoneEditionDatum) => (d.projects > max / 2 ? "white" : "black") }),
      ],
    }),
  );
}
