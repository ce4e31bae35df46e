// Bad values through `panorama ingest` and DuckDB read-back: each unreadable
// value is left empty in `projects` and becomes one `anomalies` row (edition,
// file, row, column, value, problem); the load goes on.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as XLSX from "xlsx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DUPLICATE_PROBLEM, LONG_CELL_PROBLEM, MISSING_NAME_PROBLEM } from "../../loaders/normalize/sheet.js";
import { readSource } from "../../loaders/read/index.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { hostile, workbook, type Row } from "../fixtures/hostile/support.js";

let dir: string;
let out: string;
beforeEach(async () => {
  dir = await tempDir("panorama-bad-values-");
  out = join(dir, "out");
});
afterEach(async () => {
  await removeDir(dir);
});

async function ingest(path: string, edition = "2099-02"): Promise<string> {
  const run = await runCli(["ingest", path, "--edition", edition, "--out", out]);
  expect(run.err).not.toMatch(/error/);
  expect(run.code).toBe(0);
  return join(out, "panorama.duckdb");
}

const anomalies = (db: string) =>
  queryDuckdb(db, `SELECT edition, source_file, source_row, "column", value, problem FROM anomalies ORDER BY source_row, "column"`);

describe("bad values in a CSV edition", () => {
  const COST = "Coût estimé";
  const DURATION = "Durée prévisionnelle en année";
  const START = "Début";

  it("each becomes an anomaly row, with its edition, file, row, column, value and problem", async () => {
    const db = await ingest(hostile("bad-values.csv"));
    const row = (source_row: number, column: string, value: string, problem: string) => ({
      edition: "2099-02",
      source_file: "bad-values.csv",
      source_row,
      column,
      value,
      problem,
    });
    expect(await anomalies(db)).toEqual([
      row(3, COST, "beaucoup", "not a number"),
      row(4, COST, "-5", "negative cost"),
      row(5, COST, "250 000", "absurd cost (over 10 000 M€)"),
      row(6, COST, "#DIV/0!", "not a number"),
      row(7, COST, "12,5,3", "not a number"),
      row(8, DURATION, "75", "duration over 50 years"),
      row(9, DURATION, "-1", "negative duration"),
      row(10, DURATION, "trois ans", "not a number"),
      row(11, START, "01/01/1985", "date out of range 1990–2050"),
      row(12, START, "2061-01-01", "date out of range 1990–2050"),
      row(13, START, "31/02/2015", "invalid date"),
      row(14, "Phase du projet en cours", "Maintenance", "unknown phase"),
      row(16, "Nom du projet", "ALPHA", DUPLICATE_PROBLEM),
      row(17, "Nom du projet", "", MISSING_NAME_PROBLEM),
      row(18, "Projet interministériel", "Peut-être", "not a yes/no value"),
      row(19, "Date de publication", "pas encore", "not a date"),
    ]);
  });

  it("keeps every named row, with the bad value left empty and the others read", async () => {
    const db = await ingest(hostile("bad-values.csv"));
    const projects = await queryDuckdb(
      db,
      "SELECT source_row, cost_meur, duration_years, start_date, phase, interministerial FROM projects ORDER BY source_row",
    );
    // Row 15 is blank, row 17 has no name: 16 projects out of 18 records.
    expect(projects.map((p) => p.source_row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 19]);
    const at = (n: number) => projects.find((p) => p.source_row === n)!;
    expect(at(2)).toEqual({ source_row: 2, cost_meur: 12.5, duration_years: 3.5, start_date: "2013-07-01", phase: "Déploiement", interministerial: true });
    expect(at(4)).toMatchObject({ cost_meur: null, duration_years: 2, start_date: "2014-01-01" });
    expect(at(8)).toMatchObject({ cost_meur: 3, duration_years: null });
    expect(at(11)).toMatchObject({ start_date: null, cost_meur: 3 });
    expect(at(14)).toMatchObject({ phase: null, cost_meur: 3 });
    expect(at(18)).toMatchObject({ interministerial: null });
  });

  it("keeps both rows of a duplicate project, with distinct keys", async () => {
    const db = await ingest(hostile("bad-values.csv"));
    const alpha = await queryDuckdb(db, "SELECT source_row, project_key FROM projects WHERE name = 'ALPHA' ORDER BY source_row");
    expect(alpha.map((a) => a.source_row)).toEqual([2, 16]);
    expect(new Set(alpha.map((a) => a.project_key)).size).toBe(2);
  });

  it("the CLI summary counts the anomalies", async () => {
    const run = await runCli(["ingest", hostile("bad-values.csv"), "--edition", "2099-02", "--out", out]);
    expect(run.out).toMatch(/^2099-02 {2}16 rows {2}total cost 42\.5 M€ {2}16 anomalies {2}\(spreadsheet\)$/m);
  });
});

describe("formulas and merged cells in an XLSX edition", () => {
  const HEADER: Row = ["Ministère porteur", "Nom du projet", "Description et objectifs du projet", "Coût estimé", "Phase du projet en cours"];
  const rows: Row[] = [
    HEADER,
    ["MI", "ALPHA", "Cache", 0, "Déploiement"], // 2: formula with a cached value
    ["MI", "BÊTA", "Erreur", 0, "Cadrage"], // 3: formula whose cached value is an error
    ["MI", "GAMMA", "Sans valeur", 0, "Cadrage"], // 4: formula never computed
    ["MJ", '=HYPERLINK("https://exemple.org","clic")', "=1+1", 4, "Cadrage"], // 5: text that looks like a formula
    ["MJ", "EPSILON", "Nom calculé", 5, "Cadrage"], // 6: the name is a formula
    ["MEF", "ZÊTA", "Ministère fusionné", 6, "Cadrage"], // 7–8: ministry merged over two rows
    [null, "ÊTA", "Sous la fusion", 7, "Cadrage"],
    ["MSS", "THÊTA", "Nom fusionné", 8, "Cadrage"], // 9–10: name merged over two rows
    ["MSS", null, "Sous la fusion", 9, "Cadrage"],
  ];
  const bytes = () =>
    workbook(rows, "xlsx", (sheet) => {
      sheet.D2 = { t: "n", v: 12.5, f: "10+2.5" };
      sheet.D3 = { t: "e", v: 0x07, f: "1/0" };
      sheet.D4 = { t: "n", f: 'WEBSERVICE("https://exemple.org")' } as XLSX.CellObject;
      sheet.B6 = { t: "s", v: "EPSILON", f: 'CONCAT("EPS","ILON")' };
      sheet["!merges"] = [XLSX.utils.decode_range("A7:A8"), XLSX.utils.decode_range("B9:B10")];
    });

  it("formulas give their cached value, never their text; errors and missing values are anomalies or empty", async () => {
    const path = join(dir, "formules.xlsx");
    await writeFile(path, bytes());
    const db = await ingest(path);
    const projects = await queryDuckdb(db, "SELECT source_row, name, ministry_published, description, cost_meur FROM projects ORDER BY source_row");
    expect(projects).toEqual([
      { source_row: 2, name: "ALPHA", ministry_published: "MI", description: "Cache", cost_meur: 12.5 },
      { source_row: 3, name: "BÊTA", ministry_published: "MI", description: "Erreur", cost_meur: null },
      { source_row: 4, name: "GAMMA", ministry_published: "MI", description: "Sans valeur", cost_meur: null },
      // Text that looks like a formula stays text (the downloads neutralize it, see export.test.ts).
      { source_row: 5, name: '=HYPERLINK("https://exemple.org","clic")', ministry_published: "MJ", description: "=1+1", cost_meur: 4 },
      { source_row: 6, name: "EPSILON", ministry_published: "MJ", description: "Nom calculé", cost_meur: 5 },
      { source_row: 7, name: "ZÊTA", ministry_published: "MEF", description: "Ministère fusionné", cost_meur: 6 },
      // A merged area shows its value in each of its cells, as in a spreadsheet program.
      { source_row: 8, name: "ÊTA", ministry_published: "MEF", description: "Sous la fusion", cost_meur: 7 },
      { source_row: 9, name: "THÊTA", ministry_published: "MSS", description: "Nom fusionné", cost_meur: 8 },
      { source_row: 10, name: "THÊTA", ministry_published: "MSS", description: "Sous la fusion", cost_meur: 9 },
    ]);
    expect(await anomalies(db)).toEqual([
      { edition: "2099-02", source_file: "formules.xlsx", source_row: 3, column: "Coût estimé", value: "#DIV/0!", problem: "not a number" },
      // A name merged over two rows lists the project twice: said, not hidden.
      { edition: "2099-02", source_file: "formules.xlsx", source_row: 10, column: "Nom du projet", value: "THÊTA", problem: DUPLICATE_PROBLEM },
    ]);
  });

  it("the CLI says which merged areas it expanded", async () => {
    const path = join(dir, "formules.xlsx");
    await writeFile(path, bytes());
    const run = await runCli(["ingest", path, "--edition", "2099-02", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`formules.xlsx: sheet "Projets": merged cells A7:A8, B9:B10 read as their first cell's value in each cell they cover`);
  });
});

describe("merged cells in XLSX and ODS editions", () => {
  const HEADER: Row = ["Ministère porteur", "Nom du projet", "Coût estimé", "Phase du projet en cours"];
  const rows: Row[] = [
    ["Panorama des grands projets numériques de l'État", null, null, null], // 1: a title merged over the columns
    HEADER,
    ["Intérieur", "ALPHA", 10, "Cadrage"], // 3–6: ministry merged over four rows, one of them blank
    [null, "BÊTA", 20, "Conception"],
    [null, null, null, null],
    [null, "GAMMA", "Chiffres non publiés", null], // 6: a note merged over cost and phase
  ];
  const merges = ["A1:D1", "A3:A6", "C6:D6"];

  it.each(["xlsx", "ods"] as const)("%s: every row under a merged ministry has it; blank rows stay out; the title row is not the header", async (bookType) => {
    const path = join(dir, `fusions.${bookType}`);
    await writeFile(
      path,
      workbook(rows, bookType, (sheet) => (sheet["!merges"] = merges.map((m) => XLSX.utils.decode_range(m)))),
    );
    const db = await ingest(path);
    expect(await queryDuckdb(db, "SELECT source_row, ministry_published, name, cost_meur, figures_withheld FROM projects ORDER BY source_row")).toEqual([
      { source_row: 3, ministry_published: "Intérieur", name: "ALPHA", cost_meur: 10, figures_withheld: false },
      { source_row: 4, ministry_published: "Intérieur", name: "BÊTA", cost_meur: 20, figures_withheld: false },
      { source_row: 6, ministry_published: "Intérieur", name: "GAMMA", cost_meur: null, figures_withheld: true },
    ]);
  });

  it("pads a shorter row up to a merged area, with blanks", () => {
    const rows: Row[] = [
      ["Ministère porteur", "Nom du projet", "Coût estimé", "Phase du projet en cours"],
      ["Intérieur", "ALPHA", 10, "Cadrage"],
      ["Intérieur", "BÊTA"],
    ];
    const [sheet] = readSource(
      workbook(rows, "xlsx", (s) => (s["!merges"] = [XLSX.utils.decode_range("D2:D3")])),
      "court.xlsx",
    ).sheets;
    expect(sheet!.rows[2]!.cells).toEqual(["Intérieur", "BÊTA", null, "Cadrage"]);
    expect(Object.keys(sheet!.rows[2]!.cells)).toEqual(["0", "1", "2", "3"]);
  });

  it("clips a merged area as large as the format allows to the sheet", async () => {
    const path = join(dir, "immense.xlsx");
    await writeFile(
      path,
      workbook(
        [HEADER, ["Intérieur", "ALPHA", 10, "Cadrage"], [null, "BÊTA", 20, "Cadrage"]],
        "xlsx",
        (sheet) => (sheet["!merges"] = [XLSX.utils.decode_range("A2:XFD1048576")]),
      ),
    );
    const db = await ingest(path);
    expect(await queryDuckdb(db, "SELECT name, ministry_published, cost_meur FROM projects ORDER BY source_row")).toEqual([
      { name: "ALPHA", ministry_published: "Intérieur", cost_meur: 10 },
      { name: "BÊTA", ministry_published: "Intérieur", cost_meur: 20 },
    ]);
  });

  it("refuses overlapping merged areas, which no spreadsheet program writes, with a clear error", async () => {
    const path = join(dir, "chevauchement.xlsx");
    const many = Array.from({ length: 50 }, () => XLSX.utils.decode_range("A2:D3"));
    await writeFile(
      path,
      workbook([HEADER, ["Intérieur", "ALPHA", 10, "Cadrage"], ["Justice", "BÊTA", 20, "Cadrage"]], "xlsx", (sheet) => (sheet["!merges"] = many)),
    );
    const run = await runCli(["ingest", path, "--edition", "2099-02", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/chevauchement\.xlsx.*merged areas of the sheet overlap/s);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});

describe("a cell over the length limit", () => {
  it("is left out as an anomaly with an excerpt, and the row is kept", async () => {
    const long = `Début ${"x".repeat(40_000)}`;
    const csv = `Ministère porteur;Nom du projet;Description et objectifs du projet;Coût estimé\nMI;ALPHA;${long};12\nMJ;BÊTA;Courte;4\n`;
    const path = join(dir, "long.csv");
    await writeFile(path, csv);
    const db = await ingest(path);
    expect(await queryDuckdb(db, "SELECT name, description, cost_meur FROM projects ORDER BY source_row")).toEqual([
      { name: "ALPHA", description: null, cost_meur: 12 },
      { name: "BÊTA", description: "Courte", cost_meur: 4 },
    ]);
    const [anomaly] = await anomalies(db);
    expect(anomaly).toMatchObject({ source_row: 2, column: "Description et objectifs du projet", problem: LONG_CELL_PROBLEM });
    expect(anomaly!.value).toBe(`${long.slice(0, 200)}…`);
  });
});
