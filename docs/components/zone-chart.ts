import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { categoryAxis } from "./category-axis.js";
import { formatInt, formatMeur } from "./format.js";
import { plural } from "./sentences.js";
import { SECONDARY_COLOR, themeColor } from "./palette.js";

export interface ZoneGroupDatum {
  /** Harmonised zone label. */
  group: string;
  /** Published labels in this group. */
  zones: string[];
  projects: number;
  cost_meur: number;
}

/** Horizontal bars: projects (or cost, M€) per functional zone of one edition; long zone names wrap. */
export function zoneChart(
  rows: readonly ZoneGroupDatum[],
  { width, label, measure = "projects" }: { width: number; label: string; measure?: "projects" | "cost_meur" },
) {
  const byCost = measure === "cost_meur";
  const order = [...rows].sort((a, b) => b[measure] - a[measure] || a.group.localeCompare(b.group, "fr")).map((d) => d.group);
  const { marginLeft, rowHeight, axis } = categoryAxis(order, width, { max: 320 });
  return accessible(
    Plot.plot({
      width,
      height: 50 + rowHeight * rows.length,
      marginLeft,
      marginRight: byCost ? 76 : 30,
      ariaLabel: byCost ? `Coût estimé par zone fonctionnelle, ${label}` : `Projets par zone fonctionnelle, ${label}`,
      ariaDescription: byCost
        ? "Barres horizontales : somme des coûts estimés des projets de chaque zone fonctionnelle, en millions d’euros."
        : "Barres horizontales : nombre de projets de chaque zone fonctionnelle.",
      x: { label: byCost ? "Coût estimé (M€) →" : "Projets →", tickFormat: formatInt, grid: true, ticks: Math.max(2, Math.floor((width - marginLeft) / 80)) },
      y: { label: null, domain: order, axis: null, padding: 0.2 },
      marks: [
        axis,
        Plot.barX(rows, {
          y: "group",
          x: measure,
          fill: byCost ? SECONDARY_COLOR : themeColor("foreground-focus"),
          tip: true,
          title: (d: ZoneGroupDatum) =>
            `${d.group}\nLibellés publiés : ${d.zones.join(" ; ")}\n${plural(d.projects, "projet")}\nCoût estimé : ${formatMeur(d.cost_meur)}`,
        }),
        Plot.text(rows, {
          y: "group",
          x: measure,
          text: (d: ZoneGroupDatum) => (byCost ? formatMeur(d.cost_meur) : formatInt(d.projects)),
          textAnchor: "start",
          dx: 4,
        }),
        Plot.ruleX([0]),
      ],
    }),
  );
}
