// Memory is bounded in cells for every workbook format (LIMITS.maxCells): an XLSX is counted in its
// XML before SheetJS parses it; XLS and ODS, and big or binary workbooks, are read in the capped
// child process, which stops at the same count. The 12-million-cell XLSX under a 2 GB heap is in
// cells.slow.test.ts (npm run test:hostile).

import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as XLSX from "xlsx";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LIMITS, type Limits } from "../../loaders/sources/limits.js";
import { readWorkbook } from "../../loaders/read/workbook.js";
import { countXmlElements, type XmlCounts } from "../../loaders/read/cells.js";
import { removeDir, runCli, tempDir, thrown } from "../helpers.js";
import { expectUnchanged, makeZip, previousOutputs, smallCellsXlsx, workbook, xlsxParts, type Row } from "../fixtures/hostile/support.js";

const sheetjs = createRequire(import.meta.url)("xlsx") as typeof XLSX;
const sheetjsRead = vi.spyOn(sheetjs, "read");

let dir: string;
beforeEach(async () => {
  dir = await tempDir("panorama-cells-");
  sheetjsRead.mockClear();
});
afterEach(async () => {
  await removeDir(dir);
});

const HEADER: Row = ["Ministère porteur", "Nom du projet", "Coût estimé"];
/** A table of 1 + `n` rows of 3 cells. */
const table = (n: number): Row[] => [HEADER, ...Array.from({ length: n }, (_, i) => ["MI", `PROJET ${i}`, i])];
const small = (maxCells: number, more: Partial<Limits> = {}): Limits => ({ ...LIMITS, maxCells, ...more });
const xml = (s: string) => Buffer.from(s, "utf8");
const handMade = (sheet: string) => makeZip(xlsxParts({ name: "xl/worksheets/sheet1.xml", data: xml(sheet) }));
const WORKSHEET = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

describe("an XLSX is counted before SheetJS parses it", () => {
  it("over the cell limit: refused, naming the file, the count and the limit; SheetJS never runs", () => {
    const error = thrown(() => readWorkbook(workbook(table(10)), "grand.xlsx", "xlsx", small(32)));
    expect(error.message).toBe(
      "file grand.xlsx: the workbook holds 33 cells, over the limit of 32 (maxCells) per workbook; it was not parsed. An edition has about a thousand. " +
        "Check that the file is a Panorama edition (the real ones are a few MB at most); if it is genuine, raise the limit in loaders/sources/limits.ts.",
    );
    expect(sheetjsRead).not.toHaveBeenCalled();
    expect(readWorkbook(workbook(table(10)), "grand.xlsx", "xlsx", small(33))[0]!.rows).toHaveLength(11);
  });

  it.each([
    [
      "cells with a namespace prefix",
      `${WORKSHEET.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")}<x:sheetData>`,
      (i: number) => `<x:row><x:c><x:v>${i}</x:v></x:c></x:row>`,
      "cells",
    ],
    ["empty row elements", `${WORKSHEET}<sheetData>`, (i: number) => `<row r="${i + 1}"/>`, "row elements"],
  ])("%s count too", (_, head, item, what) => {
    const body = Array.from({ length: 50 }, (_, i) => item(i)).join("");
    const error = thrown(() => readWorkbook(handMade(`${head}${body}</sheetData></worksheet>`), "x.xlsx", "xlsx", small(40)));
    expect(error.message).toContain(`the workbook holds 50 ${what}, over the limit of 40 (maxCells)`);
    expect(sheetjsRead).not.toHaveBeenCalled();
  });

  it("shared strings count, in whatever part they are", () => {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si><t>a</t></si>".repeat(50)}</sst>`;
    const parts = [
      ...xlsxParts({ name: "xl/worksheets/sheet1.xml", data: xml(`${WORKSHEET}<sheetData/></worksheet>`) }),
      { name: "xl/autre.xml", data: xml(sst) },
    ];
    expect(thrown(() => readWorkbook(makeZip(parts), "x.xlsx", "xlsx", small(40))).message).toContain("the workbook holds 50 shared strings");
  });

  it("a part in UTF-16 is counted as well as one in UTF-8", () => {
    const text = `${WORKSHEET}<sheetData>${"<row><c><v>1</v></c></row>".repeat(7)}</sheetData></worksheet>`;
    const utf8: XmlCounts = { cells: 0, rows: 0, strings: 0 };
    countXmlElements(xml(text), utf8);
    expect(utf8).toEqual({ cells: 7, rows: 7, strings: 0 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const parts = xlsxParts({ name: "xl/worksheets/sheet1.xml", data: utf16 });
    expect(thrown(() => readWorkbook(makeZip(parts), "x.xlsx", "xlsx", small(6))).message).toContain("the workbook holds 7 cells");
  });

  it("end tags, comments and look-alike names are not cells", () => {
    const counts: XmlCounts = { cells: 0, rows: 0, strings: 0 };
    countXmlElements(xml('<!-- <c> --><col min="1"/><cols/><rows/><c:chart/><sin/></c></row></si><c/><a:c>'), counts);
    // <!-- is not an element; <c> inside the comment counts (too many is safe); <c/> and <a:c> count.
    expect(counts).toEqual({ cells: 3, rows: 0, strings: 0 });
  });
});

describe("XLS and ODS are stopped at the same count", () => {
  it.each<[string, XLSX.BookType, string, Partial<Limits>]>([
    ["an XLS read in this process", "biff8", "xls", {}],
    ["an XLS read in the child process", "biff8", "xls", { isolateAboveBytes: 0 }],
    ["an ODS (always read in the child process)", "ods", "ods", {}],
  ])("%s: refused over the limit, naming the file and the limit", (_, bookType, format, more) => {
    const bytes = workbook(table(10), bookType);
    const error = thrown(() => readWorkbook(bytes, `grand.${format}`, format as "xls" | "ods", small(32, more)));
    expect(error.message).toMatch(
      new RegExp(`^file grand\\.${format}: the workbook holds more than 32 cells, over the limit of 32 \\(maxCells\\) per workbook; it was not parsed\\.`),
    );
    expect(readWorkbook(bytes, `grand.${format}`, format as "xls" | "ods", small(33, more))[0]!.rows).toHaveLength(11);
  });

  it("a workbook read in the child process gives the same sheets as in this process", () => {
    const bytes = workbook(table(20));
    expect(readWorkbook(bytes, "a.xlsx", "xlsx", small(1000, { isolateAboveBytes: 0 }))).toEqual(readWorkbook(bytes, "a.xlsx", "xlsx"));
  });

  it("an XLSX with binary parts (XLSB) is read in the child process, within the cell limit", () => {
    const bytes = workbook(table(10), "xlsb");
    expect(thrown(() => readWorkbook(bytes, "grand.xlsx", "xlsx", small(32))).message).toContain("the workbook holds more than 32 cells");
    expect(sheetjsRead).not.toHaveBeenCalled();
  });
});

describe("through panorama ingest", () => {
  it(`an XLSX of ${LIMITS.maxCells + 20} small cells (within the zip limits): exit 1, the file and the limit named, previous outputs unchanged`, async () => {
    const out = join(dir, "out");
    const before = await previousOutputs(out);
    const path = join(dir, "cellules.xlsx");
    await writeFile(path, smallCellsXlsx(LIMITS.maxCells + 20));
    const run = await runCli(["ingest", path, "--edition", "2099-05", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `panorama: error: edition 2099-05, file cellules.xlsx: the workbook holds ${LIMITS.maxCells + 20} cells, over the limit of ${LIMITS.maxCells} (maxCells) per workbook; it was not parsed. ` +
        "An edition has about a thousand. Check that the file is a Panorama edition (the real ones are a few MB at most); if it is genuine, raise the limit in loaders/sources/limits.ts.",
    );
    expect(sheetjsRead).not.toHaveBeenCalled();
    await expectUnchanged(out, before);
  });
});
