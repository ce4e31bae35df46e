import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { editionBandAxis, editionDomain, gapColumnMarks, lineZ, missingEditions } from "./edition-gaps.js";
import { formatEdition } from "./format.js";
import { PHASE_ORDER, phaseLabel } from "./labels.js";
import { PHASE_COLORS, themeColor } from "./palette.js";
import type { ProjectPageData } from "./project-page.js";

/** The phase of a project in each loaded edition; editions where it is not listed have no dot, and no line crosses them. */
export function phasePathChart(page: ProjectPageData, { width }: { width: number }): SVGSVGElement | HTMLElement {
  const points = page.rows.map((r) => ({ edition: r.edition, phase: phaseLabel(r) }));
  const used = PHASE_ORDER.filter((p) => points.some((d) => d.phase === p));
  const path = points.map((d) => `${formatEdition(d.edition)} : ${d.phase}`).join(" ; ");
  const editions = page.editions.map((e) => e.edition);
  const gaps = page.gaps ?? [];
  const domain = editionDomain(editions, gaps);
  const listed = new Set(points.map((d) => d.edition));
  const missing = [...missingEditions(gaps), ...editions.filter((e) => !listed.has(e))].sort();
  // Phase names on their own line above the chart on a phone, beside it otherwise.
  const narrow = width < 520;
  const marginLeft = narrow ? 12 : 170;
  const { margin, ...x } = editionBandAxis(domain, width - marginLeft - 12);
  const marginTop = narrow ? 28 : 20;
  // The frame is at least as tall as the label of a gap column, turned upright.
  const height = Math.max(marginTop + margin + 130, 56 + 34 * used.length + (narrow ? 14 * used.length : 0));
  return accessible(
    Plot.plot({
      width,
      height,
      marginLeft,
      marginRight: 12,
      marginTop,
      marginBottom: margin,
      ariaLabel: "Phase du projet à chaque édition",
      ariaDescription: `Parcours des phases : ${path}.`,
      x,
      y: { type: "point", domain: used, label: null, axis: narrow ? null : "left", padding: 0.6 },
      color: { domain: [...PHASE_ORDER], range: [...PHASE_COLORS] },
      marks: [
        ...gapColumnMarks(domain),
        Plot.gridY({ strokeOpacity: 0.15 }),
        ...(narrow ? [Plot.text(used, { y: (d: string) => d, text: (d: string) => d, frameAnchor: "left", dy: -14, fontSize: 11, fontWeight: 600 })] : []),
        Plot.line(points, { x: "edition", y: "phase", z: lineZ(missing), stroke: "currentColor", strokeOpacity: 0.4 }),
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
