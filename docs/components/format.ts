// French number and date formats, for axis ticks, tooltips and inline text alike.
// The no-break spaces (U+202F thin, U+00A0) are what Intl "fr-FR" uses.

const NBSP = "\u00a0";
const number0 = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const number1 = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const number2 = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const number3 = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 3 });
const fixed1 = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fixed2 = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent1 = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
const signedPercent1 = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
const signed1 = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, signDisplay: "exceptZero" });
const monthYear = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
const fullDate = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

const MISSING = "—";
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** Integer count: 1 234. */
export const formatInt = (x: number | null | undefined): string => (isNumber(x) ? number0.format(x) : MISSING);

/** Plain number, up to `digits` decimals: 6,2. */
export function formatNumber(x: number | null | undefined, digits: Digits = 1): string {
  if (!isNumber(x)) return MISSING;
  return (digits === 0 ? number0 : digits === 1 ? number1 : digits === 2 ? number2 : number3).format(x);
}

/** Millions of euros: 53,7 M€. One argument: safe to pass as a callback (Plot's tickFormat, map). */
export const formatMeur = (x: number | null | undefined): string => (isNumber(x) ? `${number1.format(x)}${NBSP}M€` : MISSING);

/** Millions of euros to `digits` decimals at most (12,623 M€ with 3): with distinctDigits. */
export const formatMeurTo = (x: number | null | undefined, digits: Digits): string => (isNumber(x) ? `${formatNumber(x, digits)}${NBSP}M€` : MISSING);

export type Digits = 0 | 1 | 2 | 3;

/**
 * The decimals, from `base` up to 3, that show two published figures apart when they differ
 * (costs are published to the thousand euros): 12,6 → 12,623 is shown 12,6 → 12,62, not 12,6 → 12,6,
 * so that a change counted as a rise is seen as one. Durations alike (3,334 → 3,3 years).
 */
export function distinctDigits(a: number | null | undefined, b: number | null | undefined, base: Digits = 1): Digits {
  if (!isNumber(a) || !isNumber(b) || a === b) return base;
  for (let d = base; d < 3; d++) if (roundTo(a, d) !== roundTo(b, d)) return d;
  return 3;
}

/** Billions of euros from millions: 2 620 M€ → 2,62 Md€. */
export const formatBeurFromMeur = (x: number | null | undefined): string => (isNumber(x) ? `${fixed2.format(x / 1000)}${NBSP}Md€` : MISSING);

/** Billions of euros: 2,62 Md€. */
export const formatBeur = (x: number | null | undefined): string => (isNumber(x) ? `${fixed2.format(x)}${NBSP}Md€` : MISSING);

/** Years: 6,2 ans (1 an). */
export function formatYears(x: number | null | undefined): string {
  return formatYearsTo(x, 1);
}

/** Years to `digits` decimals (at least one): 3,33 ans with 2, beside 3,3 ans (with distinctDigits). */
export function formatYearsTo(x: number | null | undefined, digits: Digits): string {
  if (!isNumber(x)) return MISSING;
  const text = (digits <= 1 ? fixed1 : cachedFormat(`years${digits}`, { minimumFractionDigits: 1, maximumFractionDigits: digits })).format(x);
  return `${text}${NBSP}${Math.abs(x) < 2 ? "an" : "ans"}`;
}

/** Fraction as a percentage: 0.154 → 15,4 %. */
export const formatPercent = (x: number | null | undefined): string => (isNumber(x) ? percent1.format(x) : MISSING);

/** Signed change as a percentage: +12,5 %. */
export const formatChangePercent = (x: number | null | undefined): string => (isNumber(x) ? signedPercent1.format(x) : MISSING);

/** Signed change: +3,2 (unit appended when given). */
export function formatChange(x: number | null | undefined, unit = "", digits: Digits = 1): string {
  if (!isNumber(x)) return MISSING;
  const text = (digits === 1 ? signed1 : cachedFormat(`signed${digits}`, { maximumFractionDigits: digits, signDisplay: "exceptZero" })).format(x);
  return unit ? `${text}${NBSP}${unit}` : text;
}

const formats = new Map<string, Intl.NumberFormat>();
function cachedFormat(name: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = formats.get(name);
  if (!format) {
    format = new Intl.NumberFormat("fr-FR", options);
    formats.set(name, format);
  }
  return format;
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(typeof value === "string" && /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Month and year: « juillet 2013 ». Accepts ISO dates, `YYYY-MM` edition ids, epoch milliseconds. */
export function formatMonthYear(value: string | number | Date | null | undefined): string {
  const d = toDate(value);
  return d ? monthYear.format(d) : MISSING;
}

/** Full date: « 3 novembre 2016 ». */
export function formatDate(value: string | number | Date | null | undefined): string {
  const d = toDate(value);
  return d ? fullDate.format(d) : MISSING;
}

/** Edition label from its id: 2021-11 → « novembre 2021 ». */
export const formatEdition = (edition: string): string => formatMonthYear(edition);

/** Yes/no in French. */
export const formatBoolean = (x: boolean | null | undefined): string => (x === true ? "Oui" : x === false ? "Non" : MISSING);

/** Cost bands used across the report (M€). */
export const COST_BANDS = [
  { label: "moins de 9 M€", min: -Infinity, max: 9 },
  { label: "de 9 à 20 M€", min: 9, max: 20 },
  { label: "de 20 à 50 M€", min: 20, max: 50 },
  { label: "de 50 à 100 M€", min: 50, max: 100 },
  { label: "100 M€ et plus", min: 100, max: Infinity },
] as const;
export const COST_BAND_UNKNOWN = "coût non publié";

export function costBand(cost: number | null | undefined): string {
  if (!isNumber(cost)) return COST_BAND_UNKNOWN;
  return COST_BANDS.find((b) => cost >= b.min && cost < b.max)!.label;
}

const shortMonthYear = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "numeric", timeZone: "UTC" });
const signed2 = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });

/** Short edition label for axes: 2016-11 → « nov. 2016 ». */
export function formatEditionShort(edition: string): string {
  const d = toDate(edition);
  return d ? shortMonthYear.format(d) : MISSING;
}

/** Signed change of billions of euros, from millions: 733 → +0,73 Md€. */
export const formatChangeBeurFromMeur = (x: number | null | undefined): string => (isNumber(x) ? `${signed2.format(x / 1000)}${NBSP}Md€` : MISSING);

/** A change that rounds to zero at the precision shown. */
export const NO_CHANGE = "stable";

/** `x` rounded to `digits` decimals, as the formats above show it. */
export const roundTo = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The change between two figures as they are shown (6,3 → 6,1 is -0,2), so that it agrees with them. */
export const shownChange = (from: number | null | undefined, to: number | null | undefined, digits: number): number | null =>
  isNumber(from) && isNumber(to) ? roundTo(roundTo(to, digits) - roundTo(from, digits), digits) : null;

/** Signed change between two rates, in percentage points: 0.154 − 0.202 → -4,8 points; 0 → « stable ». */
export function formatChangePoints(x: number | null | undefined): string {
  if (!isNumber(x)) return MISSING;
  const points = Math.round(x * 1000) / 10;
  if (points === 0) return NO_CHANGE;
  return `${signed1.format(points)}${NBSP}${Math.abs(points) < 2 ? "point" : "points"}`;
}

/** Signed change in years: +1,5 an, -2,3 ans; 0 → « stable ». */
export function formatChangeYears(x: number | null | undefined): string {
  return formatChangeYearsTo(x, 1);
}

/** formatChangeYears to `digits` decimals at most (with distinctDigits): -0,03 an. */
export function formatChangeYearsTo(x: number | null | undefined, digits: Digits): string {
  if (!isNumber(x)) return MISSING;
  const shown = roundTo(x, digits);
  if (shown === 0) return NO_CHANGE;
  return formatChange(x, Math.abs(shown) < 2 ? "an" : "ans", digits);
}
