import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatEdition, formatMeur, formatPercent } from "./format.js";
import { plural } from "./sentences.js";
import { type EditionGapLike, editionTimeAxis, gapBandMarks, lineZ, missingEditions } from "./edition-gaps.js";
import { editionDate, PRIMARY_COLOR, SECONDARY_COLOR, themeColor } from "./palette.js";
import type { MinistryWeightRow } from "../../loaders/report/index.js";

export type MinistryWeightDatum = MinistryWeightRow;

const COUNT = "Part des projets";
const COST = "Part du coût total";

/**
 * One panel per canonical ministry (a renamed ministry stays one line): its share of the projects
 * and of the total cost in each edition.
 */
export function ministryWeightChart(rows: readonly MinistryWeightDatum[], { width, gaps = [] }: { width: number; gaps?: readonly EditionGapLike[] }) {
  const missing = missingEditions(gaps);
  const editions = [...new Set(rows.map((d) => d.edition))].sort();
  const totals = new Map<string, number>();
  for (const d of rows) totals.set(d.ministry, (totals.get(d.ministry) ?? 0) + d.projects);
  const ministries = [...totals]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"))
    .map(([m]) => m);
  const long = rows
    .filter((d) => totals.get(d.ministry)! > 0)
    .flatMap((d) => [
      { ...d, date: editionDate(d.edition), measure: COUNT, share: d.projects_share },
      { ...d, date: editionDate(d.edition), measure: COST, share: d.cost_share },
    ]);
  type Long = (typeof long)[number];
  const max = Math.max(0.05, ...long.map((d) => d.share));
  return accessible(
    Plot.plot({
      width,
      height: 40 + 96 * ministries.length,
      marginLeft: 44,
      marginRight: 12,
      marginTop: 28,
      ariaLabel: "Poids de chaque ministère d’une édition à l’autre",
      ariaDescription: "Un panneau par ministère porteur (libellé harmonisé) : part des projets suivis et part du coût total estimé, à chaque édition.",
      fy: { domain: ministries, axis: null, padding: 0.32 },
      x: { ...editionTimeAxis(editions[0]!, editions.at(-1)!, width - 60), inset: 8 },
      y: { domain: [0, max], tickFormat: (d: number) => formatPercent(d), ticks: 2, grid: true, label: null },
      color: { domain: [COUNT, COST], range: [PRIMARY_COLOR, SECONDARY_COLOR], legend: true },
      marks: [
        ...gapBandMarks(gaps, { label: false }),
        ...(ministries.length ? gapBandMarks(gaps, { fy: ministries[0] }).slice(1) : []),
        Plot.text(ministries, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: "top-left", dx: -40, dy: -14, fontWeight: "bold", fontSize: 12 }),
        Plot.line(long, { x: "date", y: "share", fy: "ministry", stroke: "measure", z: lineZ<Long>(missing, (d) => d.measure), strokeWidth: 1.5 }),
        Plot.dot(long, { x: "date", y: "share", fy: "ministry", stroke: "measure", fill: themeColor("background", "white"), r: 2.5, strokeWidth: 1.5 }),
        Plot.tip(
          long,
          Plot.pointer({
            x: "date",
            y: "share",
            fy: "ministry",
            title: (d: Long) =>
              `${d.ministry}, ${formatEdition(d.edition)}\n${plural(d.projects, "projet")} (${formatPercent(d.projects_share)} des projets)\nCoût : ${formatMeur(d.cost_meur)} (${formatPercent(d.cost_share)} du total)`,
          }),
        ),
      ],
    }),
  );
}
