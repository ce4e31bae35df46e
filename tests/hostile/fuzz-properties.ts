// Property-based tests (fast-check) on every parser between a file and a row:
// whatever the input, each returns a value of its type or throws a
// PanoramaError (never a TypeError, RangeError or a SheetJS error). The cell
// value parsers' own properties (parseNumber, parseDate, parseUrl, cleanText…)
// are in tests/values.test.ts; this file covers the rest.
//
// Run twice: by tests/hostile/fuzz.test.ts (npm test) with a tenth of the runs, and by
// tests/hostile/fuzz.slow.test.ts (npm run test:hostile) with all of them.

import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PanoramaError } from "../../loaders/errors.js";
import { closestHeader, foldHeader, HEADER_ALIASES, locateHeaderRow, mapHeaderRow, matchHeader, type HeaderField } from "../../loaders/normalize/headers.js";
import { projectSlug } from "../../loaders/normalize/identity.js";
import { canonicalMinistry } from "../../loaders/normalize/ministries.js";
import { normalizeSheet } from "../../loaders/normalize/sheet.js";
import { detectDelimiter, parseCsv, readCsv } from "../../loaders/read/csv.js";
import { frenchNumber, headlineFigures, parseEdition, rate, readDashboard, readEditionText, readValueBoxes } from "../../loaders/read/dashboard.js";
import { readSource } from "../../loaders/read/index.js";
import { decodeText, sniffFormat } from "../../loaders/read/index.js";
import type { Cell, RawSheet, ReadResult } from "../../loaders/read/types.js";
import { PHASES, SOURCE_FORMATS, type HeadlineFigures } from "../../loaders/schema.js";
import { foldText, httpUrlOrNull, isNullToken } from "../../loaders/normalize/text.js";
import { parseLinks } from "../../loaders/normalize/values.js";
import { decodeEntities } from "../../loaders/read/index.js";
import { MAX_DATE, MIN_DATE } from "../../loaders/normalize/values.js";
import { checkZip, readCentralDirectory } from "../../loaders/read/zip.js";
import { GOOD_PAGE, makeZip, workbook, xlsxParts, sheetXml, type Row, type ZipPart } from "../fixtures/hostile/support.js";

export interface FuzzRuns {
  /** How many runs a property gets, from its full count. */
  runs: (full: number) => number;
  /** A fixed seed for the damaged-workbook properties, when their runs are too few to be sure to read some. */
  damagedSeed?: number;
}

/** The value f returns, or the PanoramaError it throws; anything else thrown fails the property. */
function typed<T>(f: () => T): T | PanoramaError {
  try {
    return f();
  } catch (e) {
    if (e instanceof PanoramaError) {
      expect(e.message.length).toBeGreaterThan(0);
      return e;
    }
    throw e;
  }
}

const isCell = (v: unknown): v is Cell => v === null || ["string", "number", "boolean"].includes(typeof v);

function expectSheet(sheet: RawSheet): void {
  let previous = -1;
  for (const row of sheet.rows) {
    expect(Number.isInteger(row.row) && row.row >= 0 && row.row > previous).toBe(true);
    previous = row.row;
    expect(row.cells.every(isCell)).toBe(true);
  }
}

function expectReadResult(result: ReadResult | PanoramaError): void {
  if (result instanceof PanoramaError) return;
  expect(SOURCE_FORMATS).toContain(result.format);
  result.sheets.forEach(expectSheet);
  for (const w of result.warnings) expect(typeof w).toBe("string");
  if (result.page) expectHeadline(result.page.headline);
}

function expectHeadline(h: HeadlineFigures): void {
  for (const v of Object.values(h)) expect(v === null || Number.isFinite(v)).toBe(true);
  for (const v of [h.official_projects, h.official_interministerial]) expect(v === null || Number.isInteger(v)).toBe(true);
}

/** A byte string changed in a few places: cut, bytes overwritten, inserted or removed. */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = base.length;
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("cut" as const), at: fc.nat(n) }),
    fc.record({ kind: fc.constant("set" as const), at: fc.nat(n), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(n), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat(n), length: fc.integer({ min: 1, max: 64 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let bytes = Uint8Array.from(base);
    for (const e of edits) {
      const at = Math.min(e.at, bytes.length);
      if (e.kind === "cut") bytes = bytes.subarray(0, at);
      else if (e.kind === "set") bytes.set(e.bytes.subarray(0, Math.max(0, bytes.length - at)), at);
      else if (e.kind === "insert") bytes = Uint8Array.from([...bytes.subarray(0, at), ...e.bytes, ...bytes.subarray(at)]);
      else bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + e.length)]);
    }
    return bytes;
  });
}

// ---- Valid files of every format, and what the fuzz does to them --------------------------------

const HEADER: Row = ["Ministère porteur", "Nom du projet", "Coût estimé", "Début"];
const BODY: Row[] = [
  ["MI", "ALPHA", "6,80", "juillet 2013"],
  ["MJ", "BÊTA", 12, 40725],
  ["MEF", "GAMMA", "NA", null],
];
const FILES = {
  "edition.xlsx": workbook([HEADER, ...BODY]),
  "edition.ods": workbook([HEADER, ...BODY], "ods"),
  "edition.xls": workbook([HEADER, ...BODY], "biff8"),
  "edition.csv": new TextEncoder().encode([HEADER, ...BODY].map((r) => r.join(";")).join("\r\n")),
  "page.html": new Uint8Array(readFileSync(GOOD_PAGE)),
  "hand.xlsx": makeZip(
    xlsxParts({
      name: "xl/worksheets/sheet1.xml",
      data: Buffer.from(
        sheetXml([
          ["Nom du projet", "Ministère porteur"],
          ["ALPHA", "MI"],
        ]),
      ),
    }),
  ),
} satisfies Record<string, Uint8Array>;
type FileName = keyof typeof FILES;

/** readSource on `numRuns` mutations of each valid file. */
function itReadsMutations(numRuns: number): void {
  it.each(Object.keys(FILES) as FileName[])("readSource on mutations of a valid %s", { timeout: 120_000 }, (name) => {
    const base = FILES[name];
    expect(readSource(base, name).sheets.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(mutated(base), (bytes) => {
        expectReadResult(typed(() => readSource(bytes, name)));
      }),
      { numRuns },
    );
  });
}

/** The entries of a zip written by SheetJS, uncompressed. */
function unzip(bytes: Uint8Array): ZipPart[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readCentralDirectory(bytes)!.map((e) => {
    const start = e.localOffset + 30 + view.readUInt16LE(e.localOffset + 26) + view.readUInt16LE(e.localOffset + 28);
    const raw = view.subarray(start, start + e.compressedSize);
    return { name: e.name, data: e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw) };
  });
}

/** [label, workbook, part whose XML is damaged, runs] */
type DamagedPart = [string, FileName, string, number];

function describeDamagedXml(cases: DamagedPart[], seed: number | undefined): void {
  describe("workbooks whose XML is damaged inside a sound zip (what SheetJS itself gets to parse)", () => {
    const XML_BITS = [
      "<",
      ">",
      "</",
      "/>",
      '"',
      "&",
      "&amp;",
      "&#0;",
      '<c r="XFD1048576"><v>1</v></c>',
      '<row r="0">',
      '<row r="-1">',
      '<c r="A1" t="s"><v>99</v></c>',
      '<c t="n"><v>abc</v></c>',
      '<c t="d"><v>x</v></c>',
      "<![CDATA[",
      "]]>",
      "<!--",
      "\u0000",
    ];
    const edit = (xml: string) =>
      fc
        .array(
          fc.record({
            at: fc.nat(xml.length),
            cut: fc.integer({ min: 0, max: 40 }),
            text: fc.oneof(fc.constantFrom(...XML_BITS), fc.string({ maxLength: 8 })),
          }),
          { minLength: 1, maxLength: 4 },
        )
        .map((edits) => edits.reduce((s, e) => s.slice(0, Math.min(e.at, s.length)) + e.text + s.slice(Math.min(e.at, s.length) + e.cut), xml));

    it.each(cases)("%s: typed sheets or a PanoramaError", { timeout: 120_000 }, (_, name, target, numRuns) => {
      const parts = unzip(FILES[name]);
      const part = parts.find((p) => p.name === target);
      expect(part, `${name} has ${target}`).toBeDefined();
      let read = 0;
      fc.assert(
        fc.property(edit(Buffer.from(part!.data!).toString("utf8")), (xml) => {
          const bytes = makeZip(parts.map((p) => (p === part ? { name: p.name, data: Buffer.from(xml, "utf8") } : p)));
          const result = typed(() => readSource(bytes, name));
          expectReadResult(result);
          if (!(result instanceof PanoramaError)) read++;
        }),
        { numRuns, seed },
      );
      // The zip is sound: SheetJS gets to parse the damaged XML, and reads some of it.
      expect(read).toBeGreaterThan(0);
    });
  });
}

const isHttp = (v: unknown) => v === null || (typeof v === "string" && /^https?:\/\/\S+$/i.test(v));
const EDITION = /^\d{4}-(0[1-9]|1[0-2])$/;

// ---- Arbitraries ------------------------------------------------------------------------------

const ALIASES = Object.values(HEADER_ALIASES).flat();
const TOKENS = [
  "6,80",
  "1 234,5",
  "NA",
  "None",
  "",
  " ",
  "juillet 2013",
  "octobre 14",
  "01/07/2011",
  "40725",
  "Oui",
  "Non",
  "Déploiement",
  "Cadrage",
  "https://a.gouv.fr",
  "javascript:alert(1)",
  "<a href='https://b.fr'>x</a>",
  "<script>x</script>",
  "=1+1",
  "-5",
  "1e308",
  "Total",
  "TOTAL GÉNÉRAL",
  "#DIV/0!",
  "Ministère de l'Intérieur",
  "MI",
];
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom(...TOKENS, ...ALIASES),
  fc.string({ maxLength: 30 }),
  fc.double(),
  fc.integer({ min: -100, max: 60_000 }),
  fc.boolean(),
  fc.constant(null),
);
const rawSheet = (rows: fc.Arbitrary<Cell[][]>): fc.Arbitrary<RawSheet> =>
  rows.map((grid) => ({ file: "fuzz.csv", format: "csv" as const, sheetName: null, rows: grid.map((cells, i) => ({ row: i + 1, cells })) }));

// ---- Header matcher ---------------------------------------------------------------------------

const FIELDS = Object.keys(HEADER_ALIASES) as HeaderField[];

/** A published header as someone may retype it: case, accents, spacing and punctuation changed, maybe wrapped in a tag. */
const retyped = fc
  .record({
    alias: fc.constantFrom(...ALIASES),
    upper: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
    stripAccents: fc.boolean(),
    space: fc.constantFrom(" ", "  ", "\u00a0", "_", " - ", "\t", "\n"),
    wrap: fc.constantFrom(["", ""], [" ", " "], ["<b>", "</b>"], ["\u00a0", ""], ['"', '"']),
  })
  .map(({ alias, upper, stripAccents, space, wrap }) => {
    let s = [...alias].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch.toLowerCase())).join("");
    if (stripAccents) s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return { alias, header: `${wrap[0]}${s.replaceAll(" ", space)}${wrap[1]}` };
  });

// ---- The properties ----------------------------------------------------------------------------

export function describeFuzz({ runs, damagedSeed }: FuzzRuns): void {
  describe("header matcher", () => {
    it("foldHeader gives lowercase ASCII words separated by one space, and is idempotent", () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom(...ALIASES)), (s) => {
          const folded = foldHeader(s);
          expect(folded).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
          expect(foldHeader(folded)).toBe(folded);
        }),
        { numRuns: runs(3000) },
      );
    });

    it("matchHeader returns a known field or null, for any text", () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (s) => {
          const field = typed(() => matchHeader(s));
          expect(field === null || FIELDS.includes(field as HeaderField)).toBe(true);
          const closest = closestHeader(s);
          expect(closest === null || ALIASES.includes(closest)).toBe(true);
        }),
        { numRuns: runs(2000) },
      );
    });

    it("matchHeader ignores case, accents, spacing, punctuation and tags around a known header", () => {
      const fieldOf = new Map<string, HeaderField>();
      for (const field of FIELDS) for (const alias of HEADER_ALIASES[field]) if (!fieldOf.has(foldHeader(alias))) fieldOf.set(foldHeader(alias), field);
      fc.assert(
        fc.property(retyped, ({ alias, header }) => {
          expect(matchHeader(header)).toBe(fieldOf.get(foldHeader(alias)));
        }),
        { numRuns: runs(3000) },
      );
    });

    it("mapHeaderRow maps each field to one column at most, within the row", () => {
      fc.assert(
        fc.property(fc.array(cell, { maxLength: 25 }), (cells) => {
          const { mapping } = mapHeaderRow(cells);
          const fields = mapping.flatMap((m) => (m.field ? [m.field] : []));
          expect(new Set(fields).size).toBe(fields.length);
          for (const m of mapping) expect(m.index >= 0 && m.index < cells.length && m.source.length > 0).toBe(true);
        }),
        { numRuns: runs(1000) },
      );
    });

    it("locateHeaderRow finds null or a row among the first 30 with a name, a ministry and a third field", () => {
      fc.assert(
        fc.property(rawSheet(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 })), (sheet) => {
          const located = typed(() => locateHeaderRow(sheet));
          if (located === null || located instanceof PanoramaError) return;
          expect(located.index).toBeLessThan(Math.min(30, sheet.rows.length));
          const fields = new Set(located.mapping.flatMap((m) => (m.field ? [m.field] : [])));
          expect(fields.has("name")).toBe(true);
          expect(fields.has("ministry_published") || fields.has("ministry_short")).toBe(true);
          expect(fields.size).toBeGreaterThanOrEqual(3);
          for (const m of located.mapping) expect(m.index).toBeLessThan(sheet.rows[located.index]!.cells.length);
        }),
        { numRuns: runs(1000) },
      );
    });
  });

  // ---- Normalization ----------------------------------------------------------------------------

  describe("normalizeSheet", () => {
    const header = fc
      .subarray(
        FIELDS.filter((f) => f !== "name" && f !== "ministry_published"),
        { minLength: 1 },
      )
      .chain((others) => fc.shuffledSubarray(["name", "ministry_published", ...others] as HeaderField[], { minLength: 2 }))
      .map((fields) => fields.map((f) => HEADER_ALIASES[f][0]!));
    const sheet = fc
      .tuple(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 3 }), header, fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 30 }))
      .map(([before, head, body]) => [...before, head, ...body]);

    it("gives rows of the contract's types, anomalies pointing at source rows, or a PanoramaError", () => {
      fc.assert(
        fc.property(rawSheet(sheet), (raw) => {
          const result = typed(() => normalizeSheet(raw, { edition: "2099-09", sourceKind: "spreadsheet", file: "fuzz.csv" }));
          if (result instanceof PanoramaError) {
            expect(result.place).toMatchObject({ edition: "2099-09", file: "fuzz.csv" });
            return;
          }
          const rowNumbers = new Set(raw.rows.map((r) => r.row));
          for (const p of result.projects) {
            expect(p.name.length).toBeGreaterThan(0);
            expect(p.project_key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
            expect(p.cost_meur === null || (p.cost_meur >= 0 && p.cost_meur <= 10_000)).toBe(true);
            expect(p.duration_years === null || (p.duration_years >= 0 && p.duration_years <= 50)).toBe(true);
            expect(p.start_date === null || (/^\d{4}-\d{2}-\d{2}$/.test(p.start_date) && p.start_date >= MIN_DATE && p.start_date <= MAX_DATE)).toBe(true);
            expect(p.phase === null || PHASES.includes(p.phase)).toBe(true);
            expect(typeof p.figures_withheld).toBe("boolean");
            expect(p.interministerial === null || typeof p.interministerial === "boolean").toBe(true);
            expect(isHttp(p.more_info_url) && isHttp(p.pap_url)).toBe(true);
            expect([...p.more_info_urls, ...p.pap_urls].every(isHttp)).toBe(true);
            for (const text of [p.description, p.financing, p.functional_zone, p.ministry, p.ministry_published]) {
              expect(text === null || (typeof text === "string" && text.length > 0)).toBe(true);
            }
            expect(rowNumbers.has(p.source_row)).toBe(true);
          }
          for (const a of result.anomalies) {
            expect(a.source_row !== null && rowNumbers.has(a.source_row)).toBe(true);
            expect(a.problem.length).toBeGreaterThan(0);
            expect(a.value === null || typeof a.value === "string").toBe(true);
          }
        }),
        { numRuns: runs(1500) },
      );
    });
  });

  // ---- Text helpers not covered by tests/values.test.ts -----------------------------------------

  describe("text helpers", () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom(...TOKENS));

    it("isNullToken, foldText, decodeEntities, httpUrlOrNull, parseLinks, projectSlug, canonicalMinistry keep to their types", () => {
      fc.assert(
        fc.property(text, fc.anything(), (s, anything) => {
          expect(typeof isNullToken(anything)).toBe("boolean");
          expect(foldText(s)).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
          expect(typeof decodeEntities(s)).toBe("string");
          expect(isHttp(httpUrlOrNull(s))).toBe(true);
          const links = parseLinks(s);
          if (links.ok) for (const url of links.value!.urls) expect(isHttp(url)).toBe(true);
          expect(projectSlug(s)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
          const ministry = canonicalMinistry(s, s.slice(0, 5));
          expect(ministry === null || (typeof ministry === "string" && ministry.length > 0)).toBe(true);
        }),
        { numRuns: runs(3000) },
      );
    });
  });

  // ---- Dashboard value boxes and edition --------------------------------------------------------

  const HTML_BITS = [
    '<div class="section level3 value-box">',
    "<h3>",
    "</h3>",
    '<span class="value-output">',
    "</span>",
    "</div>",
    "projets suivis",
    "projets interministériels",
    "milliards d’euros de coûts actualisés",
    "durée moyenne (en années)",
    "taux d’écart calendaire moyen",
    "taux d’écart budgétaire moyen",
    "57",
    "2,62",
    "15,4 %",
    "1 234,5",
    "-3",
    "NaN",
    "1e999",
    "<p>Date d’actualisation : ",
    "Date d&rsquo;actualisation&nbsp;:",
    "février 2017",
    "juin 2099",
    "13/2017",
    "30/06/2017",
    "</p>",
    '<script type="application/json" data-for="htmlwidget-1">',
    "</script>",
    '{"x":{"data":[["A","B"],["MI","MJ"]],"container":"',
    "<th>Projet<\\/th>",
    "<th>Ministère porteur<\\/th>",
    '"}}',
    "[",
    "]",
    "{",
    "}",
    '"',
    ",",
    "<",
    ">",
    "&",
    "&#x",
    "&#",
    ";",
    "<!--",
    "-->",
    "\u0000",
  ];
  const html = fc.array(fc.oneof(fc.constantFrom(...HTML_BITS), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join(""));

  describe("dashboard page parsers", () => {
    it("value boxes, headline figures and the edition keep to their types", () => {
      fc.assert(
        fc.property(html, (page) => {
          const boxes = readValueBoxes(page);
          for (const [label, value] of Object.entries(boxes)) expect(typeof label === "string" && typeof value === "string").toBe(true);
          expectHeadline(headlineFigures(boxes));
          const edition = readEditionText(page);
          expect(edition === null || edition.length > 0).toBe(true);
          const id = parseEdition(page);
          expect(id === null || EDITION.test(id)).toBe(true);
          expect(typeof decodeEntities(page)).toBe("string");
        }),
        { numRuns: runs(3000) },
      );
    });

    it("headlineFigures reads any label and any text as null or a finite number", () => {
      const labels = fc.constantFrom(
        "projets suivis",
        "projets interministériels",
        "milliards d'euros",
        "durée moyenne",
        "taux d'écart calendaire moyen",
        "taux d'écart budgétaire moyen",
        "autre",
      );
      fc.assert(
        fc.property(fc.dictionary(labels, fc.oneof(fc.string(), fc.constantFrom(...HTML_BITS))), fc.string(), (boxes, s) => {
          expectHeadline(headlineFigures(boxes));
          const n = frenchNumber(s);
          expect(n === null || Number.isFinite(n)).toBe(true);
          const r = rate(s);
          expect(r === null || Number.isFinite(r)).toBe(true);
        }),
        { numRuns: runs(3000) },
      );
    });

    it("readDashboard returns typed rows or a PanoramaError, for scrambled pages and for widgets holding any JSON", () => {
      const widget = fc
        .tuple(
          fc.array(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 3 }),
          fc.array(fc.constantFrom("Projet", "Ministère porteur", "Coût", "<b>x</b>", ""), { minLength: 2, maxLength: 3 }),
        )
        .map(
          ([data, headers]) =>
            `<script type="application/json" data-for="htmlwidget-9">${JSON.stringify({ x: { data, container: headers.map((h) => `<th>${h}</th>`).join("") } }).replaceAll("</", "<\\/")}</script>`,
        );
      fc.assert(
        fc.property(fc.oneof(html, widget), (page) => {
          const result = typed(() => readDashboard(page, "fuzz.html"));
          if (result instanceof PanoramaError) {
            expect(result.place.file).toBe("fuzz.html");
            return;
          }
          expectSheet(result.sheet);
          expectHeadline(result.page.headline);
          expect(result.page.edition === null || EDITION.test(result.page.edition)).toBe(true);
        }),
        { numRuns: runs(2000) },
      );
    });
  });

  // ---- CSV ----------------------------------------------------------------------------------------

  const CSV_BITS = [";", ",", "\t", '"', '""', "\r\n", "\n", "\r", " ", "Nom du projet", "é", "\u00e9".normalize("NFD"), "\ufeff", "\u0092", "€"];
  const csvText = fc.array(fc.oneof(fc.constantFrom(...CSV_BITS), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((p) => p.join(""));

  describe("CSV reader", () => {
    it("parseCsv and readCsv give numbered records of text, trimmed of blank cells, or a PanoramaError naming the file", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            csvText.map((t) => new TextEncoder().encode(t)),
            fc.uint8Array({ maxLength: 400 }),
          ),
          (bytes) => {
            const text = decodeText(bytes);
            expect([",", ";", "\t"]).toContain(detectDelimiter(text));
            for (const result of [typed(() => readCsv(bytes, "fuzz.csv")), typed(() => parseCsv(text, "fuzz.csv"))]) {
              if (result instanceof PanoramaError) {
                expect(result.place.file).toBe("fuzz.csv");
                continue;
              }
              expectSheet(result);
              for (const row of result.rows) {
                expect(row.row).toBeGreaterThanOrEqual(1);
                expect(row.cells.length).toBeGreaterThan(0);
                expect(row.cells.every((c) => typeof c === "string")).toBe(true);
                expect(String(row.cells[row.cells.length - 1]).trim()).not.toBe("");
              }
            }
          },
        ),
        { numRuns: runs(3000) },
      );
    });
  });

  // ---- Whole files: any bytes, and mutations of valid files of every format ----------------------

  describe("whole files", () => {
    it("sniffFormat and readSource on any bytes: a format and typed sheets, or a PanoramaError", () => {
      const magic = fc.constantFrom(
        [],
        [0x50, 0x4b, 0x03, 0x04],
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
        [0xef, 0xbb, 0xbf],
        [0xff, 0xfe],
        [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e],
      );
      fc.assert(
        fc.property(magic, fc.uint8Array({ maxLength: 600 }), fc.constantFrom("a.csv", "a.xlsx", "a.ods", "a.xls", "a.html", "a"), (head, tail, name) => {
          const bytes = Uint8Array.from([...head, ...tail]);
          const sniffed = typed(() => sniffFormat(bytes, name));
          if (!(sniffed instanceof PanoramaError)) expect(SOURCE_FORMATS).toContain(sniffed.format);
          expectReadResult(typed(() => readSource(bytes, name)));
        }),
        { numRuns: runs(1500) },
      );
    });

    itReadsMutations(runs(300));

    it("the zip inspection on mutated containers: a summary within the limits or a PanoramaError", () => {
      const base = FILES["edition.xlsx"];
      fc.assert(
        fc.property(mutated(base), (bytes) => {
          const entries = readCentralDirectory(bytes);
          expect(entries === null || Array.isArray(entries)).toBe(true);
          const summary = typed(() => checkZip(bytes, "fuzz.xlsx", "XLSX workbook"));
          if (!(summary instanceof PanoramaError)) {
            expect(summary.uncompressedBytes).toBe(summary.entries.reduce((s, e) => s + e.uncompressedSize, 0));
          }
        }),
        { numRuns: runs(2000) },
      );
    });
  });

  // An ODS is read in a child process (loaders/read/sheetjs.ts), about 0,2 s each: fewer runs.
  describeDamagedXml(
    [
      ["XLSX", "edition.xlsx", "xl/worksheets/sheet1.xml", runs(300)],
      ["XLSX styles", "edition.xlsx", "xl/styles.xml", runs(300)],
      ["XLSX content types", "edition.xlsx", "[Content_Types].xml", runs(300)],
      ["XLSX workbook part", "edition.xlsx", "xl/workbook.xml", runs(300)],
      ["ODS", "edition.ods", "content.xml", runs(100)],
    ],
    damagedSeed,
  );
}
