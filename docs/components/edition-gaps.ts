// The marks of the edition-gap convention (edition-axis.ts): a shaded band or column, labelled.
import * as Plot from "npm:@observablehq/plot";
import { type EditionGapLike, GAP_LABEL, isGapKey } from "./edition-axis.js";
import { editionDate } from "./palette.js";

export * from "./edition-axis.js";

/** The shaded column and (when the chart is tall enough) its label, for each gap of a band axis of editions. */
export function gapColumnMarks(domain: readonly string[], { label = true }: { label?: boolean } = {}) {
  const keys = domain.filter(isGapKey);
  return [
    Plot.cell(keys, { x: (k: string) => k, fill: "currentColor", fillOpacity: 0.07 }),
    ...(label ? [Plot.text(keys, { x: (k: string) => k, text: () => GAP_LABEL, frameAnchor: "middle", rotate: -90, fontSize: 10, fillOpacity: 0.75 })] : []),
  ];
}

/** The shaded band, and its label, of each gap on a utc x axis. */
export function gapBandMarks(
  gaps: readonly EditionGapLike[],
  { label = true, fy, minLabelDays = 0 }: { label?: boolean; fy?: string; minLabelDays?: number } = {},
) {
  const spans = gaps.map((g) => ({ x1: editionDate(g.from), x2: editionDate(g.to), missing: g.missing }));
  const labelled = spans.filter((s) => s.x2.getTime() - s.x1.getTime() >= minLabelDays * 86_400_000);
  type Span = (typeof spans)[number];
  return [
    Plot.rectX(spans, { x1: (s: Span) => s.x1, x2: (s: Span) => s.x2, fill: "currentColor", fillOpacity: 0.07, inset: 6 }),
    ...(label
      ? [
          Plot.text(labelled, {
            x: (s: Span) => new Date((s.x1.getTime() + s.x2.getTime()) / 2),
            text: () => "éditions\nnon disponibles",
            frameAnchor: "top",
            lineHeight: 1.1,
            dy: 4,
            fillOpacity: 0.8,
            fontSize: 9,
            // In small multiples, in one panel only.
            ...(fy === undefined ? {} : { fy: () => fy }),
          }),
        ]
      : []),
  ];
}
