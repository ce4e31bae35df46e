// One convention for every chart over editions:
// - a period without any loaded edition is a shaded band labelled « éditions non disponibles »
//   (on a time axis, from the first to the last missing edition; on an axis of editions, a column
//   of its own between the two loaded editions around it);
// - a line never joins two points with a missing edition between them;
// - edition ticks are short on a narrow chart (« nov. 16 »), and fewer when they would not fit.
import { formatEditionShort } from "./format.js";

/** Two consecutive loaded editions and the catalogued editions between them that are not available. */
export interface EditionGapLike {
  from: string;
  to: string;
  missing: readonly string[];
}

export const GAP_LABEL = "éditions non disponibles";
const GAP_PREFIX = "gap:";

/** Every missing edition of the gaps, sorted. */
export function missingEditions(gaps: readonly EditionGapLike[]): string[] {
  return gaps.flatMap((g) => g.missing).sort();
}

/** The gaps between consecutive `present` editions that have `missing` editions between them. */
export function gapsAmong(present: readonly string[], missing: readonly string[]): EditionGapLike[] {
  const order = [...new Set(present)].sort();
  return order.slice(1).flatMap((to, i) => {
    const from = order[i]!;
    const between = missing.filter((m) => m > from && m < to);
    return between.length ? [{ from, to, missing: between }] : [];
  });
}

/**
 * The segment of a point: points with the same segment (and series) may be joined by a line.
 * Two points are in one segment when no missing edition lies between them.
 */
export function segmentOf(edition: string, missing: readonly string[]): number {
  let n = 0;
  for (const m of missing) if (m < edition) n++;
  return n;
}

/** A line's `z` channel: one line per series and segment. */
export function lineZ<T extends { edition: string }>(missing: readonly string[], series?: (d: T) => string): (d: T) => string {
  return (d) => `${series ? series(d) : ""}\u0000${segmentOf(d.edition, missing)}`;
}

const MONTH_YEAR = /^(\S+) (\d{4})$/;

/** « nov. 2016 » on a wide chart, « nov. 16 » when each edition has less than `roomy` pixels. */
export function editionTick(edition: string, short = false): string {
  const label = formatEditionShort(edition);
  if (!short) return label;
  return label.replace(MONTH_YEAR, (_m, month: string, year: string) => `${month}\u00a0${year.slice(2)}`);
}

/** Pixels an edition label needs at 12 px: short « nov. 16 » ≈ 44, long « févr. 2017 » ≈ 62. */
const SHORT_WIDTH = 46;
const LONG_WIDTH = 66;

// ---- An axis of editions (band or point scale): a column for each gap --------------------------

export const isGapKey = (key: string): boolean => key.startsWith(GAP_PREFIX);

/** The editions in order, with a key for each gap inserted where its missing editions would be. */
export function editionDomain(editions: readonly string[], gaps: readonly EditionGapLike[]): string[] {
  return editions.flatMap((e) => {
    const gap = gaps.find((g) => g.to === e && editions.includes(g.from));
    return gap ? [`${GAP_PREFIX}${gap.from}`, e] : [e];
  });
}

/**
 * Options of an x axis of editions (band scale) `width` pixels wide: « nov. 2016 » when it fits,
 * « nov. 16 » when only that fits, then (by default) every label turned upright, or only every n-th
 * label; « … » under a gap. `margin` is the room the labels need below (or above) the chart.
 */
export function editionBandAxis(domain: readonly string[], width: number, { rotate = true }: { rotate?: boolean } = {}) {
  const per = width / Math.max(1, domain.length);
  const short = per < LONG_WIDTH;
  const upright = rotate && per < SHORT_WIDTH;
  const step = upright ? 1 : Math.max(1, Math.ceil(SHORT_WIDTH / per));
  const editions = domain.filter((d) => !isGapKey(d));
  const shown = new Set(editions.filter((_, i) => (editions.length - 1 - i) % step === 0));
  return {
    domain: [...domain],
    tickFormat: (d: string) => (isGapKey(d) ? "…" : shown.has(d) ? editionTick(d, short) : ""),
    tickSize: 0,
    tickRotate: upright ? -90 : 0,
    label: null,
    margin: upright ? 50 : 26,
  };
}

// ---- A time axis ---------------------------------------------------------------------------------

/** Options of a utc x axis over editions `width` pixels wide: a tick per year, or every other year. */
export function editionTimeAxis(first: string, last: string, width: number) {
  const years = Math.max(1, Number(last.slice(0, 4)) - Number(first.slice(0, 4)) + 1);
  const every = years * 40 <= width ? 1 : years * 20 <= width ? 2 : 3;
  return { type: "utc" as const, label: null, ticks: `${every} years`, tickFormat: "%Y" };
}
