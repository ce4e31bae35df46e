import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { PanoramaError } from "../loaders/errors.js";
import type { RawRow, RawSheet } from "../loaders/read/types.js";
import { isBinaryPart, readWorkbook, type WorkbookFormat } from "../loaders/read/workbook.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "read");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

// tests/fixtures/make-fixtures.ts writes the same workbook in the three formats.
const projects = (lastRow: RawRow): RawRow[] => [
  // Merged areas read as their first cell's value in each cell they cover.
  { row: 1, cells: Array(3).fill("Panorama des grands projets numériques de l’État") }, // merged A1:C1
  {
    row: 3,
    cells: ["Ministère porteur ", "Nom du projet", "Coût estimé", "Début", "Date de publication", "Projet interministériel", "Durée prévisionnelle en année"],
  },
  { row: 4, cells: ["SPM", "FRANCE CONNECT", "6,80", "01/07/2011", 42786, true, 6.5] }, // G4 = 2+4.5 (cached value)
  { row: 5, cells: ["MEF", "PAYSAGE", 53.02, "juillet 2013", 42786, false, 3] },
  { row: 6, cells: ["MI", "Projet fusionné", "NA", null, 42786] }, // B6:B7 merged
  { row: 7, cells: ["MI", "Projet fusionné", 12] },
  lastRow,
];
const notes: RawRow[] = [
  { row: 1, cells: ["Source : DINUM"] },
  { row: 3, cells: [null, null, "C3"] },
];

describe("readWorkbook on the fixtures", () => {
  it.each<[string, WorkbookFormat, RawRow]>([
    ["workbook.xlsx", "xlsx", { row: 9, cells: ["MC", "Dernier", "#N/A"] }],
    ["workbook.xls", "xls", { row: 9, cells: ["MC", "Dernier", "#N/A"] }],
    // SheetJS writes no error cells in ODS: the fixture has none there.
    ["workbook.ods", "ods", { row: 9, cells: ["MC", "Dernier"] }],
  ])("%s", (name, format, lastRow) => {
    const expected: RawSheet[] = [
      { file: name, format, sheetName: "Projets", rows: projects(lastRow), merged: ["A1:C1", "B6:B7"] },
      { file: name, format, sheetName: "Notes", rows: notes },
    ];
    expect(readWorkbook(fixture(name), name, format)).toEqual(expected);
  });
});

describe("readWorkbook cell values", () => {
  const sheetOf = (data: (XLSX.CellObject | undefined)[][], bookType: XLSX.BookType): RawRow[] => {
    const ws = { "!data": data, "!ref": XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: data.length - 1, c: 5 } }) } as XLSX.WorkSheet;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "S");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType }));
    return readWorkbook(bytes, "t", bookType === "biff8" ? "xls" : (bookType as WorkbookFormat))[0]!.rows;
  };

  it.each<[string, XLSX.CellObject, unknown]>([
    ["text decimal stays text", { t: "s", v: "6,80" }, "6,80"],
    ["number stays number", { t: "n", v: 53.02 }, 53.02],
    ["serial date stays a serial number", { t: "n", v: 40725, z: "dd/mm/yyyy" }, 40725],
    ["boolean stays boolean", { t: "b", v: false }, false],
    ["formula gives its cached value", { t: "n", v: 7, f: "3+4" }, 7],
    ["cached error as Excel shows it", { t: "e", v: 0x07 }, "#DIV/0!"],
    ["text is not trimmed", { t: "s", v: " NA " }, " NA "],
  ])("%s (xlsx, xls)", (_, cell, value) => {
    for (const bookType of ["xlsx", "biff8"] as const) {
      expect(sheetOf([[{ t: "s", v: "x" }, cell]], bookType)).toEqual([{ row: 1, cells: ["x", value] }]);
    }
  });

  it("reads an ODS date cell as an Excel serial number", () => {
    const rows = sheetOf([[{ t: "d", v: new Date(Date.UTC(2017, 1, 20)) }]], "ods");
    expect(rows).toEqual([{ row: 1, cells: [42786] }]);
  });

  it("keeps empty sheets, with no rows", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["a"]]), "Plein");
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), "Vide");
    const sheets = readWorkbook(new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" })), "t.xlsx", "xlsx");
    expect(sheets.map((s) => [s.sheetName, s.rows.length])).toEqual([
      ["Plein", 1],
      ["Vide", 0],
    ]);
  });
});

describe("readWorkbook errors", () => {
  const xlsx = fixture("workbook.xlsx");
  const xls = fixture("workbook.xls");
  it.each<[string, Uint8Array, WorkbookFormat, RegExp]>([
    ["truncated XLSX", xlsx.subarray(0, 4000), "xlsx", /the XLSX workbook cannot be read/],
    ["XLSX missing its last bytes", xlsx.subarray(0, xlsx.length - 30), "xlsx", /the XLSX workbook cannot be read/],
    ["truncated XLS", xls.subarray(0, 2000), "xls", /the XLS workbook cannot be read/],
    ["text given as XLSX", new TextEncoder().encode("a,b\n1,2\n"), "xlsx", /not an XLSX workbook: it does not start like a zip archive/],
    ["XLSX given as XLS", xlsx, "xls", /not an XLS workbook: it does not start like an OLE2 compound file/],
  ])("%s → PanoramaError naming the file", (_, bytes, format, message) => {
    let error: unknown;
    try {
      readWorkbook(bytes, "broken.bin", format);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PanoramaError);
    expect((error as PanoramaError).place).toEqual({ file: "broken.bin" });
    expect((error as PanoramaError).message).toMatch(/^file broken\.bin: /);
    expect((error as PanoramaError).message).toMatch(message);
  });
});

describe("isBinaryPart", () => {
  // An XLSB part cannot have its cells counted before SheetJS parses it: the workbook then goes to
  // the capped child process. The printer settings Excel saves in ordinary XLSX files do not.
  it.each([
    ["xl/worksheets/sheet1.bin", true],
    ["xl/workbook.bin", true],
    ["xl/sharedStrings.bin", true],
    ["xl/WORKSHEETS/Sheet2.BIN", true],
    ["xl/printerSettings/printerSettings1.bin", false],
    ["xl/media/image1.bin", false],
    ["xl/embeddings/oleObject1.bin", false],
    ["xl/vbaProject.bin", false],
    ["xl/worksheets/sheet1.xml", false],
  ])("%s → %s", (name, binary) => {
    expect(isBinaryPart(name)).toBe(binary);
  });
});
