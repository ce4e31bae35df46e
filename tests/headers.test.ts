import { describe, expect, it } from "vitest";
import { closestHeader, foldHeader, HEADER_ALIASES, locateHeaderRow, matchHeader, type HeaderField } from "../loaders/normalize/headers.js";
import type { Cell, RawSheet } from "../loaders/read/types.js";
import { DASHBOARD_HEADER, SPREADSHEET_HEADER } from "./fixtures/headers.js";
import { CATASTROPHIC_MS } from "./helpers.js";

function sheet(rows: Cell[][], firstRow = 1): RawSheet {
  return { file: "test.csv", format: "csv", sheetName: null, rows: rows.map((cells, i) => ({ row: firstRow + i, cells })) };
}

describe("foldHeader", () => {
  it.each([
    ["Ministère porteur ", "ministere porteur"],
    ["  MINISTÈRE   PORTEUR", "ministere porteur"],
    ["Coût estimé (M€)", "cout estime m"],
    ["Coût (complet) estimé", "cout complet estime"],
    ["Durée prévisionnelle (années)", "duree previsionnelle annees"],
    ["Financement [programme(s)]", "financement programme s"],
    ["Projet inter-ministériel", "projet inter ministeriel"],
    ["Début\u00a0", "debut"],
  ])("%j → %j", (raw, folded) => {
    expect(foldHeader(raw)).toBe(folded);
  });
});

describe("matchHeader", () => {
  const published: [string, HeaderField][] = [
    ["Nom du projet", "name"],
    ["Projet", "name"],
    ["Ministère porteur", "ministry_published"],
    ["Ministère porteur ", "ministry_published"],
    ["Ministère nom complet", "ministry_published"],
    ["Projet interministériel", "interministerial"],
    ["Projet inter-ministériel", "interministerial"],
    ["Description et objectifs du projet", "description"],
    ["Description et objectifs", "description"],
    ["En savoir plus sur le projet", "more_info_url"],
    ["Début", "start"],
    ["Date de début", "start"],
    ["Durée prévisionnelle en année", "duration"],
    ["Durée du projet en années", "duration"],
    ["Durée prévisionnelle (années)", "duration"],
    ["Phase du projet en cours", "phase"],
    ["Phase", "phase"],
    ["Coût estimé", "cost"],
    ["Coût estimé (M€)", "cost"],
    ["Coût complet estimé", "cost"],
    ["Coût (complet) estimé", "cost"],
    ["Coût actualisé", "cost"],
    ["Coût complet actualisé (M€)", "cost"],
    ["Coût estimé par tranche", "cost_band"],
    ["Zone fonctionnelle", "functional_zone"],
    ["Zone fonctionnelle principale", "functional_zone"],
    ["Financement [programme(s)]", "financing"],
    ["Programme de financement", "financing"],
    ["Programme(s) de financement", "financing"],
    ["Lien vers les Projets Annuels de Performances", "pap_url"],
    ["Date de publication", "published_on"],
    ["COÛT ESTIMÉ", "cost"],
    ["<b>Projet</b>", "name"],
  ];
  it.each(published)("%j → %s", (raw, field) => {
    expect(matchHeader(raw)).toBe(field);
  });
  it.each([["Commentaire"], [""], ["Coût"], ["Nom du projet 2"]])("%j → null", (raw) => {
    expect(matchHeader(raw)).toBeNull();
  });
  it("every alias of the table matches its own field", () => {
    for (const [field, labels] of Object.entries(HEADER_ALIASES)) for (const label of labels) expect(matchHeader(label)).toBe(field);
  });
});

describe("closestHeader", () => {
  it.each([
    ["Cout estime en M€", "Coût estimé (M€)"],
    ["Nom projet", "Nom du projet"],
    ["Zone fonctionelle", "Zone fonctionnelle"],
  ])("%j → %j", (raw, closest) => {
    expect(closestHeader(raw)).toBe(closest);
  });
  it("stays linear on a huge header", () => {
    const start = performance.now();
    closestHeader("x".repeat(1_000_000));
    expect(performance.now() - start).toBeLessThan(CATASTROPHIC_MS);
  });
});

describe("locateHeaderRow", () => {
  it("spreadsheet header on the first row: acronym column is ministry_short, full name is ministry_published", () => {
    const located = locateHeaderRow(
      sheet([
        [...SPREADSHEET_HEADER, null, "", null],
        ["SPM", "Premier ministre", "FRANCE CONNECT"],
      ]),
    );
    expect(located?.index).toBe(0);
    expect(located?.warnings).toEqual([]);
    expect(located?.mapping.map((m) => [m.index, m.source, m.field])).toEqual([
      [0, "Ministère porteur", "ministry_short"],
      [1, "Ministère nom complet", "ministry_published"],
      [2, "Nom du projet", "name"],
      [3, "Projet interministériel", "interministerial"],
      [4, "Description et objectifs du projet", "description"],
      [5, "En savoir plus sur le projet", "more_info_url"],
      [6, "Début", "start"],
      [7, "Durée prévisionnelle en année", "duration"],
      [8, "Phase du projet en cours", "phase"],
      [9, "Coût estimé", "cost"],
      [10, "Coût estimé par tranche", "cost_band"],
      [11, "Zone fonctionnelle", "functional_zone"],
      [12, "Financement [programme(s)]", "financing"],
      [13, "Lien vers les Projets Annuels de Performances", "pap_url"],
      [14, "Date de publication", "published_on"],
    ]);
  });

  it("dashboard header: Ministère porteur alone is the published ministry", () => {
    const located = locateHeaderRow(sheet([[...DASHBOARD_HEADER], ["PNR", "Premier ministre", "Oui"]], 0));
    expect(located?.index).toBe(0);
    expect(located?.mapping.map((m) => m.field)).toEqual([
      "name",
      "ministry_published",
      "interministerial",
      "description",
      "start",
      "duration",
      "phase",
      "cost",
      "functional_zone",
      "financing",
    ]);
  });

  it("finds a header on the third row, after a title and a blank-ish row", () => {
    const located = locateHeaderRow(
      sheet([
        ["Panorama des grands projets SI de l'État", null],
        ["Projet : liste", "Mise à jour : mars 2018"],
        ["Projet", "Ministère porteur", "Coût estimé (M€)", "Notes"],
        ["PNR", "Premier ministre", "52"],
      ]),
    );
    expect(located?.index).toBe(2);
    expect(located?.mapping).toEqual([
      { index: 0, source: "Projet", field: "name", closest: null },
      { index: 1, source: "Ministère porteur", field: "ministry_published", closest: null },
      { index: 2, source: "Coût estimé (M€)", field: "cost", closest: null },
      { index: 3, source: "Notes", field: null, closest: expect.any(String) },
    ]);
  });

  it("keeps the first of two columns for one field, and warns", () => {
    const located = locateHeaderRow(sheet([["Projet", "Ministère porteur", "Coût estimé", "Coût actualisé"]]));
    expect(located?.mapping.map((m) => m.field)).toEqual(["name", "ministry_published", "cost", null]);
    expect(located?.warnings).toEqual(['duplicate column "Coût actualisé" for cost: the first one ("Coût estimé", column 3) is used']);
  });

  it.each([
    ["no ministry column", [["Projet", "Coût estimé", "Début"]]],
    ["no name column", [["Ministère porteur", "Coût estimé", "Début"]]],
    ["name and ministry only", [["Projet", "Ministère porteur"]]],
    [
      "no header at all",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["empty sheet", []],
  ])("%s → null", (_label, rows) => {
    expect(locateHeaderRow(sheet(rows as Cell[][]))).toBeNull();
  });

  it("looks no further than the first 30 rows", () => {
    const filler: Cell[][] = Array.from({ length: 30 }, (_, i) => [`ligne ${i}`]);
    expect(locateHeaderRow(sheet([...filler, [...DASHBOARD_HEADER]]))).toBeNull();
    expect(locateHeaderRow(sheet([...filler.slice(1), [...DASHBOARD_HEADER]]))?.index).toBe(29);
  });
});
