import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatEdition, formatEditionShort } from "./format.js";
import { PHASE_ORDER, phaseLabel } from "./labels.js";
import { PHASE_COLORS, themeColor } from "./palette.js";
import type { ProjectPageData } from "./project-page.js";

/** The phase of a project in each loaded edition; editions where it is not listed have no dot. */
export function phasePathChart(page: ProjectPageData, { width }: { width: number }): SVGSVGElement | HTMLElement {
  const points = page.rows.map((r) => ({ edition: r.edition, phase: phaseLabel(r) }));
  const used = PHASE_ORDER.filter((p) => points.some((d) => d.phase === p));
  const path = points.map((d) => `${formatEdition(d.edition)} : ${d.phase}`).join(" ; ");
  return accessible(
    Plot.plot({
      width,
      height: 56 + 30 * used.length,
      marginLeft: 170,
      marginBottom: 36,
      ariaLabel: "Phase du projet à chaque édition",
      ariaDescription: `Parcours des phases : ${path}.`,
      x: { type: "band", domain: page.editions.map((e) => e.edition), tickFormat: formatEditionShort, label: null, tickRotate: width < 560 ? -30 : 0 },
      y: { type: "point", domain: used, label: null },
      color: { domain: [...PHASE_ORDER], range: [...PHASE_COLORS] },
      marks: [
        Plot.gridY({ strokeOpacity: 0.15 }),
        Plot.line(points, { x: "edition", y: "phase", stroke: "currentColor", strokeOpacity: 0.4 }),
        Plot.dot(points, {
          x: "edition",
          y: "phase",
          r: 6,
          fill: "phase",
          stroke: themeColor("background", "white"),
          tip: true,
          title: (d: { edition: string; phase: string }) => `${formatEdition(d.edition)}\nPhase : ${d.phase}`,
        }),
      ],
    }),
  );
}
