// CSV and XLSX downloads (docs/components/export.ts): formula injection is
// neutralized (a leading apostrophe), numbers stay numbers, XLSX cells are
// values, never formulas. Checked in Node and, when Chromium is installed, in
// the browser from the same source bundled for it.

import { existsSync } from "node:fs";
import { build } from "esbuild";
import fc from "fast-check";
import * as XLSX from "xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { neutralizeCell, toCsv, toXlsx, type ExportColumn } from "../../docs/components/export.js";
import { PROJECT_EXPORT_COLUMNS } from "../../docs/components/project-columns.js";
import { parseCsv } from "../../loaders/read/csv.js";
import { exportColumns, PROJECT_COLUMNS } from "../../loaders/schema.js";

const EXPORT_SOURCE = new URL("../../docs/components/export.ts", import.meta.url).pathname;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FORMULA_START = /^[=+\-@\t\r]/;

const COLUMNS: ExportColumn[] = [
  { name: "name", label: "Projet" },
  { name: "cost_meur", label: "Coût (M€)" },
  { name: "description", label: "Description, objectifs" },
  { name: "interministerial", label: "Interministériel" },
];
const HOSTILE_ROWS = [
  { name: '=HYPERLINK("https://evil.example","clic")', cost_meur: 12.5, description: 'Texte, avec "guillemets"\r\net retour', interministerial: true },
  { name: "+33 1 23 45 67 89", cost_meur: -5, description: "-2+3", interministerial: false },
  { name: "@SUM(1+1)*cmd|' /C calc'!A0", cost_meur: 0, description: "\t=1+1", interministerial: null },
  { name: "\r=cmd", cost_meur: null, description: "<script>alert(1)</script>", interministerial: null },
  { name: "PAYSAGE", cost_meur: 53.7058, description: null, interministerial: true },
];

describe("PROJECT_EXPORT_COLUMNS", () => {
  it("are the schema's columns with their export labels, in schema order", () => {
    expect(PROJECT_EXPORT_COLUMNS).toEqual(exportColumns(PROJECT_COLUMNS));
    expect(PROJECT_EXPORT_COLUMNS.map((c) => c.name)).toEqual(PROJECT_COLUMNS.map((c) => c.name).filter((n) => n !== "more_info_url" && n !== "pap_url"));
  });
});

describe("neutralizeCell", () => {
  it.each<[unknown, unknown]>([
    ["=1+1", "'=1+1"],
    ["+33 1 23", "'+33 1 23"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["=", "'="],
    ["PAYSAGE", "PAYSAGE"],
    ["l'État", "l'État"],
    ["'=déjà neutre", "'=déjà neutre"],
    [" =1+1", " =1+1"],
    ["", ""],
    [12.5, 12.5],
    [-5, -5],
    [0, 0],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [true, true],
    [false, false],
    [null, null],
    [undefined, null],
    [new Date(Date.UTC(2021, 10, 1)), "2021-11-01"],
    [{ a: "=1" }, '{"a":"=1"}'],
    [["=1"], "'=1"],
    [["https://a.gouv.fr/", "https://b.gouv.fr/x"], "https://a.gouv.fr/\nhttps://b.gouv.fr/x"],
    [[], null],
  ])("%j → %j", (value, expected) => {
    expect(neutralizeCell(value)).toEqual(expected);
  });

  it("never returns text that starts a formula, and keeps finite numbers", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.anything()), (value) => {
        const out = neutralizeCell(value);
        if (typeof out === "string") expect(FORMULA_START.test(out)).toBe(false);
        if (typeof value === "number" && Number.isFinite(value)) expect(out).toBe(value);
        expect(out === null || ["string", "number", "boolean"].includes(typeof out)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("toCsv", () => {
  it("writes RFC 4180 with ',' separators, CRLF, a UTF-8 BOM, every text cell neutralized", () => {
    expect(toCsv(HOSTILE_ROWS.slice(0, 2), COLUMNS)).toBe(
      '\uFEFFProjet,Coût (M€),"Description, objectifs",Interministériel\r\n' +
        '"\'=HYPERLINK(""https://evil.example"",""clic"")",12.5,"Texte, avec ""guillemets""\r\net retour",true\r\n' +
        "'+33 1 23 45 67 89,-5,'-2+3,false\r\n",
    );
  });

  it("reads back, through the loaders' own CSV parser, as the neutralized values", () => {
    const text = toCsv(HOSTILE_ROWS, COLUMNS);
    const sheet = parseCsv(text, "export.csv", ",");
    expect(sheet.rows[0]!.cells).toEqual(COLUMNS.map((c) => c.label));
    HOSTILE_ROWS.forEach((row, i) => {
      const expected = COLUMNS.map((c) => {
        const v = neutralizeCell((row as Record<string, unknown>)[c.name]);
        return v === null ? "" : String(v);
      });
      while (expected.length > 0 && expected[expected.length - 1] === "") expected.pop();
      expect(sheet.rows[i + 1]!.cells).toEqual(expected);
    });
  });

  it("any text round-trips to its neutralized form", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.string(), b: fc.oneof(fc.string(), fc.integer(), fc.constantFrom(" ", "=1", "\r\n", '"')) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const columns = [
            { name: "a", label: "A" },
            { name: "b", label: "B" },
          ];
          // A marker column last: the parser leaves out blank records and trailing blank cells.
          const marked = rows.map((r, i) => ({ ...r, k: `r${i}` }));
          const sheet = parseCsv(toCsv(marked, [...columns, { name: "k", label: "K" }]), "p.csv", ",");
          marked.forEach((r, i) => {
            expect(sheet.rows[i + 1]!.cells).toEqual([String(neutralizeCell(r.a)), String(neutralizeCell(r.b)), `r${i}`]);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Every cell of the first sheet, formulas included when there are any. */
function cellsOf(bytes: Uint8Array): Record<string, XLSX.CellObject> {
  const book = XLSX.read(bytes, { type: "array", cellFormula: true, dense: false });
  const sheet = book.Sheets[book.SheetNames[0]!]!;
  return Object.fromEntries(Object.entries(sheet).filter(([k]) => !k.startsWith("!"))) as Record<string, XLSX.CellObject>;
}

function expectSafeXlsx(bytes: Uint8Array): Record<string, XLSX.CellObject> {
  const cells = cellsOf(bytes);
  for (const [ref, cell] of Object.entries(cells)) {
    expect(cell.f, `${ref} has a formula`).toBeUndefined();
    if (cell.t === "s") expect(FORMULA_START.test(String(cell.v)), `${ref} starts a formula`).toBe(false);
  }
  return cells;
}

describe("toXlsx", () => {
  it("writes values, never formulas: text as text cells, numbers as numbers, hostile text prefixed", () => {
    const cells = expectSafeXlsx(toXlsx(HOSTILE_ROWS, COLUMNS));
    const value = (ref: string) => cells[ref] && { t: cells[ref]!.t, v: cells[ref]!.v };
    expect(value("A1")).toEqual({ t: "s", v: "Projet" });
    expect(value("A2")).toEqual({ t: "s", v: '\'=HYPERLINK("https://evil.example","clic")' });
    expect(value("B2")).toEqual({ t: "n", v: 12.5 });
    expect(value("D2")).toEqual({ t: "b", v: true });
    expect(value("A3")).toEqual({ t: "s", v: "'+33 1 23 45 67 89" });
    expect(value("B3")).toEqual({ t: "n", v: -5 });
    expect(value("C3")).toEqual({ t: "s", v: "'-2+3" });
    expect(value("A4")).toEqual({ t: "s", v: "'@SUM(1+1)*cmd|' /C calc'!A0" });
    expect(value("C4")).toEqual({ t: "s", v: "'\t=1+1" });
    expect(value("A5")).toEqual({ t: "s", v: "'\r=cmd" });
    expect(value("B5")).toBeUndefined();
    expect(value("C5")).toEqual({ t: "s", v: "<script>alert(1)</script>" });
    expect(value("B6")).toEqual({ t: "n", v: 53.7058 });
  });

  it("any rows give a workbook without a formula or a formula-like text cell", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.string(), b: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()) }), { maxLength: 8 }),
        (rows) => {
          const cells = expectSafeXlsx(
            toXlsx(rows, [
              { name: "a", label: "=A" },
              { name: "b", label: "B" },
            ]),
          );
          expect(cells.A1?.v).toBe("'=A");
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe.skipIf(!existsSync(CHROMIUM_PATH))(`in the browser (Chromium at ${CHROMIUM_PATH})`, () => {
  let bundle: string;
  let close: () => Promise<void>;
  let evaluate: <T>(fn: string) => Promise<T>;

  beforeAll(async () => {
    // Bundled for the browser: a node: import, or a dependency needing one, fails here.
    const result = await build({
      entryPoints: [EXPORT_SOURCE],
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "PanoramaExport",
      write: false,
      logLevel: "silent",
    });
    bundle = result.outputFiles[0]!.text;
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    const page = await browser.newPage();
    await page.setContent("<!DOCTYPE html><title>export</title>");
    await page.addScriptTag({ content: bundle });
    evaluate = (fn) => page.evaluate(fn);
    close = () => browser.close();
  }, 60_000);
  afterAll(async () => {
    await close?.();
  });

  it("the bundle needs nothing from Node", () => {
    expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
  });

  it("gives the same CSV and the same XLSX cells as in Node", async () => {
    const rows = JSON.stringify(HOSTILE_ROWS);
    const columns = JSON.stringify(COLUMNS);
    const csv = await evaluate<string>(`PanoramaExport.toCsv(${rows}, ${columns})`);
    expect(csv).toBe(toCsv(HOSTILE_ROWS, COLUMNS));
    const bytes = await evaluate<number[]>(`Array.from(PanoramaExport.toXlsx(${rows}, ${columns}))`);
    expect(expectSafeXlsx(Uint8Array.from(bytes))).toEqual(cellsOf(toXlsx(HOSTILE_ROWS, COLUMNS)));
  });
});
