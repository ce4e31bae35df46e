import * as Plot from "npm:@observablehq/plot";
import { accessible } from "./accessible.js";
import { formatChangePercent, formatEdition, formatMeur, formatNumber } from "./format.js";
import { DECREASE_COLOR, DECREASE_SYMBOL, INCREASE_COLOR, INCREASE_SYMBOL, NEUTRAL_COLOR, STABLE_SYMBOL } from "./palette.js";
import { projectHref } from "./data-table.js";
import { placeLabels, POSITIONS } from "./label-placement.js";

export interface CostPairDatum {
  key: string;
  name: string;
  first_cost_meur: number;
  last_cost_meur: number;
  first_cost_edition: string;
  last_cost_edition: string;
  cost_change_ratio: number | null;
}

const UP = "hausse ▲";
const DOWN = "baisse ▼";
const SAME = "stable ●";

/** 1, 2, 5 × powers of ten (M€). */
const TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

const FONT = 11;

/**
 * First published cost against latest (M€, log scales). Above the diagonal the estimate grew;
 * each dot links to its project. A rise is an orange triangle pointing up, a fall a blue one
 * pointing down: colour is never the only cue.
 */
export function costScatterChart(rows: readonly CostPairDatum[], { width, labels = 10 }: { width: number; labels?: number }) {
  const values = rows.flatMap((d) => [d.first_cost_meur, d.last_cost_meur]).filter((x) => x > 0);
  const domain: [number, number] = [Math.min(...values) * 0.8, Math.max(...values) * 1.25];
  const data = rows.map((d) => ({ ...d, status: d.last_cost_meur > d.first_cost_meur ? UP : d.last_cost_meur < d.first_cost_meur ? DOWN : SAME }));
  type Datum = (typeof data)[number];
  const size = Math.min(width, 640);
  const margin = { left: 48, right: 16, top: 24, bottom: 40 };
  // Ticks: every 1-2-5 step on a large chart, powers of ten (and the ends) on a phone.
  const ticks = TICKS.filter((t) => t >= domain[0] && t <= domain[1] && (size >= 480 || /^1/.test(String(t))));
  const scale = (v: number, from: number, to: number) =>
    from + ((Math.log(v) - Math.log(domain[0])) / (Math.log(domain[1]) - Math.log(domain[0]))) * (to - from);
  const at = (d: Datum): [number, number] => [
    scale(d.first_cost_meur, margin.left, size - margin.right),
    scale(d.last_cost_meur, size - margin.bottom, margin.top),
  ];
  const big = (d: Datum) => Math.max(d.first_cost_meur, d.last_cost_meur);
  const change = (d: Datum) => Math.abs(Math.log(d.last_cost_meur / d.first_cost_meur));
  const bySize = [...data].sort((a, b) => big(b) - big(a));
  const byChange = [...data].sort((a, b) => change(b) - change(a));
  const candidates = [...new Set(bySize.slice(0, labels).flatMap((d, i) => [d, byChange[i]!]))];
  const named = placeLabels(candidates, at, { left: 0, right: size, top: 0, bottom: size - margin.bottom }, data.map(at));
  const format = (d: number) => formatNumber(d, d < 1 ? 1 : 0);
  return accessible(
    Plot.plot({
      width: size,
      height: size,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
      ariaLabel: "Premier coût publié et dernier coût publié de chaque projet",
      ariaDescription:
        "Nuage de points, échelles logarithmiques : en abscisse le premier coût publié, en ordonnée le dernier (M€). Au-dessus de la diagonale, l’estimation a augmenté (triangle pointe en haut) ; au-dessous, elle a baissé (triangle pointe en bas).",
      x: { type: "log", domain, label: "Premier coût publié (M€) →", ticks, tickFormat: format },
      y: { type: "log", domain, label: "↑ Dernier coût publié (M€)", ticks, tickFormat: format, grid: true },
      color: { domain: [UP, DOWN, SAME], range: [INCREASE_COLOR, DECREASE_COLOR, NEUTRAL_COLOR], legend: true },
      symbol: { domain: [UP, DOWN, SAME], range: [INCREASE_SYMBOL, DECREASE_SYMBOL, STABLE_SYMBOL] },
      marks: [
        // `text`, not `tickFormat`: on a log scale Plot passes a tickFormat function through d3, which blanks the 5s.
        Plot.axisX({ ticks, text: format, label: "Premier coût publié (M€) →" }),
        Plot.axisY({ ticks, text: format, label: "↑ Dernier coût publié (M€)" }),
        Plot.link([domain], {
          x1: (d: number[]) => d[0],
          y1: (d: number[]) => d[0],
          x2: (d: number[]) => d[1],
          y2: (d: number[]) => d[1],
          strokeOpacity: 0.4,
          strokeDasharray: "4,3",
        }),
        Plot.dot(data, {
          x: "first_cost_meur",
          y: "last_cost_meur",
          fill: "status",
          symbol: "status",
          r: 4.5,
          fillOpacity: 0.9,
          href: (d: Datum) => projectHref(d.key),
          ariaLabel: (d: Datum) => `${d.name} : ${formatMeur(d.first_cost_meur)} puis ${formatMeur(d.last_cost_meur)}`,
          tip: true,
          title: (d: Datum) =>
            `${d.name}\n${formatEdition(d.first_cost_edition)} : ${formatMeur(d.first_cost_meur)}\n${formatEdition(d.last_cost_edition)} : ${formatMeur(d.last_cost_meur)}\nÉvolution : ${formatChangePercent(d.cost_change_ratio)}`,
        }),
        ...POSITIONS.map((p) =>
          Plot.text(
            named.filter((n) => n.position === p),
            {
              x: (n: (typeof named)[number]) => n.datum.first_cost_meur,
              y: (n: (typeof named)[number]) => n.datum.last_cost_meur,
              text: "text",
              dx: p.dx,
              dy: p.dy,
              textAnchor: p.anchor,
              fontSize: FONT,
              stroke: "var(--theme-background, white)",
              strokeWidth: 3,
              paintOrder: "stroke",
              fill: "currentColor",
            },
          ),
        ),
      ],
    }),
  );
}
