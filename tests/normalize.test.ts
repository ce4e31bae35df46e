import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PanoramaError } from "../loaders/errors.js";
import { projectSlug } from "../loaders/normalize/identity.js";
import { isKnownMinistry } from "../loaders/normalize/ministries.js";
import { normalizeSheet, type NormalizeContext } from "../loaders/normalize/sheet.js";
import type { Cell, ReadResult, RawSheet } from "../loaders/read/types.js";
import { PROJECT_COLUMNS, type AnomalyRow, type SourceFormat } from "../loaders/schema.js";
import { DASHBOARD_HEADER, SPREADSHEET_HEADER } from "./fixtures/headers.js";

function sheet(rows: Cell[][], firstRow = 1, format: SourceFormat = "xlsx"): RawSheet {
  return { file: "fixture", format, sheetName: null, rows: rows.map((cells, i) => ({ row: firstRow + i, cells })) };
}

const KEY_ORDER = PROJECT_COLUMNS.map((c) => c.name);

const byRow = <T extends { source_row: number | null }>(rows: T[]) => [...rows].sort((a, b) => (a.source_row ?? 0) - (b.source_row ?? 0));

describe("projectSlug", () => {
  it.each([
    ["FRANCE CONNECT PHASE II", "france-connect-phase-ii"],
    ["  France Connect — phase II ", "france-connect-phase-ii"],
    ["OP@LE", "op-le"],
    ['SI-Samu  (étape "Construction & Pilote")', "si-samu-etape-construction-pilote"],
    ["Réseau Interministériel de l'Etat", "reseau-interministeriel-de-l-etat"],
    ["NRP (NOUVEAU RÉSEAU DGFIP)", "nrp-nouveau-reseau-dgfip"],
  ])("%j → %j", (name, slug) => {
    expect(projectSlug(name)).toBe(slug);
  });
  it("never returns an empty key", () => {
    expect(projectSlug("???")).toMatch(/^x-[0-9a-f]{8}$/);
    expect(projectSlug("???")).not.toBe(projectSlug("!!!"));
  });
  it("caps long names", () => {
    expect(projectSlug("projet ".repeat(100)).length).toBeLessThanOrEqual(80);
  });
});

describe("normalizeSheet: spreadsheet (header on row 1, acronym + full ministry name)", () => {
  const ctx: NormalizeContext = { edition: "2018-03", sourceKind: "spreadsheet", file: "spreadsheets/2018-03.xlsx" };
  const header: Cell[] = [...SPREADSHEET_HEADER, "Zone fonctionnelle secondaire", null, ""];
  const result = normalizeSheet(
    sheet([
      header,
      [
        "SPM",
        "Services du Premier Ministre",
        "FRANCE CONNECT PHASE II",
        "Oui",
        "Un dispositif.\r\n\r\nSur deux  lignes.",
        "https://franceconnect.gouv.fr/      https://partenaires.franceconnect.gouv.fr/",
        "01/01/2017",
        "",
        "Cadrage",
        "NA",
        "",
        "Gestion et contrôle des accès",
        "Coordination du travail gouvernemental (P129)",
        "http://pap.example/DBGPGMPGM129.pdf#page=39",
        43159,
        "x",
        null,
        null,
      ],
      [
        "MEF",
        "Ministère de l'Economie et des Finances",
        "SIRHIUS",
        "Non",
        "Un SIRH.",
        "https://www.economie.gouv.fr/cisirh/",
        "01/07/2011",
        "6,8027397260274",
        "Déploiement",
        "53,02",
        "entre 20 et 100 M€",
        "Finances",
        "156",
        "En attente publication PAP 2017",
        43159,
      ],
      [
        "MI",
        "Ministère de l'Intérieur",
        "PNR",
        "Oui",
        null,
        0,
        "31/02/2015",
        "En cadrage",
        "Pilote",
        "En cadrage",
        null,
        "Sécurité intérieure",
        "176",
        "N/A",
        "2018-03-01",
      ],
      ["", null, "   "],
      ["MJ", "Ministère de la Justice", null, "Non", "Un projet sans nom"],
      ["MJ", "Ministère de la Justice", "Sirhius", "Non", "Même nom, autre ministère", null, "mars 2014", 4, "Terminé", 12.5, null, null, null, null, null],
      [null, null, "Total", null, null, null, null, null, null, "1234,5"],
      [
        "XYZ",
        "Ministère des Sports",
        "ESPORT",
        "Peut-être",
        "None",
        "javascript:alert(1)",
        "2013",
        -2,
        "Phase 4",
        "20 000",
        null,
        "NC",
        "Sport (P219)",
        null,
        null,
      ],
    ]),
    ctx,
  );

  it("maps the header row", () => {
    expect(result.headerRow).toBe(1);
    expect(result.mapping.map((m) => m.field)).toEqual([
      "ministry_short",
      "ministry_published",
      "name",
      "interministerial",
      "description",
      "more_info_url",
      "start",
      "duration",
      "phase",
      "cost",
      "cost_band",
      "functional_zone",
      "financing",
      "pap_url",
      "published_on",
      null,
    ]);
    expect(result.warnings).toEqual([
      'unknown column "Zone fonctionnelle secondaire" (closest known: "Zone fonctionnelle principale")',
      "row 8: totals row, skipped",
    ]);
    expect(result.publishedOn).toBe("2018-02-28");
  });

  it("gives golden project rows", () => {
    const common = { edition: "2018-03", source_kind: "spreadsheet", source_file: "spreadsheets/2018-03.xlsx" } as const;
    const projects = byRow(result.projects);
    expect(projects.map((p) => Object.keys(p))).toEqual(projects.map(() => KEY_ORDER));
    expect(projects).toEqual([
      {
        ...common,
        project_key: "france-connect-phase-ii",
        name: "FRANCE CONNECT PHASE II",
        ministry: "Services du Premier ministre",
        ministry_published: "Services du Premier Ministre",
        interministerial: true,
        description: "Un dispositif.\nSur deux lignes.",
        start_date: "2017-01-01",
        duration_years: null,
        phase: "Cadrage",
        figures_withheld: false,
        cost_meur: null,
        functional_zone: "Gestion et contrôle des accès",
        financing: "Coordination du travail gouvernemental (P129)",
        more_info_url: "https://franceconnect.gouv.fr/",
        more_info_urls: ["https://franceconnect.gouv.fr/", "https://partenaires.franceconnect.gouv.fr/"],
        pap_url: "http://pap.example/DBGPGMPGM129.pdf#page=39",
        pap_urls: ["http://pap.example/DBGPGMPGM129.pdf#page=39"],
        source_row: 2,
      },
      {
        ...common,
        project_key: "sirhius",
        name: "SIRHIUS",
        ministry: "Économie et Finances",
        ministry_published: "Ministère de l'Economie et des Finances",
        interministerial: false,
        description: "Un SIRH.",
        start_date: "2011-07-01",
        duration_years: 6.8027397260274,
        phase: "Déploiement",
        figures_withheld: false,
        cost_meur: 53.02,
        functional_zone: "Finances",
        financing: "156",
        more_info_url: "https://www.economie.gouv.fr/cisirh/",
        more_info_urls: ["https://www.economie.gouv.fr/cisirh/"],
        pap_url: null,
        pap_urls: [],
        source_row: 3,
      },
      {
        ...common,
        project_key: "pnr",
        name: "PNR",
        ministry: "Intérieur",
        ministry_published: "Ministère de l'Intérieur",
        interministerial: true,
        description: null,
        start_date: null,
        duration_years: null,
        phase: "Expérimentation",
        figures_withheld: false,
        cost_meur: null,
        functional_zone: "Sécurité intérieure",
        financing: "176",
        more_info_url: null,
        more_info_urls: [],
        pap_url: null,
        pap_urls: [],
        source_row: 4,
      },
      {
        ...common,
        project_key: "sirhius",
        name: "Sirhius",
        ministry: "Justice",
        ministry_published: "Ministère de la Justice",
        interministerial: false,
        description: "Même nom, autre ministère",
        start_date: "2014-03-01",
        duration_years: 4,
        phase: "Terminé",
        figures_withheld: false,
        cost_meur: 12.5,
        functional_zone: null,
        financing: null,
        more_info_url: null,
        more_info_urls: [],
        pap_url: null,
        pap_urls: [],
        source_row: 7,
      },
      {
        ...common,
        project_key: "esport",
        name: "ESPORT",
        ministry: "Ministère des Sports",
        ministry_published: "Ministère des Sports",
        interministerial: null,
        description: null,
        start_date: "2013-01-01",
        duration_years: null,
        phase: null,
        figures_withheld: false,
        cost_meur: null,
        functional_zone: null,
        financing: "Sport (P219)",
        more_info_url: null,
        more_info_urls: [],
        pap_url: null,
        pap_urls: [],
        source_row: 9,
      },
    ]);
  });

  it("gives golden anomaly rows", () => {
    const a = (source_row: number, column: string | null, value: string | null, problem: string): AnomalyRow => ({
      edition: "2018-03",
      source_file: "spreadsheets/2018-03.xlsx",
      source_row,
      column,
      value,
      problem,
    });
    expect(result.anomalies).toEqual([
      a(3, "Lien vers les Projets Annuels de Performances", "En attente publication PAP 2017", "not an http(s) URL"),
      a(4, "Début", "31/02/2015", "invalid date"),
      a(4, "En savoir plus sur le projet", "0", "not an http(s) URL"),
      a(6, "Nom du projet", null, "missing project name"),
      a(7, "Nom du projet", "Sirhius", "duplicate project in this edition"),
      a(9, "Phase du projet en cours", "Phase 4", "unknown phase"),
      a(9, "Projet interministériel", "Peut-être", "not a yes/no value"),
      a(9, "Durée prévisionnelle en année", "-2", "negative duration"),
      a(9, "Coût estimé", "20 000", "absurd cost (over 10 000 M€)"),
      a(9, "En savoir plus sur le projet", "javascript:alert(1)", "not an http(s) URL"),
    ]);
  });
});

describe("normalizeSheet: dashboard table (row 0 = header labels)", () => {
  const ctx: NormalizeContext = { edition: "2021-11", sourceKind: "dashboard", file: "dashboards/2021-11.html" };
  const result = normalizeSheet(
    sheet(
      [
        [...DASHBOARD_HEADER],
        [
          "FRANCE CONNECT",
          "Premier ministre",
          "Oui",
          'FranceConnect offre la possibilité de se connecter. (<a href="https://franceconnect.gouv.fr/" target="_blank" title="en savoir plus">en savoir plus</a>)',
          "juillet 2013",
          3.75068493150685,
          "Déploiement",
          7,
          "Gestion et contrôle des accès",
          '<a href="http://pap.example/DBGPGMPGM129.pdf#page=39" target="_blank" title="projet annuel de performance">Coordination du travail gouvernemental (P129)</a>',
        ],
        ["SIV", "Ministère de l'Intérieur", "Non", "Refonte du système.", "septembre 22", 6, "NA", 90, "Sécurité et Circulation Routières", "ANTS"],
        [
          "PNIJ NG",
          "Ministère de la Justice",
          "Non",
          "Objectifs &amp; moyens",
          "octobre 14",
          null,
          "Les données de ce projet ne sont pas publiées car un appel d'offres est en cours",
          "None",
          "Justice Pénale",
          "Programme 310",
        ],
        [
          "OP@LE",
          "Ministère de la Transition écologique et solidaire / Ministère de l'Agriculture et de l'Alimentation",
          "Non",
          null,
          "None",
          "None",
          "Conception / Réalisation",
          "12,5 M€",
          null,
          '<a href="javascript:alert(1)">Programme 217</a>',
        ],
      ],
      0,
      "html",
    ),
    ctx,
  );

  it("gives golden rows, no warning, and the javascript: link as an anomaly as in a spreadsheet", () => {
    const common = {
      edition: "2021-11",
      source_kind: "dashboard",
      source_file: "dashboards/2021-11.html",
      more_info_url: null,
      more_info_urls: [],
      pap_url: null,
      pap_urls: [],
    } as const;
    expect(result.headerRow).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(result.anomalies).toEqual([
      {
        edition: "2021-11",
        source_file: "dashboards/2021-11.html",
        source_row: 4,
        column: "Programme de financement",
        value: "javascript:alert(1)",
        problem: "not an http(s) URL",
      },
    ]);
    expect(result.publishedOn).toBeNull();
    expect(byRow(result.projects)).toEqual([
      {
        ...common,
        project_key: "france-connect",
        name: "FRANCE CONNECT",
        ministry: "Services du Premier ministre",
        ministry_published: "Premier ministre",
        interministerial: true,
        description: "FranceConnect offre la possibilité de se connecter.",
        start_date: "2013-07-01",
        duration_years: 3.75068493150685,
        phase: "Déploiement",
        figures_withheld: false,
        cost_meur: 7,
        functional_zone: "Gestion et contrôle des accès",
        financing: "Coordination du travail gouvernemental (P129)",
        more_info_url: "https://franceconnect.gouv.fr/",
        more_info_urls: ["https://franceconnect.gouv.fr/"],
        pap_url: "http://pap.example/DBGPGMPGM129.pdf#page=39",
        pap_urls: ["http://pap.example/DBGPGMPGM129.pdf#page=39"],
        source_row: 1,
      },
      {
        ...common,
        project_key: "siv",
        name: "SIV",
        ministry: "Intérieur",
        ministry_published: "Ministère de l'Intérieur",
        interministerial: false,
        description: "Refonte du système.",
        start_date: "2022-09-01",
        duration_years: 6,
        phase: null,
        figures_withheld: false,
        cost_meur: 90,
        functional_zone: "Sécurité et Circulation Routières",
        financing: "ANTS",
        source_row: 2,
      },
      {
        ...common,
        project_key: "pnij-ng",
        name: "PNIJ NG",
        ministry: "Justice",
        ministry_published: "Ministère de la Justice",
        interministerial: false,
        description: "Objectifs & moyens",
        start_date: "2014-10-01",
        duration_years: null,
        phase: null,
        figures_withheld: true,
        cost_meur: null,
        functional_zone: "Justice Pénale",
        financing: "Programme 310",
        source_row: 3,
      },
      {
        ...common,
        project_key: "op-le",
        name: "OP@LE",
        ministry: "Transition écologique",
        ministry_published: "Ministère de la Transition écologique et solidaire / Ministère de l'Agriculture et de l'Alimentation",
        interministerial: false,
        description: null,
        start_date: null,
        duration_years: null,
        phase: "Conception / Réalisation",
        figures_withheld: false,
        cost_meur: 12.5,
        functional_zone: null,
        financing: "Programme 217",
        source_row: 4,
      },
    ]);
  });
});

describe("normalizeSheet: header on row 3, repeated header, no publication date", () => {
  const ctx: NormalizeContext = { edition: "2019-03", sourceKind: "spreadsheet", file: "export.csv" };
  const result = normalizeSheet(
    sheet(
      [
        ["Panorama des grands projets numériques de l'État", null, null, null],
        ["Mise à jour : mars 2019"],
        ["Projet", "Ministère", "Coût estimé (M€)", "Phase"],
        ["ANEF", "Ministère de l'Intérieur", "1 234,5", "Déploiement"],
        ["Projet", "Ministère", "Coût estimé (M€)", "Phase"],
        ["SIV", "MI", "NA", "En cours de réexamen de la trajectoire"],
        ["TOTAL GÉNÉRAL", null, "1234,5", null],
      ],
      1,
      "csv",
    ),
    ctx,
  );

  it("finds the header row and skips repetitions and totals with a warning", () => {
    expect(result.headerRow).toBe(3);
    expect(result.warnings).toEqual(["row 5: header repeated, skipped", "row 7: totals row, skipped"]);
    expect(result.anomalies).toEqual([]);
    expect(
      byRow(result.projects).map((p) => [
        p.source_row,
        p.project_key,
        p.ministry,
        p.ministry_published,
        p.cost_meur,
        p.phase,
        p.figures_withheld,
        p.start_date,
      ]),
    ).toEqual([
      [4, "anef", "Intérieur", "Ministère de l'Intérieur", 1234.5, "Déploiement", false, null],
      [6, "siv", "Intérieur", "MI", null, null, true, null],
    ]);
  });
});

describe("normalizeSheet: unreadable header", () => {
  const ctx: NormalizeContext = { edition: "2019-03", sourceKind: "spreadsheet", file: "spreadsheets/2019-03.xlsx" };

  it("no header row → PanoramaError naming the file, the closest headers and HEADER_ALIASES", () => {
    const attempt = () =>
      normalizeSheet(
        sheet([
          ["Intitulé", "Administration", "Montant"],
          ["A", "B", "1"],
        ]),
        ctx,
      );
    expect(attempt).toThrow(PanoramaError);
    expect(attempt).toThrow(/spreadsheets\/2019-03\.xlsx/);
    expect(attempt).toThrow(/"Administration" \(closest known: "/);
    expect(attempt).toThrow(/HEADER_ALIASES \(loaders\/normalize\/headers\.ts\)/);
    expect(attempt).toThrow(/"Nom du projet"/);
  });

  it("header without a ministry column → PanoramaError naming the missing column", () => {
    const attempt = () =>
      normalizeSheet(
        sheet([
          ["Nom du projet", "Coût estimé", "Début", "Ministre"],
          ["A", "1", "2013"],
        ]),
        ctx,
      );
    expect(attempt).toThrow(/lacks the required column\(s\) "Ministère porteur"/);
    expect(attempt).toThrow(/"Ministre" \(closest known: "Ministère"\)/);
  });

  it("empty sheet → PanoramaError", () => {
    expect(() => normalizeSheet(sheet([]), ctx)).toThrow(/no header row found.*the sheet is empty/);
  });
});

describe("normalizeSheet: performance", () => {
  it("normalizes 100 000 rows in a few seconds at most", () => {
    const rows: Cell[][] = [
      [
        "Ministère porteur",
        "Ministère nom complet",
        "Nom du projet",
        "Projet interministériel",
        "Description et objectifs du projet",
        "Début",
        "Durée prévisionnelle en année",
        "Phase du projet en cours",
        "Coût estimé",
        "Financement [programme(s)]",
        "Lien vers les Projets Annuels de Performances",
        "Date de publication",
      ],
    ];
    for (let i = 0; i < 100_000; i++) {
      rows.push([
        "MEF",
        "Ministère de l'Économie et des Finances",
        `PROJET ${i}`,
        i % 2 ? "Oui" : "Non",
        "Une description du projet, avec une phrase ou deux.",
        "01/07/2011",
        "6,80",
        "Déploiement",
        "53,02",
        "Gestion fiscale (P156)",
        "http://pap.example/156.pdf",
        43159,
      ]);
    }
    const start = performance.now();
    const result = normalizeSheet(sheet(rows), { edition: "2018-03", sourceKind: "spreadsheet", file: "perf.xlsx" });
    const elapsed = performance.now() - start;
    expect(result.projects).toHaveLength(100_000);
    expect(result.anomalies).toEqual([]);
    expect(elapsed).toBeLessThan(5000);
  });
});

// Real files, read by the readers when both the mirror and the readers are there.
const mirror = process.env.PANORAMA_MIRROR;
const readersModule = "../loaders/read/index.js";
const readers = mirror
  ? ((await import(/* @vite-ignore */ readersModule).catch(() => null)) as { readSource: (bytes: Uint8Array, file: string) => ReadResult } | null)
  : null;

describe.skipIf(!mirror || !readers)("normalizeSheet on the mirrored editions (PANORAMA_MIRROR and loaders/read)", () => {
  const expected: [string, number][] = [
    ["spreadsheets/2016-11.csv", 57],
    ["spreadsheets/2017-06.csv", 61],
    ["spreadsheets/2018-03.xlsx", 61],
    ["dashboards/2016-11.html", 57],
    ["dashboards/2017-02.html", 61],
    ["dashboards/2017-06.html", 61],
    ["dashboards/2017-11.html", 61],
    ["dashboards/2018-03.html", 61],
    ["dashboards/2018-07.html", 56],
    ["dashboards/2018-11.html", 54],
    ["dashboards/2021-11.html", 50],
  ];

  it("covers every mirrored file", () => {
    const files = ["spreadsheets", "dashboards"].flatMap((d) => readdirSync(join(mirror!, d)).map((f) => `${d}/${f}`));
    expect(files.sort()).toEqual(expected.map(([f]) => f).sort());
  });

  it.each(expected)("%s → %i projects, known ministries and phases, no unexpected anomaly", (file, count) => {
    const read = readers!.readSource(new Uint8Array(readFileSync(join(mirror!, file))), file);
    const sourceKind = file.startsWith("dashboards/") ? "dashboard" : "spreadsheet";
    const result = normalizeSheet(read.sheets[0]!, { edition: file.slice(-12, -5), sourceKind, file });
    expect(result.projects).toHaveLength(count);
    expect(result.warnings).toEqual([]);
    expect(result.projects.filter((p) => !isKnownMinistry(p.ministry_published)).map((p) => p.ministry_published)).toEqual([]);
    // "En attente publication PAP 2017" and "0" in link columns are the only unreadable values published.
    const unexpected = result.anomalies.filter((a) => !["En attente publication PAP 2017", "0"].includes(a.value ?? ""));
    expect(unexpected).toEqual([]);
    expect(result.projects.every((p) => p.name.length > 0 && p.ministry !== null)).toBe(true);
    expect(result.projects.filter((p) => p.start_date !== null).length).toBeGreaterThan(count * 0.9);
    expect(result.projects.filter((p) => p.phase !== null).length).toBeGreaterThanOrEqual(count - 1);
    if (sourceKind === "spreadsheet") expect(result.publishedOn).toMatch(/^20\d\d-\d\d-\d\d$/);
  });
});
