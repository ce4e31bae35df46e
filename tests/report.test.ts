import { beforeAll, describe, expect, it } from "vitest";
import { COST_BAND_UNKNOWN } from "../docs/components/format.js";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import { buildFromCatalogue, type Dataset } from "../loaders/build/dataset.js";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { buildMovements } from "../loaders/build/history.js";
import { LATER_PUBLISHED_FIGURES } from "../loaders/sources/published-figures.js";
import {
  costBands,
  driftData,
  driftRows,
  driftSummary,
  editionFigures,
  editionGaps,
  ministriesData,
  ministryLabels,
  ministryPhases,
  ministryWeights,
  movementGroups,
  movementsData,
  phaseMix,
  publishedSeries,
  reportData,
  zoneFamilies,
  zoneFamilyKey,
  zoneGroup,
  zoneRows,
  zonesData,
} from "../loaders/report/index.js";
import type { EditionRow, Phase, ProjectRow } from "../loaders/schema.js";
import { editionRow } from "./fixtures/tracking/projects.js";
import { MIRROR, NO_MIRROR_REASON } from "./helpers.js";

// A hand-made dataset with known answers: three loaded editions, one catalogued edition missing
// between the last two, five projects (A grows and is renamed, B leaves unfinished, C leaves
// finished, D's figures are withheld, E enters with a zone spelled differently from B's).
function project(edition: string, key: string, fields: Partial<ProjectRow>): ProjectRow {
  return {
    edition,
    project_key: key,
    name: key.toUpperCase(),
    ministry: "Intérieur",
    ministry_published: "Ministère de l'Intérieur",
    interministerial: false,
    description: null,
    start_date: null,
    duration_years: null,
    phase: "Conception / Réalisation",
    figures_withheld: false,
    cost_meur: null,
    functional_zone: null,
    financing: null,
    more_info_url: null,
    more_info_urls: [],
    pap_url: null,
    pap_urls: [],
    source_kind: "dashboard",
    source_file: `${edition}.html`,
    source_row: 1,
    ...fields,
  };
}

function edition(id: string, official: Partial<EditionRow>): EditionRow {
  return editionRow(id, { official_source: `https://example.org/${id}.html`, ...official });
}

const phase = (p: Phase | null) => p;
const zoneA = "Sécurité intérieure / Identification & Authentification";

const PROJECTS: ProjectRow[] = [
  project("2018-03", "a", { cost_meur: 10, duration_years: 2, interministerial: true, functional_zone: zoneA, source_row: 1 }),
  project("2018-03", "b", { cost_meur: null, phase: phase("Cadrage"), ministry: "Justice", functional_zone: "Justice Pénale", source_row: 2 }),
  project("2018-03", "c", {
    cost_meur: 100,
    duration_years: 6,
    phase: phase("Déploiement"),
    ministry: "Armées",
    functional_zone: "Ressources Humaines",
    source_row: 3,
  }),
  project("2018-07", "a", { cost_meur: 15, duration_years: 3, interministerial: true, phase: phase("Déploiement"), functional_zone: zoneA, source_row: 1 }),
  project("2018-07", "b", { cost_meur: 50, duration_years: 5, ministry: "Justice", functional_zone: "Justice Pénale", source_row: 2 }),
  project("2018-07", "c", {
    cost_meur: 90,
    duration_years: 6,
    phase: phase("Terminé"),
    ministry: "Armées",
    functional_zone: "Ressources Humaines",
    source_row: 3,
  }),
  project("2021-11", "a", {
    name: "A bis",
    cost_meur: 30,
    duration_years: 4,
    interministerial: true,
    phase: phase("Déploiement"),
    functional_zone: zoneA,
    source_row: 1,
  }),
  project("2021-11", "d", { figures_withheld: true, phase: null, ministry: null, source_row: 2 }),
  project("2021-11", "e", {
    cost_meur: 8,
    duration_years: 1,
    phase: phase("Expérimentation"),
    ministry: "Justice",
    functional_zone: "justice pénale.",
    source_row: 3,
  }),
];

const DATASET: Dataset = {
  projects: PROJECTS,
  editions: [
    edition("2018-03", {
      official_projects: 3,
      official_interministerial: 1,
      official_cost_beur: 0.11,
      official_duration_years: 4,
      official_schedule_gap: 0.3,
      official_budget_gap: 0.2,
    }),
    edition("2018-07", { official_projects: 3, official_interministerial: 1, official_cost_beur: 0.16, official_duration_years: 4.7 }),
    edition("2021-11", {
      official_projects: 3,
      official_interministerial: 2,
      official_cost_beur: 0.05,
      official_duration_years: 2.5,
      official_schedule_gap: 0.154,
      official_budget_gap: 0.135,
    }),
  ],
  anomalies: [],
  normalizations: [],
  warnings: [],
  failures: [
    { edition: "2019-03", message: "not mirrored" },
    { edition: "2022-12", message: "not mirrored" },
  ],
  matching: { matched: [], ambiguous: [], unmatched: [] } as unknown as Dataset["matching"],
};
const ORDER = ["2018-03", "2018-07", "2021-11"];

describe("headline figures per edition", () => {
  const figures = editionFigures(DATASET);
  const at = (id: string) => figures.find((f) => f.edition === id)!;

  it.each([
    ["2018-03", { projects: 3, interministerial: 1, cost_meur: 110, cost_known: 2, duration_years: 4, duration_known: 2, withheld: 0 }],
    ["2018-07", { projects: 3, interministerial: 1, cost_meur: 155, cost_known: 3, duration_years: 4.667, duration_known: 3, withheld: 0 }],
    ["2021-11", { projects: 3, interministerial: 1, cost_meur: 38, cost_known: 2, duration_years: 2.5, duration_known: 2, withheld: 1 }],
  ])("%s", (id, expected) => {
    expect(at(id)).toMatchObject(expected);
  });

  it("links each edition to the previous loaded one and lists the unloaded editions between them", () => {
    expect(figures.map((f) => [f.edition, f.label, f.previous_edition, f.missing_before])).toEqual([
      ["2018-03", "mars 2018", null, []],
      ["2018-07", "juillet 2018", "2018-03", []],
      ["2021-11", "novembre 2021", "2018-07", ["2019-03"]],
    ]);
  });

  it.each([
    // computed as the edition rounds it (Md€ to 2 decimals, years to 1) against the published figure
    ["2018-03", { projects: false, interministerial: false, cost: false, duration: false }],
    ["2018-07", { projects: false, interministerial: false, cost: false, duration: false }],
    ["2021-11", { projects: false, interministerial: true, cost: true, duration: false }],
  ])("%s: computed figures that differ from the published ones", (id, differs) => {
    expect(at(id).differs).toEqual(differs);
  });

  it("keeps the published figures and their source", () => {
    expect(at("2021-11").published).toEqual({
      projects: 3,
      interministerial: 2,
      cost_beur: 0.05,
      duration_years: 2.5,
      schedule_gap: 0.154,
      budget_gap: 0.135,
      source_url: "https://example.org/2021-11.html",
    });
  });
});

describe("breakdowns of one edition", () => {
  it("counts projects and cost per cost band, every band present, unknown cost last", () => {
    const rows = costBands(PROJECTS, ORDER).filter((r) => r.edition === "2021-11");
    expect(rows.map((r) => [r.band, r.projects, r.cost_meur])).toEqual([
      ["moins de 9 M€", 1, 8],
      ["de 9 à 20 M€", 0, 0],
      ["de 20 à 50 M€", 1, 30],
      ["de 50 à 100 M€", 0, 0],
      ["100 M€ et plus", 0, 0],
      [COST_BAND_UNKNOWN, 1, 0],
    ]);
    expect(
      costBands(PROJECTS, ORDER)
        .filter((r) => r.edition === "2018-03" && r.projects > 0)
        .map((r) => r.band),
    ).toEqual(["de 9 à 20 M€", "100 M€ et plus", COST_BAND_UNKNOWN]);
  });

  it("counts projects per phase, in phase order, withheld figures as their own phase", () => {
    expect(
      phaseMix(PROJECTS, ORDER)
        .filter((r) => r.edition === "2021-11")
        .map((r) => [r.phase, r.projects]),
    ).toEqual([
      ["Cadrage", 0],
      ["Conception / Réalisation", 0],
      ["Expérimentation", 1],
      ["Déploiement", 1],
      ["Terminé", 0],
      ["Chiffres non publiés", 1],
    ]);
  });

  it("counts projects and cost per ministry and phase", () => {
    expect(ministryPhases(PROJECTS).filter((r) => r.edition === "2021-11")).toEqual([
      { edition: "2021-11", ministry: "Intérieur", phase: "Déploiement", projects: 1, cost_meur: 30 },
      { edition: "2021-11", ministry: "Justice", phase: "Expérimentation", projects: 1, cost_meur: 8 },
      { edition: "2021-11", ministry: "Ministère non renseigné", phase: "Chiffres non publiés", projects: 1, cost_meur: 0 },
    ]);
  });

  it("gives each ministry's share of projects and cost in every edition, zero when absent", () => {
    const rows = ministryWeights(PROJECTS, ORDER).filter((r) => r.edition === "2018-03");
    expect(rows.map((r) => [r.ministry, r.projects, r.cost_meur, r.projects_share, r.cost_share])).toEqual([
      ["Armées", 1, 100, 0.3333, 0.9091],
      ["Intérieur", 1, 10, 0.3333, 0.0909],
      ["Justice", 1, 0, 0.3333, 0],
      ["Ministère non renseigné", 0, 0, 0, 0],
    ]);
  });
});

it("lists the published labels of each canonical ministry", () => {
  const projects = [
    project("2016-11", "x", { ministry: "Services du Premier ministre", ministry_published: "Premier ministre" }),
    project("2017-02", "x", { ministry: "Services du Premier ministre", ministry_published: "Services du Premier Ministre" }),
    project("2017-02", "y", { ministry: "Économie et Finances", ministry_published: "Ministère de l'Économie et des Finances" }),
    project("2017-06", "x", { ministry: "Services du Premier ministre", ministry_published: "Premier ministre" }),
  ];
  expect(ministryLabels(projects)).toEqual([
    { ministry: "Économie et Finances", published: ["Ministère de l'Économie et des Finances"] },
    { ministry: "Services du Premier ministre", published: ["Premier ministre", "Services du Premier Ministre"] },
  ]);
});

describe("functional zones", () => {
  it.each([
    [zoneA, "Sécurité intérieure", "securite interieure"],
    ["Justice Pénale", "Justice Pénale", "justice penale"],
    ["justice pénale.", "justice pénale.", "justice penale"],
    ["Échanges & Relations", "Échanges & Relations", "echanges & relations"],
    ["Echanges & Relations", "Echanges & Relations", "echanges & relations"],
    [
      "Gestion des systèmes d’information et de communication.",
      "Gestion des systèmes d’information et de communication.",
      "gestion des systemes d'information et de communication",
    ],
    ["Sécurité Circulation routière", "Sécurité Circulation routière", "securite circulation routiere"],
    [null, "Zone non renseignée", "zone non renseignee"],
    ["  ", "Zone non renseignée", "zone non renseignee"],
  ])("%j → group %j, family %j", (zone, group, family) => {
    expect(zoneGroup(zone)).toBe(group);
    expect(zoneFamilyKey(zone)).toBe(family);
  });

  it("keeps published labels and counts projects and cost per zone", () => {
    expect(zoneRows(PROJECTS).filter((r) => r.edition === "2021-11")).toEqual([
      { edition: "2021-11", zone: "justice pénale.", group: "justice pénale.", family: "justice penale", projects: 1, cost_meur: 8 },
      {
        edition: "2021-11",
        zone: "Sécurité intérieure / Identification & Authentification",
        group: "Sécurité intérieure",
        family: "securite interieure",
        projects: 1,
        cost_meur: 30,
      },
      { edition: "2021-11", zone: "Zone non renseignée", group: "Zone non renseignée", family: "zone non renseignee", projects: 1, cost_meur: 0 },
    ]);
  });

  it("brings spellings of a zone together, labelled as the latest edition spells it", () => {
    expect(zoneFamilies(zoneRows(PROJECTS))).toEqual([
      { family: "justice penale", label: "justice pénale.", variants: ["Justice Pénale", "justice pénale."] },
      { family: "ressources humaines", label: "Ressources Humaines", variants: ["Ressources Humaines"] },
      { family: "securite interieure", label: "Sécurité intérieure", variants: [zoneA] },
      { family: "zone non renseignee", label: "Zone non renseignée", variants: ["Zone non renseignée"] },
    ]);
  });
});

describe("entries and exits", () => {
  const groups = movementGroups(DATASET, buildMovements(PROJECTS, ORDER));

  it("gives one group per consecutive pair of loaded editions, with the unloaded ones between", () => {
    expect(groups.map((g) => [g.previous_edition, g.edition, g.missing_between, g.entered.length, g.exited.length])).toEqual([
      ["2018-03", "2018-07", [], 0, 0],
      ["2018-07", "2021-11", ["2019-03"], 2, 2],
    ]);
  });

  it("names entries as in their new edition and exits as in their last one, with that edition's phase", () => {
    const g = groups[1]!;
    expect(g.entered.map((p) => [p.key, p.name, p.ministry, p.phase, p.cost_meur])).toEqual([
      ["d", "D", "Ministère non renseigné", "Chiffres non publiés", null],
      ["e", "E", "Justice", "Expérimentation", 8],
    ]);
    expect(g.exited.map((p) => [p.key, p.name, p.phase, p.cost_meur])).toEqual([
      ["b", "B", "Conception / Réalisation", 50],
      ["c", "C", "Terminé", 90],
    ]);
  });
});

describe("published figures across editions", () => {
  it("puts the loaded editions' own figures and the later editions' ones in one series, with sources", () => {
    const later = [
      { ...LATER_PUBLISHED_FIGURES[0]!, edition: "2021-11" }, // already loaded: the page's own figures win
      LATER_PUBLISHED_FIGURES[1]!,
    ];
    const series = publishedSeries(DATASET.editions, later);
    expect(series.map((p) => [p.edition, p.loaded, p.budget_gap])).toEqual([
      ["2018-03", true, 0.2],
      ["2018-07", true, null],
      ["2021-11", true, 0.135],
      ["2023-12", false, 0.108],
    ]);
    expect(series[2]!.sources).toEqual([{ label: "tableau de bord officiel (« Chiffres clés »)", url: "https://example.org/2021-11.html" }]);
    expect(series[3]!.note).toBe("18e édition, publiée en avril 2024");
  });

  it.each(LATER_PUBLISHED_FIGURES.map((f) => [f.edition, f] as const))("%s: a later edition's figures have a source and plausible values", (_, f) => {
    expect(f.sources.length).toBeGreaterThan(0);
    for (const s of f.sources) if (s.url !== null) expect(s.url).toMatch(/^https:\/\//);
    for (const gap of [f.schedule_gap, f.budget_gap]) {
      if (gap === null) continue;
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThan(1);
    }
    expect(f.projects).toBeGreaterThan(30);
    expect(f.cost_beur).toBeGreaterThan(1);
    expect(f.duration_years === null).toBe(f.duration_note !== null);
  });
});

describe("drift of each project", () => {
  const rows = driftRows(DATASET);
  const row = (key: string) => rows.find((r) => r.key === key)!;

  it("compares first and latest cost and duration, with the editions they come from", () => {
    expect(row("a")).toMatchObject({
      name: "A bis",
      first_cost_meur: 10,
      last_cost_meur: 30,
      first_cost_edition: "2018-03",
      last_cost_edition: "2021-11",
      cost_change_meur: 20,
      cost_change_ratio: 2,
      first_duration_edition: "2018-03",
      last_duration_edition: "2021-11",
      duration_change_years: 2,
      duration_change_ratio: 1,
      cost_comparable: true,
      cost_definition_changed: true,
      spans_missing: true,
      names: ["A", "A bis"],
      still_listed: true,
    });
    expect(row("c")).toMatchObject({
      cost_change_meur: -10,
      cost_change_ratio: -0.1,
      duration_change_years: 0,
      cost_definition_changed: true,
      spans_missing: false,
      last_phase: "Terminé",
      still_listed: false,
    });
  });

  it("makes no comparison from a single published figure", () => {
    expect(row("b")).toMatchObject({
      first_cost_meur: 50,
      last_cost_meur: 50,
      cost_change_meur: null,
      cost_change_ratio: null,
      cost_comparable: false,
      duration_comparable: false,
      no_cost_editions: ["2018-03"],
      last_phase: "Conception / Réalisation",
      still_listed: false,
    });
    expect(row("e")).toMatchObject({ cost_change_meur: null, duration_change_years: null, names: [] });
  });

  it("records withheld figures", () => {
    expect(row("d")).toMatchObject({
      withheld_editions: ["2021-11"],
      no_cost_editions: ["2021-11"],
      last_phase: "Chiffres non publiés",
      ministry: "Ministère non renseigné",
    });
  });

  it("sums it up", () => {
    expect(driftSummary(rows)).toEqual({
      projects: 5,
      cost_comparable: 2,
      cost_increased: 1,
      cost_decreased: 1,
      cost_unchanged: 0,
      first_cost_total_meur: 110,
      last_cost_total_meur: 120,
      cost_definition_changed: 2,
      duration_comparable: 2,
      duration_increased: 1,
      duration_decreased: 0,
      left_unfinished: 1,
      left_finished: 1,
      withheld: 1,
      never_costed: 1,
      renamed: 1,
    });
  });
});

describe("data files of the chapters", () => {
  it("name the latest edition and the unloaded ones", () => {
    expect(reportData(DATASET)).toMatchObject({
      latest: "2021-11",
      unavailable: [
        { edition: "2019-03", label: "mars 2019" },
        { edition: "2022-12", label: "décembre 2022" },
      ],
      gaps: [{ from: "2018-07", to: "2021-11", missing: ["2019-03"] }],
    });
    expect(editionGaps(DATASET)).toEqual([{ from: "2018-07", to: "2021-11", missing: ["2019-03"] }]);
    expect(ministriesData(DATASET).editions.map((e) => e.label)).toEqual(["mars 2018", "juillet 2018", "novembre 2021"]);
    expect(zonesData(DATASET).latest).toBe("2021-11");
    expect(movementsData(DATASET).groups).toHaveLength(2);
    expect(driftData(DATASET)).toMatchObject({ first: "2018-03", latest: "2021-11", full_cost_edition: "2018-07" });
  });

  it("carry no description (the pages stay small)", () => {
    const json = JSON.stringify([reportData(DATASET), ministriesData(DATASET), zonesData(DATASET), movementsData(DATASET), driftData(DATASET)]);
    expect(json).not.toContain("description");
  });
});

describe.skipIf(!MIRROR)(`over the mirrored editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  let dataset: Dataset;
  beforeAll(async () => {
    const opts = { ...defaultAcquireOptions({ PANORAMA_MIRROR: MIRROR!, PANORAMA_OFFLINE: "1" }), cacheDir: "/nonexistent-panorama-cache" };
    dataset = await buildFromCatalogue(EDITIONS, opts);
  });

  it("reproduces every published count and mean duration, and every total cost but 2021-11's (« coûts actualisés »)", () => {
    const figures = editionFigures(dataset);
    expect(figures.length).toBe(8);
    for (const f of figures) {
      expect([f.edition, f.differs.projects, f.differs.interministerial, f.differs.duration]).toEqual([f.edition, false, false, false]);
      expect([f.edition, f.differs.cost]).toEqual([f.edition, f.edition === "2021-11"]);
    }
    const last = figures.find((f) => f.edition === "2021-11")!;
    expect(last.cost_difference_note).toContain("coûts actualisés");
    expect(figures.filter((f) => f.cost_difference_note !== null).map((f) => f.edition)).toEqual(["2021-11"]);
    expect(Math.round(last.cost_meur / 10) / 100).toBe(2.51);
    expect(last.published.cost_beur).toBe(2.62);
    expect(last.missing_before).toEqual(["2019-03", "2019-07", "2020-02", "2020-07", "2020-11", "2021-07"]);
  });

  it("adds up: bands, phases, ministries and zones count every project of each edition", () => {
    const order = dataset.editions.map((e) => e.edition);
    const figures = new Map(editionFigures(dataset).map((f) => [f.edition, f]));
    const total = (rows: { edition: string; projects: number }[], e: string) => rows.filter((r) => r.edition === e).reduce((a, r) => a + r.projects, 0);
    const bands = costBands(dataset.projects, order);
    const phases = phaseMix(dataset.projects, order);
    const ministries = ministryPhases(dataset.projects);
    const zones = zoneRows(dataset.projects);
    const weights = ministryWeights(dataset.projects, order);
    for (const e of order) {
      const n = figures.get(e)!.projects;
      expect([e, total(bands, e), total(phases, e), total(ministries, e), total(zones, e)]).toEqual([e, n, n, n, n]);
      const shares = weights.filter((w) => w.edition === e);
      expect(shares.reduce((a, w) => a + w.projects_share, 0)).toBeCloseTo(1, 2);
      expect(shares.reduce((a, w) => a + w.cost_share, 0)).toBeCloseTo(1, 2);
      expect(zones.filter((z) => z.edition === e).reduce((a, z) => a + z.cost_meur, 0)).toBeCloseTo(figures.get(e)!.cost_meur, 3);
    }
  });

  it("entries minus exits is the change in the number of projects", () => {
    const figures = new Map(editionFigures(dataset).map((f) => [f.edition, f]));
    for (const g of movementsData(dataset).groups) {
      expect([g.edition, g.entered.length - g.exited.length]).toEqual([
        g.edition,
        figures.get(g.edition)!.projects - figures.get(g.previous_edition)!.projects,
      ]);
    }
  });

  it("follows every project once, and shows the later editions' published figures beside the loaded ones", () => {
    const drift = driftData(dataset);
    expect(drift.rows.length).toBe(new Set(dataset.projects.map((p) => p.project_key)).size);
    expect(drift.summary.left_unfinished + drift.summary.left_finished).toBe(drift.rows.filter((r) => !r.still_listed).length);
    const series = reportData(dataset).published;
    expect(series.filter((p) => p.loaded).length).toBe(8);
    expect(series.filter((p) => !p.loaded).map((p) => p.edition)).toEqual(LATER_PUBLISHED_FIGURES.map((f) => f.edition));
  });

  it("keeps each data file small", () => {
    for (const data of [reportData(dataset), ministriesData(dataset), zonesData(dataset), movementsData(dataset), driftData(dataset)]) {
      expect(JSON.stringify(data).length).toBeLessThan(200_000);
    }
  });
});
