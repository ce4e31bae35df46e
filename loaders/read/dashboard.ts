import { PanoramaError } from "../errors.js";
import { LIMITS, tooManyColumns, tooManyRows, type Limits } from "../sources/index.js";
import { NO_HEADLINE, type HeadlineFigures } from "../schema.js";
import { foldWords } from "../../docs/components/labels.js";
import { htmlText } from "./html-text.js";
import type { Cell, DashboardPage, RawRow, RawSheet } from "./types.js";

const PAGE_HINT =
  "Check that the file is a Panorama dashboard page (index.html of DISIC/panorama, an R flexdashboard); delete the cached copy and download it again.";

/**
 * The project table of a Panorama dashboard page (rows[0] = header labels with row 0,
 * then rows 1..n by position) and what the page states besides: value boxes, headline
 * figures and edition. Cells are as in the widget JSON, HTML included.
 */
export function readDashboard(html: string, file: string, limits: Readonly<Limits> = LIMITS): { sheet: RawSheet; page: DashboardPage } {
  const table = findProjectTable(html, file);
  const rows: RawRow[] = [{ row: 0, cells: table.headers }];
  const count = table.columns[0]!.length;
  if (table.columns.length > limits.maxColumns) throw tooManyColumns(file, 0, table.columns.length, limits);
  if (count >= limits.maxRows) throw tooManyRows(file, limits.maxRows, limits);
  for (let r = 0; r < count; r++) {
    const cells = table.columns.map((column) => toCell(column[r]));
    if (cells.some((cell) => cell !== null && !(typeof cell === "string" && cell.trim() === ""))) {
      rows.push({ row: r + 1, cells });
    }
  }
  const valueBoxes = readValueBoxes(html);
  const headline = headlineFigures(valueBoxes);
  const editionText = readEditionText(html) ?? readFirstEditionText(html, headline.official_projects, rows.length - 1);
  return {
    sheet: { file, format: "html", sheetName: null, rows },
    page: {
      editionText,
      edition: editionText === null ? null : parseEdition(editionText),
      headline,
      valueBoxes,
    },
  };
}

interface WidgetTable {
  headers: string[];
  columns: unknown[][];
}

const JSON_TYPE = /\btype=["']application\/json["']/;
const WIDGET_FOR = /\bdata-for=["']htmlwidget/;

// Hand-written scans below, not regexes: a regex such as /<script\b[^>]*\btype=/g
// rescans the rest of the page from every "<script" that has no ">", which takes
// minutes on a hostile page of a few hundred kilobytes.

/** No real tag is this long; a longer one is skipped, so that matching inside a tag stays cheap. */
const MAX_TAG_LENGTH = 10_000;

interface Tag {
  /** Index of the "<". */
  start: number;
  /** Index just past the ">". */
  end: number;
  text: string;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Opening tags `<name …>` from `from` on (the name followed by a non-word character), in order. */
function* openingTags(html: string, name: string, from = 0, to = html.length): Generator<Tag> {
  const open = `<${name}`;
  let at = html.indexOf(open, from);
  while (at >= 0 && at < to) {
    const after = at + open.length;
    if (after < html.length && isWordChar(html.charCodeAt(after))) {
      at = html.indexOf(open, after);
      continue;
    }
    const gt = html.indexOf(">", after);
    if (gt < 0 || gt >= to) return;
    if (gt - at <= MAX_TAG_LENGTH) yield { start: at, end: gt + 1, text: html.slice(at, gt + 1) };
    at = html.indexOf(open, gt + 1);
  }
}

/** The content of the first element `<name …>…</name>` within [from, to), or null. */
function firstElementText(html: string, name: string, from: number, to: number, accept: (tag: string) => boolean = () => true): string | null {
  for (const tag of openingTags(html, name, from, to)) {
    if (!accept(tag.text)) continue;
    const close = html.indexOf(`</${name}>`, tag.end);
    if (close < 0 || close + name.length + 3 > to) return null;
    return html.slice(tag.end, close);
  }
  return null;
}

/** The DT widget whose headers name projects and ministries; the pages hold several widgets (Highcharts, DT). */
function findProjectTable(html: string, file: string): WidgetTable {
  const tables: WidgetTable[] = [];
  const malformed: string[] = [];
  let from = 0;
  for (;;) {
    const m = nextWidgetScript(html, from);
    if (!m) break;
    const start = m.end;
    const end = html.indexOf("</script>", start);
    if (end < 0) break;
    from = end;
    const json = html.slice(start, end);
    if (!json.includes('"container"') || !json.includes('"data"')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      malformed.push(`${/data-for=["']([^"']*)/.exec(m.text)?.[1] ?? "htmlwidget"}: ${(error as Error).message}`);
      continue;
    }
    const table = asTable(parsed);
    if (table) tables.push(table);
  }
  const projects = tables.filter((t) => {
    const labels = t.headers.map(foldWords);
    return labels.some((l) => l.startsWith("projet")) && labels.some((l) => l.startsWith("ministere"));
  });
  if (projects.length > 0) {
    return projects.reduce((best, t) => (t.columns[0]!.length > best.columns[0]!.length ? t : best));
  }
  const found = tables.length
    ? `the tables found have headers ${tables.map((t) => `[${t.headers.join(", ")}]`).join(" and ")}`
    : "no DT table widget was found";
  const broken = malformed.length ? `; widget JSON that cannot be parsed: ${malformed.join("; ")}` : "";
  throw new PanoramaError(
    `no project table in the dashboard page: expected an htmlwidget <script type="application/json" data-for="htmlwidget-…"> holding a DT table (x.data by column, x.container with <th> labels including "Projet" and "Ministère"), but ${found}${broken}.`,
    { file },
    PAGE_HINT,
  );
}

function nextWidgetScript(html: string, from: number): Tag | null {
  for (const tag of openingTags(html, "script", from)) {
    if (JSON_TYPE.test(tag.text) && WIDGET_FOR.test(tag.text)) return tag;
  }
  return null;
}

/** The text of each `<th>` of a DT container, in order. */
function headerCells(container: string): string[] {
  const headers: string[] = [];
  let from = 0;
  for (;;) {
    const tag = openingTags(container, "th", from).next();
    if (tag.done) return headers;
    const close = container.indexOf("</th>", tag.value.end);
    if (close < 0) return headers;
    headers.push(htmlText(container.slice(tag.value.end, close)));
    from = close + 5;
  }
}

function asTable(parsed: unknown): WidgetTable | null {
  const x = (parsed as { x?: { data?: unknown; container?: unknown } } | null)?.x;
  if (!x || typeof x.container !== "string" || !Array.isArray(x.data) || x.data.length === 0) return null;
  const columns = x.data as unknown[];
  if (!columns.every((c): c is unknown[] => Array.isArray(c))) return null;
  const length = columns[0]!.length;
  if (!columns.every((c) => c.length === length)) return null;
  const headers = headerCells(x.container);
  if (headers.length !== columns.length) return null;
  return { headers, columns };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

const hasClass = (name: string) => {
  const pattern = new RegExp(`\\bclass=["'][^"']*\\b${name}\\b`);
  return (tag: string) => pattern.test(tag);
};
const VALUE_BOX_CLASS = hasClass("value-box");
const VALUE_OUTPUT_CLASS = hasClass("value-output");

/** Each flexdashboard value box: its `<h3>` label → its `span.value-output` text. */
export function readValueBoxes(html: string): Record<string, string> {
  const boxes: Record<string, string> = {};
  const starts: number[] = [];
  for (const tag of openingTags(html, "div")) if (VALUE_BOX_CLASS(tag.text)) starts.push(tag.end);
  starts.forEach((start, k) => {
    const end = Math.min(starts[k + 1] ?? html.length, start + 4000);
    const label = firstElementText(html, "h3", start, end);
    const value = firstElementText(html, "span", start, end, VALUE_OUTPUT_CLASS);
    if (label !== null && value !== null) boxes[htmlText(label)] = htmlText(value);
  });
  return boxes;
}

/** Maps value-box labels (folded: case, accents, apostrophes) to headline figures; a missing box gives null. */
export function headlineFigures(valueBoxes: Record<string, string>): HeadlineFigures {
  const figures: HeadlineFigures = { ...NO_HEADLINE };
  for (const [label, text] of Object.entries(valueBoxes)) {
    const key = foldWords(label);
    if (key === "projets suivis") figures.official_projects = integer(text);
    else if (key === "projets interministeriels") figures.official_interministerial = integer(text);
    else if (/^milliards? d'euros\b/.test(key)) figures.official_cost_beur = frenchNumber(text);
    else if (key.startsWith("duree moyenne")) figures.official_duration_years = frenchNumber(text);
    else if (key.startsWith("taux d'ecart calendaire")) figures.official_schedule_gap = rate(text);
    else if (key.startsWith("taux d'ecart budgetaire")) figures.official_budget_gap = rate(text);
  }
  return figures;
}

/** "2,29" → 2.29, "6" → 6, "1 234,5" → 1234.5; anything else → null. */
export function frenchNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(compact)) return null;
  return Number(compact);
}

function integer(text: string): number | null {
  const value = frenchNumber(text);
  return value !== null && Number.isInteger(value) ? value : null;
}

/** "15,4 %" → 0.154 (a fraction, rounded to 6 decimals); a bare number above 1 is read as a percentage. */
export function rate(text: string): number | null {
  const percent = /%\s*$/.test(text);
  const value = frenchNumber(text.replace(/%\s*$/, ""));
  if (value === null) return null;
  const fraction = percent || value > 1 ? value / 100 : value;
  return Math.round(fraction * 1e6) / 1e6;
}

// One quantifier over the spaces before ":" (two overlapping ones backtrack quadratically on a long run of spaces).
const EDITION_TEXT = /Date d(?:'|’|&#39;|&#x27;|&rsquo;|&#8217;)\s*actualisation(?:&nbsp;|\s)*:([\s\S]{0,400}?)<\/(?:p|div|h[1-6]|li|td|section)>/i;

/** The text after "Date d’actualisation :", tags removed; null when the page states no date (Nov 2016). */
export function readEditionText(html: string): string | null {
  const match = EDITION_TEXT.exec(html);
  if (!match) return null;
  const text = htmlText(match[1]!);
  return text === "" ? null : text;
}

// The November 2016 page has no date, but its FAQ says "La première édition du panorama, publiée en
// novembre 2016, contient 57 projets." Later pages repeat the sentence about the first edition: it
// dates the page only when the page itself lists that many projects, in its table and its value box.
const FIRST_EDITION =
  /La premi(?:è|&egrave;|&#232;)re (?:é|&eacute;|&#233;)dition du panorama,(?:\s|&nbsp;)*publi(?:é|&eacute;|&#233;)e en(?:\s|&nbsp;)+([^,<]{3,30}),(?:\s|&nbsp;)*contient(?:\s|&nbsp;)+(\d{1,4})(?:\s|&nbsp;)+projets/i;

/** The sentence dating the first edition when the page is that edition (same project count); else null. */
export function readFirstEditionText(html: string, statedProjects: number | null, tableRows: number): string | null {
  const match = FIRST_EDITION.exec(html);
  if (!match) return null;
  const count = Number(match[2]);
  if (statedProjects !== count || tableRows !== count) return null;
  return htmlText(match[0]);
}

const MONTHS: [string, number][] = [
  ["janvier", 1],
  ["janv", 1],
  ["jan", 1],
  ["fevrier", 2],
  ["fevr", 2],
  ["fev", 2],
  ["mars", 3],
  ["mar", 3],
  ["avril", 4],
  ["avr", 4],
  ["mai", 5],
  ["juin", 6],
  ["juillet", 7],
  ["juil", 7],
  ["aout", 8],
  ["septembre", 9],
  ["sept", 9],
  ["sep", 9],
  ["octobre", 10],
  ["oct", 10],
  ["novembre", 11],
  ["nov", 11],
  ["decembre", 12],
  ["dec", 12],
];
const MONTH_INDEX = new Map(MONTHS);
const MONTH_YEAR = new RegExp(`\\b(${MONTHS.map(([m]) => m).join("|")})\\.?\\s+(\\d{4})\\b`);

/** "février 2017" → "2017-02", "… - novembre 2021" → "2021-11", "06/2017" or "30/06/2017" → "2017-06"; else null. */
export function parseEdition(text: string): string | null {
  const folded = foldWords(text);
  const named = MONTH_YEAR.exec(folded);
  if (named) return `${named[2]}-${String(MONTH_INDEX.get(named[1]!)).padStart(2, "0")}`;
  const numeric = /\b(?:\d{1,2}\/)?(\d{1,2})\/(\d{4})\b/.exec(folded);
  if (numeric) {
    const month = Number(numeric[1]);
    if (month >= 1 && month <= 12) return `${numeric[2]}-${String(month).padStart(2, "0")}`;
  }
  return null;
}
