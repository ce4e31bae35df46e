// Broken files through `panorama ingest`: each one fails with a clear message
// (where, what was expected, what to do), exit code 1, no stack trace, and the
// previous outputs stay byte-identical. Files that are odd but readable load,
// with a warning.

import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TABLES } from "../../loaders/schema.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { expectUnchanged, GOOD_PAGE, hostile, makeZip, previousOutputs, workbook, type Row } from "../fixtures/hostile/support.js";

const HEADER: Row = ["Ministère porteur", "Ministère nom complet", "Nom du projet", "Coût estimé", "Phase du projet en cours"];
const PROJECTS: Row[] = [
  ["MI", "Ministère de l'Intérieur", "ALPHA", "12,5", "Déploiement"],
  ["MJ", "Ministère de la Justice", "BÊTA", 4, "Cadrage"],
  ["MEF", "Ministère de l'Économie", "GAMMA", 30, "Terminé"],
];
const xlsx = workbook([HEADER, ...PROJECTS]);
const ods = workbook([HEADER, ...PROJECTS], "ods");
const xls = workbook([HEADER, ...PROJECTS], "biff8");

/** The XLSX with the compressed bytes of its sheet overwritten: the zip directory is intact, the data is not. */
function corruptSheetData(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const at = out.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04])]), 0);
  for (let i = at; i >= 0; i = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), i + 4)) {
    const nameLength = out.readUInt16LE(i + 26);
    if (!out.subarray(i + 30, i + 30 + nameLength).equals(name)) continue;
    const start = i + 30 + nameLength + out.readUInt16LE(i + 28);
    out.fill(0xff, start, start + Math.min(16, out.readUInt32LE(i + 18)));
    return out;
  }
  throw new Error("no sheet entry");
}

/** The ODS with the signature of its first central directory entry broken. */
function brokenDirectory(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  out.writeUInt32LE(0x12345678, out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
  return out;
}

const HTML_ERROR_PAGE =
  "<!DOCTYPE html><html><head><title>404</title></head><body><h1>Page introuvable</h1><p>Cette ressource n'existe plus.</p></body></html>";

let dir: string;
let out: string;
beforeEach(async () => {
  dir = await tempDir("panorama-broken-");
  out = join(dir, "out");
});
afterEach(async () => {
  await removeDir(dir);
});

async function put(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** A file given by path (fixture) or content (generated), under the name it is ingested as. */
type Source = { fixture: string } | { name: string; content: () => string | Uint8Array };
const sourceName = (s: Source) => ("fixture" in s ? s.fixture : s.name);
const sourcePath = async (s: Source) => ("fixture" in s ? hostile(s.fixture) : put(s.name, s.content()));

describe("a broken file is refused with a clear message, and no output changes", () => {
  it.each<[string, Source, RegExp[]]>([
    [
      "empty file (0 bytes)",
      { name: "vide.csv", content: () => "" },
      [/the file is empty \(0 bytes\); expected a CSV, XLSX, XLS or ODS spreadsheet or a Panorama dashboard page/, /download it again/],
    ],
    ["only whitespace", { name: "blanc.csv", content: () => " \r\n\t\n  " }, [/the file is empty \(only whitespace\)/]],
    [
      "truncated XLSX",
      { name: "tronque.xlsx", content: () => xlsx.subarray(0, Math.floor(xlsx.length / 2)) },
      [
        /the XLSX workbook cannot be read \(damaged zip archive: no end of central directory, the file is truncated/,
        /Delete the cached copy and download it again/,
      ],
    ],
    [
      "XLSX whose compressed sheet is corrupt",
      { name: "corrompu.xlsx", content: () => corruptSheetData(xlsx) },
      [/the XLSX workbook cannot be read \(damaged zip archive: entry "xl\/worksheets\/sheet1\.xml" does not inflate/],
    ],
    ["truncated ODS", { name: "tronque.ods", content: () => ods.subarray(0, ods.length - 40) }, [/the ODS workbook cannot be read \(damaged zip archive/]],
    [
      "ODS whose zip directory is broken",
      { name: "repertoire.ods", content: () => brokenDirectory(ods) },
      [/the ODS workbook cannot be read \(damaged zip archive: central directory entry 1 of \d+ is missing or broken/],
    ],
    ["truncated XLS", { name: "tronque.xls", content: () => xls.subarray(0, 1500) }, [/the XLS workbook cannot be read/]],
    [
      "HTML error page saved as .xlsx",
      { name: "2099-02.xlsx", content: () => HTML_ERROR_PAGE },
      [
        /no project table in the dashboard page/,
        /no DT table widget was found/,
        /Note: file 2099-02\.xlsx is actually HTML, not XLSX as its extension says/,
        /download it again/,
      ],
    ],
    ["PDF saved as .csv", { name: "projets.csv", content: () => "%PDF-1.7\n1 0 obj\n" }, [/the content is a PDF file, not a CSV/]],
    [
      "zip that is no spreadsheet, saved as .xlsx",
      { name: "archive.xlsx", content: () => makeZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }]) },
      [/a zip archive but neither an XLSX nor an ODS spreadsheet \(entries: word\/document\.xml\)/],
    ],
    [
      "dashboard page without the project table widget",
      { fixture: "page-no-table.html" },
      [
        /no project table in the dashboard page: expected an htmlwidget/,
        /the tables found have headers \[Zone fonctionnelle, Nombre de projets\]/,
        /Check that the file is a Panorama dashboard page/,
      ],
    ],
    [
      "dashboard page whose widget JSON is malformed",
      { fixture: "page-malformed-json.html" },
      [/no project table in the dashboard page/, /widget JSON that cannot be parsed: htmlwidget-cc: /],
    ],
    [
      "no recognizable header row",
      { fixture: "no-header.csv" },
      [
        /no header row found in the first 30 rows; first row: "Identifiant" \(closest known: "[^"]+"\), "Libellé"/,
        /A new header variant is one more entry in HEADER_ALIASES/,
        /expected at least "Nom du projet" and "Ministère porteur"/,
      ],
    ],
    ["missing project name column", { fixture: "missing-name.csv" }, [/row 1: this header row lacks the required column\(s\) "Nom du projet"/]],
    [
      "missing ministry column",
      { fixture: "missing-ministry.csv" },
      [/row 1: this header row lacks the required column\(s\) "Ministère porteur"/, /"Ministre" \(closest known: "Ministère"\)/],
    ],
    [
      "header and no project row",
      { fixture: "header-only.csv" },
      [/the project table has a header but no project rows/, /an edition lists dozens of projects/],
    ],
    ["unclosed quote", { fixture: "unclosed-quote.csv" }, [/row 2: a quoted cell opened in this record is never closed/, /Fix the quoting in the source file/]],
  ])("%s", async (_, source, messages) => {
    const before = await previousOutputs(out);
    const path = await sourcePath(source);
    const run = await runCli(["ingest", path, "--edition", "2099-02", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toMatch(/^panorama: error: edition 2099-02, file [^\n]+: /);
    expect(run.err).toContain(sourceName(source));
    for (const message of messages) expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/\n\s+at /);
    await expectUnchanged(out, before);
  });

  it("prints the stack trace only with --debug", async () => {
    const path = await put("vide.csv", "");
    const run = await runCli(["ingest", path, "--edition", "2099-02", "--out", out, "--debug"]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\n\s+at /);
  });

  it("one broken file among good ones: nothing is written", async () => {
    const before = await previousOutputs(out);
    const broken = await put("tronque.xlsx", xlsx.subarray(0, 300));
    const run = await runCli(["ingest", GOOD_PAGE, broken, "--edition", "2021-11", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/tronque\.xlsx/);
    await expectUnchanged(out, before);
  });
});

describe("odd but readable files load, with a warning where something is left out", () => {
  it("a header row that is not the first row: title rows are skipped, rows keep their source numbers", async () => {
    const run = await runCli(["ingest", hostile("header-row-4.csv"), "--edition", "2099-02", "--out", out]);
    expect(run.code, run.err).toBe(0);
    const rows = await queryDuckdb(join(out, "panorama.duckdb"), "SELECT name, cost_meur, phase, source_row FROM projects ORDER BY source_row");
    expect(rows).toEqual([
      { name: "ALPHA", cost_meur: 12.5, phase: "Déploiement", source_row: 5 },
      { name: "BÊTA", cost_meur: 4, phase: "Cadrage", source_row: 6 },
    ]);
  });

  it("unknown extra columns are kept out of the contract and listed as warnings", async () => {
    const run = await runCli(["ingest", hostile("extra-columns.csv"), "--edition", "2099-02", "--out", out]);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toMatch(/^warning: 2099-02: unknown column "Commentaire interne" \(closest known: "[^"]+"\)$/m);
    expect(run.err).toMatch(/^warning: 2099-02: unknown column "Note DSI" \(closest known: "[^"]+"\)$/m);
    const db = join(out, "panorama.duckdb");
    const columns = await queryDuckdb(db, "DESCRIBE projects");
    expect(columns.map((c) => c.column_name)).toEqual(TABLES.projects.map((c) => c.name));
    expect(await queryDuckdb(db, "SELECT name, cost_meur FROM projects ORDER BY name")).toEqual([
      { name: "ALPHA", cost_meur: 12.5 },
      { name: "BÊTA", cost_meur: 4 },
    ]);
    const text = JSON.stringify(await queryDuckdb(db, "SELECT * FROM projects"));
    expect(text).not.toMatch(/à revoir|3\/5/);
  });

  it.each<[string, () => Uint8Array | Promise<Buffer>, string, RegExp]>([
    [
      "XLSX saved as .csv",
      () => xlsx,
      "projets.csv",
      /^warning: 2099-02: projets\.csv: file projets\.csv is actually XLSX, not CSV as its extension says: read as XLSX\.$/m,
    ],
    ["ODS saved as .xlsx", () => ods, "projets.xlsx", /file projets\.xlsx is actually ODS, not XLSX as its extension says/],
    ["dashboard page saved as .xlsx", () => readFile(GOOD_PAGE), "page.xlsx", /file page\.xlsx is actually HTML, not XLSX as its extension says/],
  ])("%s: read by its content, with a warning", async (_, content, name, warning) => {
    const path = await put(name, await content());
    const edition = name === "page.xlsx" ? "2021-11" : "2099-02";
    const run = await runCli(["ingest", path, "--edition", edition, "--out", out]);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toMatch(warning);
    const count = await queryDuckdb(join(out, "panorama.duckdb"), "SELECT count(*)::INTEGER AS n FROM projects");
    expect(count).toEqual([{ n: 3 }]);
  });

  it("a file named after another edition's page is checked against the edition it states", async () => {
    const page = join(dir, "2099-02.html");
    await copyFile(GOOD_PAGE, page);
    const run = await runCli(["ingest", page, "--edition", "2099-02", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/edition 2099-02, file 2099-02\.html: the page states the edition ".*novembre 2021" \(2021-11\) but 2099-02 was expected/);
  });
});
