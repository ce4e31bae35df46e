// Cell value parsers. Each one never throws: it returns a value (null = published
// as unknown) or a problem code (problems.ts) that becomes an anomaly row.

import type { Problem } from "./problems.js";
import { stripTags } from "../read/index.js";
import { cleanText, foldText, httpUrlOrNull, isNullToken } from "./text.js";

export type ParseResult<T> = { ok: true; value: T | null } | { ok: false; problem: Problem };

export { parsePhase } from "./phases.js";
export type { PhaseValue, PhaseResult } from "./phases.js";

const ok = <T>(value: T | null): ParseResult<T> => ({ ok: true, value });
const fail = <T>(problem: Problem): ParseResult<T> => ({ ok: false, problem });

/** Longest string worth trying to read as a number or a date. */
const MAX_SCALAR_LENGTH = 100;

// Integer part with space-like thousands separators ("1 234"), or dot thousands
// followed by a comma decimal part ("1.234,5"), or comma thousands followed by a
// dot decimal part ("1,234.5"), or plain digits; then an optional decimal part
// (comma or dot), an optional exponent, and a free unit suffix without digits ("M€", "ans").
const NUMBER = new RegExp(
  "^([+\\-\u2212]?)" +
    "(?:(\\d{1,3}(?:[ \u00a0\u202f\u2009']\\d{3})+)|(\\d{1,3}(?:\\.\\d{3})+)(?=,)|(\\d{1,3}(?:,\\d{3})+)(?=\\.)|(\\d+))?" +
    "(?:[.,](\\d+))?" +
    "(?:[eE]([+-]?\\d{1,3}))?" +
    "\\s*([^\\d]{0,20})$",
);
const UNIT_SUFFIX = /^[\p{L}€$%*°.\s/()]*$/u;

interface NumberParts {
  value: number;
  /** Folded unit suffix ("m", "md", "ans", "mois"), "" when none. */
  unit: string;
}

// The 2016–2017 spreadsheets write "En cadrage" in cost and duration for projects still being scoped: no figure yet, by design.
const NOT_YET_SCOPED = /^\s*en\s+cadrage\s*$/i;

function parseNumberParts(cell: unknown): ParseResult<NumberParts> {
  if (isNullToken(cell)) return ok(null);
  if (typeof cell === "string" && NOT_YET_SCOPED.test(cell)) return ok(null);
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? ok({ value: cell === 0 ? 0 : cell, unit: "" }) : fail("not-finite");
  }
  if (typeof cell !== "string") return fail("not-a-number");
  const s = cell.trim();
  if (s.length > MAX_SCALAR_LENGTH) return fail("not-a-number");
  const m = NUMBER.exec(s);
  if (!m) return fail("not-a-number");
  const [, sign, spaced, dotted, commaed, plain, decimals, exponent, suffix = ""] = m;
  const integer = spaced ?? dotted ?? commaed ?? plain;
  if (integer === undefined && decimals === undefined) return fail("not-a-number");
  if (suffix !== "" && !UNIT_SUFFIX.test(suffix)) return fail("not-a-number");
  const digits = (integer ?? "0").replace(/[^\d]/g, "");
  const text = `${sign === "" ? "" : "-"}${digits}${decimals === undefined ? "" : `.${decimals}`}${exponent === undefined ? "" : `e${exponent}`}`;
  const value = Number(text);
  if (!Number.isFinite(value)) return fail("not-finite");
  return ok({ value: value === 0 ? 0 : value, unit: foldText(suffix) });
}

/** A number: French or English decimals, space thousands separators, unit suffix tolerated ("12,5 M€" → 12.5). */
export function parseNumber(cell: unknown): ParseResult<number> {
  const r = parseNumberParts(cell);
  return r.ok ? ok(r.value?.value ?? null) : r;
}

const BILLIONS = /^(md|mds|mrd|milliards?)\b/;
const THOUSANDS = /^(k|keur|milliers?)\b/;

/** A cost in M€. "Md€" suffix → × 1 000, "k€" → ÷ 1 000. Negative or above 10 000 M€ → problem. */
export function parseCostMeur(cell: unknown): ParseResult<number> {
  const r = parseNumberParts(cell);
  if (!r.ok || r.value === null) return r.ok ? ok(null) : r;
  let { value } = r.value;
  const { unit } = r.value;
  if (BILLIONS.test(unit)) value *= 1000;
  else if (THOUSANDS.test(unit)) value /= 1000;
  if (value < 0) return fail("negative-cost");
  if (value > 10_000) return fail("absurd-cost");
  return ok(value);
}

/** A duration in years ("mois" suffix → ÷ 12). Negative or above 50 years → problem. */
export function parseDurationYears(cell: unknown): ParseResult<number> {
  const r = parseNumberParts(cell);
  if (!r.ok || r.value === null) return r.ok ? ok(null) : r;
  let { value } = r.value;
  if (r.value.unit.startsWith("mois")) value /= 12;
  if (value < 0) return fail("negative-duration");
  if (value > 50) return fail("duration-over-50-years");
  return ok(value);
}

// Dates ------------------------------------------------------------------------

export const MIN_DATE = "1990-01-01";
export const MAX_DATE = "2050-12-31";

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  january: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  feb: 2,
  february: 2,
  mars: 3,
  mar: 3,
  march: 3,
  avril: 4,
  avr: 4,
  apr: 4,
  april: 4,
  mai: 5,
  may: 5,
  juin: 6,
  jun: 6,
  june: 6,
  juillet: 7,
  juil: 7,
  jul: 7,
  july: 7,
  aout: 8,
  aou: 8,
  aug: 8,
  august: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  september: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?$/;
const DMY_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const MY_DATE = /^(\d{1,2})[/.-](\d{4})$/;
const NUMERIC = /^\d{1,7}(?:\.\d{1,12})?$/;
// Folded: "1er juillet 2013", "15 juillet 2013", "juil 2013", "octobre 14".
const WORD_DATE = /^(?:(\d{1,2}|1er|premier) )?([a-z]{3,9}) (\d{4}|\d{2})$/;
// Folded: "t1 2014" (quarter), "s2 2015" (half-year).
const PERIOD_DATE = /^(t|s)([1-4]) (\d{4}|\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length !== 2) return n;
  // Two-digit years ("octobre 14", from 2019 on): 00–50 → 20xx, 51–99 → 19xx.
  return n <= 50 ? 2000 + n : 1900 + n;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): ParseResult<string> {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return fail("invalid-date");
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (iso < MIN_DATE || iso > MAX_DATE) return fail("date-out-of-range");
  return ok(iso);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * Excel serial date, 1900 date system. Excel counts a fictitious 1900-02-29
 * (serial 60), so from serial 61 on, day 0 is 1899-12-30; all plausible serials
 * (1990–2050 is 32 874–55 153) are past that bug. The time fraction is dropped.
 */
function fromExcelSerial(serial: number): ParseResult<string> {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) {
    return serial >= 1 && serial < 61 ? fail("date-out-of-range") : fail("not-a-date");
  }
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function fromNumber(n: number): ParseResult<string> {
  // A bare year (1990–2050) would be a 1905 serial date: read it as a year.
  if (Number.isInteger(n) && n >= 1000 && n <= 2999) return ymd(n, 1, 1);
  return fromExcelSerial(n);
}

/**
 * A date → ISO `YYYY-MM-DD`. Accepted: ISO (with or without time), dd/mm/yyyy,
 * mm/yyyy, Excel serials (number or numeric text), French month names, full or
 * abbreviated, with an optional day ("1er juillet 2013") and a 4- or 2-digit
 * year ("octobre 14" → 2014-10-01), quarters "T1 2014" and halves "S2 2015".
 * When only the month (or quarter) is given, the first day of it is used; a year
 * alone ("2013") is read as January 1st of that year.
 * Outside 1990-01-01 … 2050-12-31 → problem.
 */
export function parseDate(cell: unknown): ParseResult<string> {
  if (isNullToken(cell)) return ok(null);
  if (typeof cell === "number") return fromNumber(cell);
  if (typeof cell !== "string") return fail("not-a-date");
  const s = cell.trim();
  if (s.length > MAX_SCALAR_LENGTH) return fail("not-a-date");
  let m = ISO_DATE.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  m = DMY_DATE.exec(s);
  if (m) return ymd(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  m = MY_DATE.exec(s);
  if (m) return ymd(Number(m[2]), Number(m[1]), 1);
  if (NUMERIC.test(s)) return fromNumber(Number(s));
  const folded = foldText(s);
  m = WORD_DATE.exec(folded);
  if (m) {
    const month = MONTHS[m[2]!];
    if (month === undefined) return fail("not-a-date");
    const day = m[1] === undefined || m[1] === "1er" || m[1] === "premier" ? 1 : Number(m[1]);
    return ymd(fullYear(m[3]!), month, day);
  }
  m = PERIOD_DATE.exec(folded);
  if (m) {
    const index = Number(m[2]);
    if (m[1] === "s" && index > 2) return fail("not-a-date");
    const month = m[1] === "t" ? 3 * (index - 1) + 1 : 6 * (index - 1) + 1;
    return ymd(fullYear(m[3]!), month, 1);
  }
  return fail("not-a-date");
}

// Booleans, URLs ---------------------------------------------------------------

const TRUE_WORDS = new Set(["oui", "o", "yes", "y", "true", "vrai", "1", "x"]);
const FALSE_WORDS = new Set(["non", "n", "no", "false", "faux", "0"]);

/** Oui/Non, O/N, Yes/No, true/false, 1/0 → boolean. */
export function parseBoolean(cell: unknown): ParseResult<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  if (isNullToken(cell)) return ok(null);
  if (typeof cell === "number") return cell === 1 ? ok(true) : cell === 0 ? ok(false) : fail("not-yes-no");
  if (typeof cell !== "string" || cell.length > MAX_SCALAR_LENGTH) return fail("not-yes-no");
  const f = foldText(cell);
  if (TRUE_WORDS.has(f)) return ok(true);
  if (FALSE_WORDS.has(f)) return ok(false);
  return fail("not-yes-no");
}

/** How a published link was tidied to be kept (the `normalizations` table). */
export type LinkRule = "scheme-added" | "quote-stripped";

export interface LinkNormalization {
  /** The link as published (one of the cell's links). */
  value: string;
  /** The link as kept. */
  normalized: string;
  rules: LinkRule[];
}

export interface LinkList {
  /** Every link of the cell, in published order, each once. */
  urls: string[];
  normalizations: LinkNormalization[];
}

const NO_LINKS: LinkList = Object.freeze({ urls: [], normalizations: [] }) as LinkList;

// Links are separated by spaces or line breaks, or by ";", "," or "|" before the next address.
const LINK_SEPARATOR = /\s+|[;,|]+(?=\s*(?:https?:\/\/|www\.))/i;
const SEPARATOR_ONLY = /^[;,|]+$/;
// Quotes around an address: Excel's leading apostrophe ("'http://…"), straight or typographic quotes, <…>.
const LEADING_QUOTES = /^["'«“‘<]+/;
const TRAILING_QUOTES = /["'»”’>]+$/;
// A host without a scheme: "www.…", or a name ending in one of the domains the editions use.
const BARE_HOST = /^(?:www\.[^\s/]+|(?:[\p{L}\p{N}-]+\.)+(?:gouv\.fr|fr|eu|com|org|net|info))(?::\d{1,5})?(?:[/?#]\S*)?$/iu;
const MAX_LINKS_TEXT = 10_000;
// The common case, read without cleaning: one address alone in the cell.
const PLAIN_URL = /^https?:\/\/[^\s<>"'&]+$/i;

/** One published link → the http(s) URL kept and how it was tidied, or null when it is not one. */
function oneLink(token: string): { url: string; rules: LinkRule[] } | null {
  const rules: LinkRule[] = [];
  let t = token.replace(LEADING_QUOTES, "").replace(TRAILING_QUOTES, "");
  if (t !== token) rules.push("quote-stripped");
  if (!/^[a-z][a-z0-9+.-]*:/i.test(t) && BARE_HOST.test(t)) {
    t = `http://${t}`;
    rules.push("scheme-added");
  }
  const url = httpUrlOrNull(t);
  return url === null ? null : { url, rules };
}

/** The links of a text that should hold only links; null when any part of it is not one. */
function linksOfText(text: string): LinkList | null {
  const urls: string[] = [];
  const normalizations: LinkNormalization[] = [];
  for (const token of text.split(LINK_SEPARATOR)) {
    if (token === "" || SEPARATOR_ONLY.test(token)) continue;
    const link = oneLink(token);
    if (link === null) return null;
    if (link.rules.length > 0) normalizations.push({ value: token, normalized: link.url, rules: link.rules });
    if (!urls.includes(link.url)) urls.push(link.url);
  }
  return { urls, normalizations };
}

/**
 * Every link of a link cell, in order ("En savoir plus", "Lien vers les PAP", or one `href` of a
 * dashboard cell). The same rules in every format: a NULL token ("N/A", "NC", "") → no link;
 * several links separated by spaces, line breaks, ";" or "," → all of them; quotes around a link
 * (Excel's leading apostrophe) are dropped and a bare host ("www.…") gets "http://", both recorded
 * as normalizations; an `<a href>` cell gives its hrefs. Anything else in the cell (text, "0",
 * "javascript:", "data:") → problem, and no link is kept from it.
 */
export function parseLinks(cell: unknown): ParseResult<LinkList> {
  if (isNullToken(cell)) return ok(NO_LINKS);
  if (typeof cell === "number" || typeof cell === "boolean") return fail("not-http-url");
  if (typeof cell !== "string" || cell.length > MAX_LINKS_TEXT) return fail("not-http-url");
  if (PLAIN_URL.test(cell)) {
    const url = httpUrlOrNull(cell);
    if (url !== null) return ok({ urls: [url], normalizations: [] });
  }
  const hrefs = cell.includes("<") ? stripTags(cell, true).hrefs : [];
  if (hrefs.length > 0) {
    const all: LinkList = { urls: [], normalizations: [] };
    for (const href of hrefs) {
      const r = parseLinks(href);
      if (!r.ok) return r;
      for (const url of r.value!.urls) if (!all.urls.includes(url)) all.urls.push(url);
      all.normalizations.push(...r.value!.normalizations);
    }
    return ok(all);
  }
  const text = cleanText(cell);
  if (text === null) return ok(NO_LINKS);
  const links = linksOfText(text);
  return links === null ? fail("not-http-url") : ok(links);
}

/** The first link of a link cell (see parseLinks). */
export function parseUrl(cell: unknown): ParseResult<string> {
  const r = parseLinks(cell);
  return r.ok ? ok(r.value?.urls[0] ?? null) : r;
}
