import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { readSource } from "../loaders/read/index.js";
import { sniffFormat } from "../loaders/read/sniff.js";
import type { SourceFormat } from "../loaders/schema.js";
import { thrown } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "read");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);

/** A zip archive of the given entries, stored or deflated (SheetJS's bundled CFB library). */
function zip(entries: Record<string, string>, compression = false): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(entries)) XLSX.CFB.utils.cfb_add(cfb, name, Buffer.from(content));
  return new Uint8Array(XLSX.CFB.write(cfb, { fileType: "zip", type: "buffer", compression }));
}

const ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet";

describe("sniffFormat by content", () => {
  it.each<[string, Uint8Array, SourceFormat]>([
    ["UTF-8 CSV with BOM", fixture("utf8-bom.csv"), "csv"],
    ["Windows-1252 CSV", fixture("cp1252-semicolon.csv"), "csv"],
    ["CSV with multi-line cells", fixture("multiline.csv"), "csv"],
    ["UTF-16 text", bytes(0xff, 0xfe, 0x61, 0, 0x09, 0, 0x62, 0), "csv"],
    ["XLSX", fixture("workbook.xlsx"), "xlsx"],
    ["ODS", fixture("workbook.ods"), "ods"],
    ["XLS", fixture("workbook.xls"), "xls"],
    ["dashboard page", fixture("dashboard.html"), "html"],
    ["doctype", utf8("<!DOCTYPE html>\n<html><body></body></html>"), "html"],
    ["BOM, blank lines, then <html>", utf8('\uFEFF\n  \n<html lang="fr">'), "html"],
    ["lower-case doctype after a comment", utf8("<!-- généré par R -->\n<!doctype HTML>"), "html"],
    ["XHTML with an XML prolog", utf8('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">'), "html"],
    ["htmlwidget script without a doctype", utf8('<div>\n<script type="application/json" data-for="htmlwidget-1">{}</script>'), "html"],
    ["HTML fragment that is not a page", utf8("<p>Projet</p>\n"), "csv"],
    ["ODS with a deflated mimetype entry", zip({ mimetype: ODS_TYPE, "content.xml": "<x/>" }, true), "ods"],
    ["ODS whose mimetype is not the first entry", zip({ "META-INF/manifest.xml": "<m/>", mimetype: ODS_TYPE }), "ods"],
    ["XLSX without [Content_Types].xml", zip({ "xl/workbook.xml": "<w/>" }), "xlsx"],
    ["zip with a damaged central directory, xl/ parts", fixture("workbook.xlsx").subarray(0, 4000), "xlsx"],
  ])("%s", (_, content, format) => {
    expect(sniffFormat(content, "source").format).toBe(format);
  });
});

describe("sniffFormat warnings when the extension disagrees", () => {
  it.each<[string, Uint8Array, string | null]>([
    ["workbook.xlsx", fixture("workbook.xlsx"), null],
    ["WORKBOOK.XLS", fixture("workbook.xls"), null],
    ["page.htm", fixture("dashboard.html"), null],
    ["export.txt", fixture("multiline.csv"), null],
    ["download", fixture("workbook.ods"), null],
    ["x.xlsx", fixture("dashboard.html"), "file x.xlsx is actually HTML, not XLSX as its extension says: read as HTML."],
    ["export.xls", fixture("utf8-bom.csv"), "file export.xls is actually CSV, not XLS as its extension says: read as CSV."],
    ["tableur.ods", fixture("workbook.xlsx"), "file tableur.ods is actually XLSX, not ODS as its extension says: read as XLSX."],
    ["data.csv", fixture("workbook.xls"), "file data.csv is actually XLS, not CSV as its extension says: read as XLS."],
  ])("%s", (file, content, warning) => {
    expect(sniffFormat(content, file).warning).toBe(warning);
  });
});

describe("sniffFormat errors", () => {
  it.each<[string, Uint8Array, RegExp]>([
    ["0 bytes", bytes(), /the file is empty \(0 bytes\); expected a CSV, XLSX, XLS or ODS spreadsheet or a Panorama dashboard page/],
    ["only whitespace", utf8(" \r\n\t\n"), /the file is empty \(only whitespace\)/],
    ["BOM and whitespace", bytes(0xef, 0xbb, 0xbf, 0x20, 0x0a), /the file is empty \(only whitespace\)/],
    ["NUL bytes", bytes(0x4d, 0x5a, 0x90, 0x00, 0x03), /the content is binary data, not a CSV/],
    ["control characters", utf8("a\x01b\x02c\x03d\x04"), /the content is binary data/],
    ["PDF", utf8("%PDF-1.7\n"), /the content is a PDF file/],
    ["gzip", bytes(0x1f, 0x8b, 0x08, 0x00), /the content is a gzip file/],
    [
      "DOCX",
      zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>" }),
      /a zip archive but neither an XLSX nor an ODS spreadsheet \(entries: .*word\/document\.xml/,
    ],
    [
      "ODT",
      zip({ mimetype: "application/vnd.oasis.opendocument.text", "content.xml": "<x/>" }),
      /neither an XLSX nor an ODS spreadsheet \(type application\/vnd\.oasis\.opendocument\.text\)/,
    ],
  ])("%s → PanoramaError naming the file, what was expected and what to do", (_, content, message) => {
    const error = thrown(() => sniffFormat(content, "cache/source.bin"));
    expect(error.place).toEqual({ file: "cache/source.bin" });
    expect(error.message).toMatch(/^file cache\/source\.bin: /);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/download|Check/);
  });
});

describe("readSource", () => {
  const MERGED = `sheet "Projets": merged cells A1:C1, B6:B7 read as their first cell's value in each cell they cover`;
  it.each<[string, SourceFormat, (string | null)[], boolean, string[]]>([
    ["utf8-bom.csv", "csv", [null], false, []],
    ["cp1252-semicolon.csv", "csv", [null], false, []],
    ["workbook.xlsx", "xlsx", ["Projets", "Notes"], false, [MERGED]],
    ["workbook.ods", "ods", ["Projets", "Notes"], false, [MERGED]],
    ["workbook.xls", "xls", ["Projets", "Notes"], false, [MERGED]],
    ["dashboard.html", "html", [null], true, []],
  ])("%s", (name, format, sheetNames, hasPage, warnings) => {
    const result = readSource(fixture(name), name);
    expect(result.format).toBe(format);
    expect(result.sheets.map((s) => s.sheetName)).toEqual(sheetNames);
    expect(result.sheets.every((s) => s.file === name && s.format === format && s.rows.length > 0)).toBe(true);
    expect(result.page !== null).toBe(hasPage);
    expect(result.warnings).toEqual(warnings);
  });

  it("reads a page saved as .xlsx as a page, with a warning", () => {
    const result = readSource(fixture("dashboard.html"), "2021-11.xlsx");
    expect(result.format).toBe("html");
    expect(result.page?.edition).toBe("2021-11");
    expect(result.sheets[0]!.rows).toHaveLength(4);
    expect(result.warnings).toEqual(["file 2021-11.xlsx is actually HTML, not XLSX as its extension says: read as HTML."]);
  });

  it("reads a Windows-1252 dashboard page", () => {
    const page =
      "<!DOCTYPE html><p>Date d'actualisation : <b>f\xe9vrier 2017</b></p>" +
      '<script type="application/json" data-for="htmlwidget-1">{"x":{"data":[["A"],["Minist\xe8re"]],"container":"<th>Projet</th><th>Minist\xe8re porteur</th>"}}</script>';
    const result = readSource(
      Uint8Array.from(page, (c) => c.charCodeAt(0)),
      "p.html",
    );
    expect(result.page?.editionText).toBe("février 2017");
    expect(result.sheets[0]!.rows).toEqual([
      { row: 0, cells: ["Projet", "Ministère porteur"] },
      { row: 1, cells: ["A", "Ministère"] },
    ]);
  });

  it("reports a damaged XLSX through the workbook reader", () => {
    const error = thrown(() => readSource(fixture("workbook.xlsx").subarray(0, 4000), "2018-03.xlsx"));
    expect(error.message).toMatch(/^file 2018-03\.xlsx: the XLSX workbook cannot be read/);
  });
});
