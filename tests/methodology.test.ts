import { describe, expect, it } from "vitest";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { anomaliesForDisplay, dataDictionary, failureReasons, PROBLEM_LABELS, problemLabel, provenance } from "../loaders/report/methodology.js";
import { PROBLEM_TEXTS, PROBLEMS, type Problem } from "../loaders/normalize/problems.js";
import { normalizeSheet, type NormalizeContext } from "../loaders/normalize/sheet.js";
import type { Cell, RawSheet } from "../loaders/read/types.js";
import { TABLES, type EditionRow } from "../loaders/schema.js";
import { LIMITS } from "../loaders/sources/limits.js";
import { SPREADSHEET_HEADER } from "./fixtures/headers.js";

describe("dataDictionary", () => {
  it("describes every column of every table, in schema order", () => {
    const dictionary = dataDictionary();
    expect(dictionary.map((t) => t.table)).toEqual(Object.keys(TABLES));
    for (const t of dictionary) {
      expect(t.description.length).toBeGreaterThan(20);
      expect(t.columns.map((c) => c.name)).toEqual(TABLES[t.table].map((c) => c.name));
    }
  });
});

const ctx: NormalizeContext = { edition: "2018-03", sourceKind: "spreadsheet", file: "anomalies.csv" };
type Column = (typeof SPREADSHEET_HEADER)[number];
/** A row of the 2016–2018 spreadsheets: a project of the Justice ministry, with `cells` in place of its blanks. */
const project = (name: string | null, cells: Partial<Record<Column, Cell>> = {}): Cell[] =>
  SPREADSHEET_HEADER.map(
    (column) =>
      cells[column] ?? { "Ministère porteur ": "MJ", "Ministère nom complet": "Ministère de la Justice", "Nom du projet": name }[column as string] ?? null,
  );

/** For every problem, rows that make the normalizer report it once (and nothing else). */
const OCCURRENCES: Record<Problem, Cell[][]> = {
  "not-a-number": [project("A", { "Coût estimé": "douze" })],
  "not-finite": [project("A", { "Coût estimé": "1e999" })],
  "negative-cost": [project("A", { "Coût estimé": "-5" })],
  "absurd-cost": [project("A", { "Coût estimé": "20 000" })],
  "negative-duration": [project("A", { "Durée prévisionnelle en année": "-2" })],
  "duration-over-50-years": [project("A", { "Durée prévisionnelle en année": 60 })],
  "invalid-date": [project("A", { Début: "31/02/2015" })],
  "date-out-of-range": [project("A", { Début: "01/01/1980" })],
  "not-a-date": [project("A", { Début: "bientôt" })],
  "not-yes-no": [project("A", { "Projet interministériel": "Peut-être" })],
  "not-http-url": [project("A", { "En savoir plus sur le projet": "javascript:alert(1)" })],
  "unknown-phase": [project("A", { "Phase du projet en cours": "Phase 4" })],
  "duplicate-project": [project("A"), project("A")],
  "missing-name": [project("A"), project(null, { "Description et objectifs du projet": "Un projet sans nom" })],
  "cell-too-long": [project("A", { "Description et objectifs du projet": "x".repeat(LIMITS.maxCellChars + 1) })],
};

const ENGLISH = /\b(?:not|the|of|over|value|cell|missing|unknown|duplicate|invalid|negative|number|project|years|left|out|finite|absurd|cost|duration|URL)\b/i;

describe("problemLabel", () => {
  it.each(Object.entries(OCCURRENCES) as [Problem, Cell[][]][])("%s: occurs from a fixture row, and is shown in French", (problem, rows) => {
    const sheet: RawSheet = {
      file: ctx.file,
      format: "csv",
      sheetName: null,
      rows: [[...SPREADSHEET_HEADER], ...rows].map((cells, i) => ({ row: i + 1, cells })),
    };
    const { anomalies } = normalizeSheet(sheet, ctx);
    expect(anomalies.map((a) => a.problem)).toEqual([PROBLEM_TEXTS[problem]]);
    const label = anomaliesForDisplay(anomalies)[0]!.problem_label;
    expect(label).toBe(PROBLEM_LABELS[problem]);
    expect(label).not.toMatch(ENGLISH);
    expect(label).not.toMatch(/non traduit/);
  });

  it("tells every stored text from the others", () => {
    expect(new Set(PROBLEMS.map((p) => PROBLEM_TEXTS[p])).size).toBe(PROBLEMS.length);
  });

  it("keeps a text no parser writes, marked as untranslated", () => {
    expect(problemLabel("something new")).toBe("something new (message non traduit)");
  });
});

describe("failureReasons", () => {
  it.each([
    [
      "cache x: absent\n  - mirror y: absent\n  - https://h/x: request failed (fetch failed: getaddrinfo ENOTFOUND h)",
      ["absent du cache local et du miroir", "téléchargement impossible : pas d’accès au réseau lors de la construction"],
    ],
    [
      "cache x: absent\n  - https://h/x: not tried, offline (PANORAMA_OFFLINE=1)",
      ["absent du cache local et du miroir", "construction hors ligne (PANORAMA_OFFLINE) : aucun téléchargement tenté"],
    ],
    ["mirror m: refused, sha256 abc123 differs from the expected def", ["fichier trouvé mais refusé : son empreinte SHA-256 n’est pas celle attendue"]],
    ["the file holds no table.", ["le fichier n’a pas pu être obtenu ou lu (voir le message technique)"]],
  ])("%j", (message, reasons) => {
    expect(failureReasons(message)).toEqual(reasons);
  });
});

describe("provenance", () => {
  const row = (id: string, sourceUrl: string, official: string): EditionRow => ({
    edition: id,
    label: id,
    published_on: null,
    source_kind: "spreadsheet",
    source_url: sourceUrl,
    sha256: "ab",
    project_count: 3,
    official_projects: 3,
    official_interministerial: 1,
    official_cost_beur: 1,
    official_duration_years: 5,
    official_schedule_gap: null,
    official_budget_gap: null,
    official_source: official,
  });
  const e2016 = EDITIONS.find((e) => e.id === "2016-11")!;
  const [csv, xlsx, page] = e2016.sources;
  const result = provenance([row("2016-11", csv!.url!, page!.url!)], [{ edition: "2019-03", message: "cache: absent" }], EDITIONS);

  it("gives the loaded edition its format, number and the catalogued sources it did not use", () => {
    expect(result.editions[0]).toMatchObject({ edition: "2016-11", number: 1, format: "csv" });
    expect(result.editions[0]!.other_sources).toEqual([
      {
        kind: "spreadsheet",
        format: "xlsx",
        url: xlsx!.url,
        page: "https://www.data.gouv.fr/fr/datasets/panorama-des-grands-projets-si-de-letat-1/#/resources/54aa0d23-d00e-4cdd-ba33-62299b64199d",
        sha256: null,
      },
    ]);
  });

  it("gives every source a page a reader can open, the raw file staying beside it", () => {
    expect(result.editions[0]!.source_page).toBe(
      "https://github.com/DISIC/panorama/blob/4ba4069f2e376981d3d1e76743d7e066736090fb/raw-data/panorama_projets_si.csv",
    );
    expect(result.editions[0]!.official_page).toBe("https://raw.githack.com/DISIC/panorama/e3a459c74b81951af4eab6af7a630ff8b2223bbe/index.html");
    expect(result.editions[0]!.source_url).toBe(csv!.url);
  });

  it("lists an unavailable edition with its catalogued sources and a French reason", () => {
    expect(result.unavailable).toEqual([
      {
        edition: "2019-03",
        label: "mars 2019",
        number: 8,
        inferred: true,
        sources: EDITIONS.find((e) => e.id === "2019-03")!.sources.map((s) => ({
          kind: s.kind,
          format: s.format,
          url: s.url,
          page: `https://raw.githack.com/DISIC/panorama/${s.upstreamId}/index.html`,
          sha256: s.sha256,
        })),
        reader_reason: "fichier non disponible lors de la construction du site",
        reasons: ["absent du cache local et du miroir"],
        message: "cache: absent",
      },
    ]);
  });
});

describe("thresholdSummary", () => {
  it("counts published costs below 9 M€ (rows and distinct projects); unknown costs are left out", async () => {
    const { thresholdSummary } = await import("../loaders/report/methodology.js");
    const { row } = await import("./fixtures/tracking/projects.js");
    const rows = [
      row({ edition: "2016-11", name: "A", project_key: "a", cost_meur: 8.99 }),
      row({ edition: "2017-06", name: "A", project_key: "a", cost_meur: 5 }),
      row({ edition: "2017-06", name: "B", project_key: "b", cost_meur: 9 }),
      row({ edition: "2017-06", name: "C", project_key: "c", cost_meur: null }),
    ];
    expect(thresholdSummary(rows)).toEqual({ threshold_meur: 9, rows_with_cost: 3, rows_below: 2, projects_below: 1 });
  });
});

describe("dataDictionary literals", () => {
  it("names the stored values a description quotes, so that the page shows them as code", () => {
    const columns = dataDictionary().flatMap((t) => t.columns.map((c) => ({ table: t.table, ...c })));
    const at = (table: string, name: string) => columns.find((c) => c.table === table && c.name === name)!;
    expect(at("editions", "source_kind").literals).toEqual(["spreadsheet", "dashboard"]);
    expect(at("movements", "movement").literals).toEqual(["entered", "exited"]);
    expect(at("anomalies", "problem").literals).toContain("projects");
    expect(at("projects", "name").literals).toEqual([]);
  });
});
