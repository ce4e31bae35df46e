import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { editionBandAxis } from "./edition-gaps.js";
import { formatEdition, formatInt } from "./format.js";
import { plural } from "./sentences.js";
import { PRIMARY_COLOR, SECONDARY_COLOR } from "./palette.js";

export interface MovementDatum {
  edition: string;
  previous_edition: string;
  entered: number;
  exited: number;
}

const ENTERED = "Entrées";
const EXITED = "Sorties";

/** Columns above zero for the projects that enter an edition, below zero for those that leave. */
export function movementsChart(rows: readonly MovementDatum[], { width }: { width: number }) {
  const data = rows.flatMap((d) => [
    { ...d, movement: ENTERED, value: d.entered },
    { ...d, movement: EXITED, value: -d.exited },
  ]);
  type Datum = (typeof data)[number];
  const { margin, ...x } = editionBandAxis(
    rows.map((d) => d.edition),
    width - 58,
  );
  return accessible(
    Plot.plot({
      width,
      height: 280,
      marginLeft: 48,
      marginRight: 10,
      ariaLabel: "Entrées et sorties de projets, d’une édition à la suivante",
      ariaDescription:
        "Colonnes : au-dessus de zéro, les projets qui entrent dans une édition ; au-dessous, ceux qui n’y figurent plus par rapport à l’édition chargée précédente.",
      marginBottom: margin,
      x,
      y: { label: "↑ Entrées · Sorties ↓ (projets)", tickFormat: (d: number) => formatInt(Math.abs(d)), grid: true, insetTop: 16, insetBottom: 16 },
      color: { domain: [ENTERED, EXITED], range: [PRIMARY_COLOR, SECONDARY_COLOR], legend: true },
      marks: [
        Plot.barY(data, {
          x: "edition",
          y: "value",
          fill: "movement",
          tip: true,
          title: (d: Datum) => `De ${formatEdition(d.previous_edition)} à ${formatEdition(d.edition)}\n${d.movement} : ${plural(Math.abs(d.value), "projet")}`,
        }),
        Plot.text(
          data.filter((d) => d.value > 0),
          { x: "edition", y: "value", text: (d: Datum) => formatInt(d.value), dy: -8 },
        ),
        Plot.text(
          data.filter((d) => d.value < 0),
          { x: "edition", y: "value", text: (d: Datum) => formatInt(-d.value), dy: 8 },
        ),
        Plot.ruleY([0]),
      ],
    }),
  );
}
