import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { editionTimeAxis, gapBandMarks, lineZ, missingEditions } from "./edition-gaps.js";
import { formatEdition, formatMeur, formatYears } from "./format.js";
import type { ProjectPageData } from "./project-page.js";
import { editionDate, PRIMARY_COLOR, themeColor } from "./palette.js";

export type TrajectoryMetric = "cost" | "duration";

const METRICS = {
  cost: { field: "cost_meur", label: "Coût estimé (M€)", noun: "Coût estimé", format: formatMeur, none: "Aucun coût publié pour ce projet." },
  duration: {
    field: "duration_years",
    label: "Durée prévisionnelle (années)",
    noun: "Durée prévisionnelle",
    format: formatYears,
    none: "Aucune durée publiée pour ce projet.",
  },
} as const;

export function trajectoryPoints(page: ProjectPageData, metric: TrajectoryMetric): { edition: string; date: Date; value: number }[] {
  const field = METRICS[metric].field;
  return page.rows.flatMap((r) => (r[field] === null ? [] : [{ edition: r.edition, date: editionDate(r.edition), value: r[field] as number }]));
}

/** Cost or duration of one project in each edition where it is published; a paragraph when there is none. */
export function projectTrajectoryChart(
  page: ProjectPageData,
  { width, metric, height = 200 }: { width: number; metric: TrajectoryMetric; height?: number },
): HTMLElement | SVGSVGElement {
  const m = METRICS[metric];
  const points = trajectoryPoints(page, metric);
  if (points.length === 0) {
    const p = document.createElement("p");
    p.className = "muted-note";
    p.textContent = m.none;
    return p;
  }
  const first = points[0]!;
  const last = points.at(-1)!;
  const description =
    points.length === 1
      ? `${m.noun} : ${m.format(first.value)} en ${formatEdition(first.edition)}, seule édition qui le publie.`
      : `${m.noun} : ${m.format(first.value)} en ${formatEdition(first.edition)}, ${m.format(last.value)} en ${formatEdition(last.edition)} (${points.length} éditions).`;
  const firstEdition = page.editions[0]!.edition;
  const lastEdition = page.editions.at(-1)!.edition;
  const domain = [editionDate(firstEdition), editionDate(lastEdition)];
  const gaps = page.gaps ?? [];
  // The line stops where editions are missing, and where the project is absent from a loaded edition.
  const listed = new Set(points.map((d) => d.edition));
  const absent = page.editions.map((e) => e.edition).filter((e) => !listed.has(e) && e > first.edition && e < last.edition);
  const missing = [...missingEditions(gaps), ...absent].sort();
  const stroke = themeColor("foreground-focus", PRIMARY_COLOR);
  return accessible(
    Plot.plot({
      width,
      height,
      marginLeft: 60,
      marginRight: 16,
      ariaLabel: `${m.noun} du projet à chaque édition`,
      ariaDescription: description,
      x: { ...editionTimeAxis(firstEdition, lastEdition, width), domain, inset: 12 },
      y: { label: m.label, tickFormat: m.format, grid: true, domain: [0, Math.max(...points.map((d) => d.value)) * 1.15 || 1], nice: true },
      marks: [
        ...gapBandMarks(gaps, { label: height >= 160 }),
        Plot.ruleY([0]),
        Plot.line(points, { x: "date", y: "value", z: lineZ(missing), stroke, strokeWidth: 1.5 }),
        Plot.dot(points, {
          x: "date",
          y: "value",
          r: 4,
          fill: stroke,
          tip: true,
          title: (d: { edition: string; value: number }) => `${formatEdition(d.edition)}\n${m.noun} : ${m.format(d.value)}`,
        }),
      ],
    }),
  );
}
