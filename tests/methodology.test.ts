import { describe, expect, it } from "vitest";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { anomaliesForDisplay, dataDictionary, failureReasons, PROBLEM_LABELS, problemLabel, provenance } from "../loaders/report/methodology.js";
import { TABLES, type EditionRow } from "../loaders/schema.js";

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

describe("problemLabel", () => {
  it.each(Object.entries(PROBLEM_LABELS))("%s → %s", (problem, label) => {
    expect(problemLabel(problem)).toBe(label);
  });
  it("keeps an unknown problem, marked as untranslated", () => {
    expect(problemLabel("something new")).toBe("something new (message non traduit)");
    expect(anomaliesForDisplay([{ edition: "2018-03", source_file: "f", source_row: 2, column: "c", value: "v", problem: "unknown phase" }])[0]!.problem_label).toBe("phase inconnue");
  });
});

describe("failureReasons", () => {
  it.each([
    ["cache x: absent\n  - mirror y: absent\n  - https://h/x: request failed (fetch failed: getaddrinfo ENOTFOUND h)", ["absent du cache local et du miroir", "téléchargement impossible : pas d’accès au réseau lors de la construction"]],
    ["cache x: absent\n  - https://h/x: not tried, offline (PANORAMA_OFFLINE=1)", ["absent du cache local et du miroir", "construction hors ligne (PANORAMA_OFFLINE) : aucun téléchargement tenté"]],
    ["mirror m: refused, sha256 abc123 differs from the expected def", ["fichier trouvé mais refusé : son empreinte SHA-256 n’est pas celle attendue"]],
    ["the file holds no table.", ["le fichier n’a pas pu être obtenu ou lu (voir le message technique)"]],
  ])("%j", (message, reasons) => {
    expect(failureReasons(message)).toEqual(reasons);
  });
});

describe("provenance", () => {
  const row = (id: string, sourceUrl: string, official: string): EditionRow => ({
    edition: id, label: id, published_on: null, source_kind: "spreadsheet", source_url: sourceUrl, sha256: "ab", project_count: 3,
    official_projects: 3, official_interministerial: 1, official_cost_beur: 1, official_duration_years: 5,
    official_schedule_gap: null, official_budget_gap: null, official_source: official,
  });
  const e2016 = EDITIONS.find((e) => e.id === "2016-11")!;
  const [csv, xlsx, page] = e2016.sources;
  const result = provenance([row("2016-11", csv!.url!, page!.url!)], [{ edition: "2019-03", message: "cache: absent" }], EDITIONS);

  it("gives the loaded edition its format, number and the catalogued sources it did not use", () => {
    expect(result.editions[0]).toMatchObject({ edition: "2016-11", number: 1, format: "csv" });
    expect(result.editions[0]!.other_sources).toEqual([{ kind: "spreadsheet", format: "xlsx", url: xlsx!.url, sha256: null }]);
  });

  it("lists an unavailable edition with its catalogued sources and a French reason", () => {
    expect(result.unavailable).toEqual([
      {
        edition: "2019-03",
        label: "mars 2019",
        number: 8,
        inferred: true,
        sources: EDITIONS.find((e) => e.id === "2019-03")!.sources.map((s) => ({ kind: s.kind, format: s.format, url: s.url, sha256: s.sha256 })),
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
