import { execFile } from "node:child_process";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import * as XLSX from "xlsx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TABLES } from "../loaders/schema.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const CSV = join(FIXTURES, "editions", "edition.csv");
const PAGE = join(FIXTURES, "read", "dashboard.html");
const exec = promisify(execFile);

/** An XLSX edition with the quirks of the real 2018 file: text decimals, dd/mm/yyyy text dates, Excel serial publication dates. */
function editionXlsx(): Buffer {
  const rows = [
    [
      "Ministère porteur",
      "Ministère nom complet",
      "Nom du projet",
      "Projet interministériel",
      "Début",
      "Durée prévisionnelle en année",
      "Phase du projet en cours",
      "Coût estimé (M€)",
      "Date de publication",
    ],
    ["MEF", "Ministère de l'Économie et des Finances", "PAYSAGE", "Oui", "01/10/2014", "8,83", "Déploiement", "53,02", 43160],
    ["SPM", "Services du Premier Ministre", "FRANCE CONNECT", "Oui", "01/01/2017", "4", "Cadrage", "6,80", 43160],
    ["MSS", "Ministère des Solidarités et de la Santé", "SI-SAMU", "Non", 42736, "5,5", "Conception / Réalisation", "NA", 43160],
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Projets");
  return XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe("panorama ingest", () => {
  it("writes the contract tables from a CSV edition and prints one line per edition", async () => {
    const out = join(dir, "out");
    const run = await runCli(["ingest", CSV, "--edition", "2099-01", "--out", out]);
    expect(run.err).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^2099-01 {2}5 rows {2}total cost 59 M€ {2}6 anomalies {2}\(spreadsheet\)$/m);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(expect.arrayContaining(["anomalies.parquet", "editions.parquet", "panorama.duckdb", "projects.parquet"]));
    const db = join(out, "panorama.duckdb");
    for (const [table, columns] of Object.entries(TABLES)) {
      const described = await queryDuckdb(db, `DESCRIBE "${table}"`);
      expect(described.map((c) => [c.column_name, c.column_type])).toEqual(columns.map((c) => [c.name, c.type]));
    }
    const projects = await queryDuckdb(db, "SELECT name, cost_meur, start_date, phase, source_row FROM projects ORDER BY source_row");
    expect(projects).toEqual([
      { name: "PORTAIL TEST", cost_meur: 7, start_date: "2013-07-01", phase: "Déploiement", source_row: 2 },
      { name: "REGISTRE NATIONAL", cost_meur: 52, start_date: "2011-07-01", phase: "Expérimentation", source_row: 3 },
      { name: "PROCÉDURE PÉNALE NUMÉRIQUE", cost_meur: null, start_date: "2017-01-01", phase: "Cadrage", source_row: 4 },
      { name: "PAIE CENTRALE", cost_meur: null, start_date: "2014-07-01", phase: "Conception / Réalisation", source_row: 5 },
      { name: "SYSTÈME ÉRRONÉ", cost_meur: null, start_date: null, phase: null, source_row: 7 },
    ]);
    const byColumn = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.column).localeCompare(String(b.column));
    const anomalies = (await queryDuckdb(db, `SELECT source_row, "column", value FROM anomalies`)).sort(byColumn);
    expect(anomalies).toEqual(
      [
        { source_row: 7, column: "Coût estimé", value: "beaucoup" },
        { source_row: 7, column: "Durée prévisionnelle en année", value: "-2" },
        { source_row: 7, column: "En savoir plus sur le projet", value: "javascript:alert(1)" },
        { source_row: 7, column: "Début", value: "31/02/2015" },
        { source_row: 7, column: "Phase du projet en cours", value: "Phase 4" },
        { source_row: 7, column: "Projet interministériel", value: "Peut-être" },
      ].sort(byColumn),
    );
    const parquet = await queryDuckdb(db, `SELECT count(*)::INTEGER AS n FROM read_parquet('${join(out, "projects.parquet")}')`);
    expect(parquet).toEqual([{ n: 5 }]);
  });

  it("takes the edition from a dashboard page and its headline figures", async () => {
    const out = join(dir, "out");
    const run = await runCli(["ingest", PAGE, "--out", out]);
    expect(run.code).toBe(0);
    const editions = await queryDuckdb(join(out, "panorama.duckdb"), "SELECT * FROM editions");
    expect(editions).toEqual([
      expect.objectContaining({
        edition: "2021-11",
        label: "novembre 2021",
        source_kind: "dashboard",
        project_count: 3,
        official_projects: 3,
        official_interministerial: 2,
        official_cost_beur: 2.62,
        official_duration_years: 6.1,
        official_schedule_gap: 0.154,
        official_budget_gap: 0.135,
        official_source: "dashboard.html",
      }),
    ]);
  });

  it("takes projects from the spreadsheet and headline figures from the page of the same edition", async () => {
    const xlsx = join(dir, "edition.xlsx");
    await writeFile(xlsx, editionXlsx());
    const out = join(dir, "out");
    const run = await runCli(["ingest", xlsx, PAGE, "--edition", "2021-11", "--out", out]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const db = join(out, "panorama.duckdb");
    expect(await queryDuckdb(db, "SELECT source_kind, project_count, official_projects, published_on FROM editions")).toEqual([
      { source_kind: "spreadsheet", project_count: 3, official_projects: 3, published_on: "2018-03-01" },
    ]);
    expect(await queryDuckdb(db, "SELECT name, cost_meur, duration_years, start_date FROM projects ORDER BY source_row")).toEqual([
      { name: "PAYSAGE", cost_meur: 53.02, duration_years: 8.83, start_date: "2014-10-01" },
      { name: "FRANCE CONNECT", cost_meur: 6.8, duration_years: 4, start_date: "2017-01-01" },
      { name: "SI-SAMU", cost_meur: null, duration_years: 5.5, start_date: "2017-01-01" },
    ]);
  });

  it.each([
    [["ingest", CSV, "--out", "OUT"], /does not state its edition.*--edition YYYY-MM/],
    [["ingest", PAGE, "--edition", "2020-01", "--out", "OUT"], /states the edition .*novembre 2021.* but 2020-01 was expected/],
    [["ingest", CSV, "--edition", "2021", "--out", "OUT"], /--edition "2021" is not an edition id/, 2],
    [["ingest", join(FIXTURES, "nope.csv"), "--edition", "2021-01", "--out", "OUT"], /no such file/],
  ])("fails with a clear message: %j", async (args, message, code = 1) => {
    const out = join(dir, "out");
    const run = await runCli(args.map((a) => (a === "OUT" ? out : a)));
    expect(run.code).toBe(code);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/\n\s+at /);
    await expect(readdir(out)).rejects.toThrow();
  });

  it("keeps the previous outputs when a later ingest fails on a corrupt file", async () => {
    const out = join(dir, "out");
    expect((await runCli(["ingest", CSV, "--edition", "2099-01", "--out", out])).code).toBe(0);
    const before = await readFile(join(out, "panorama.duckdb"));
    const corrupt = join(dir, "corrupt.xlsx");
    await writeFile(corrupt, Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)]));
    const run = await runCli(["ingest", corrupt, "--edition", "2099-02", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/corrupt\.xlsx/);
    // Buffer.equals: a deep toEqual walks the 1.3 MB byte by byte (half a minute on a busy machine).
    expect((await readFile(join(out, "panorama.duckdb"))).equals(before)).toBe(true);
    expect((await readdir(out)).filter((f) => f.startsWith(".panorama-tmp"))).toEqual([]);
  });

  it("refuses a foreign file (a text file that is no edition)", async () => {
    const foreign = join(dir, "notes.csv");
    await writeFile(foreign, "a,b,c\n1,2,3\n");
    const run = await runCli(["ingest", foreign, "--edition", "2099-01", "--out", join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/notes\.csv/);
    expect(run.err).toMatch(/header/i);
  });
});

describe("panorama command line", () => {
  it.each([
    [[], 2, /Usage:/],
    [["--help"], 0, /panorama ingest <file>/],
    [["frobnicate", "--out", "x"], 2, /unknown command "frobnicate"/],
    [["ingest", "--out", "x"], 2, /at least one file/],
    [["build"], 2, /needs --out/],
    [["ingest", "a.csv", "--bogus"], 2, /bogus/],
  ])("%j exits %i", async (args, code, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(code);
    expect(`${run.out}\n${run.err}`).toMatch(message);
  });

  it("runs as a process through bin/panorama.js, with no stack trace unless --debug", async () => {
    const bin = join(import.meta.dirname, "..", "bin", "panorama.js");
    const help = await exec(process.execPath, [bin, "--help"]);
    expect(help.stdout).toMatch(/panorama build --out <dir>/);
    const missing = join(dir, "missing.csv");
    const fail = await exec(process.execPath, [bin, "ingest", missing, "--edition", "2099-01", "--out", dir]).catch((e) => e);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(/^panorama: error: file .*missing\.csv: cannot read the file: no such file\. Check the path\.\n$/);
    const debug = await exec(process.execPath, [bin, "ingest", missing, "--edition", "2099-01", "--out", dir, "--debug"]).catch((e) => e);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("builds every catalogued edition found in a mirror and skips the others with a message", async () => {
    const mirror = join(dir, "mirror");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(mirror, "dashboards"), { recursive: true });
    // A page stating November 2021, placed where the catalogue expects the 2021-11 page (its sha256 differs from the real one).
    await copyFile(PAGE, join(mirror, "dashboards", "2021-11.html"));
    const run = await runCli(["build", "--out", join(dir, "out")], { PANORAMA_MIRROR: mirror, PANORAMA_OFFLINE: "1" }, dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no edition could be loaded/);
    expect(run.err).toMatch(/2016-11/);
    expect(run.err).toMatch(/sha256/);
  });
});
