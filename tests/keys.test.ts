// Identity of projects (issue 14, points 1–3): a project's key is a function of the project
// alone, whatever editions are loaded and in whatever order. Editions are written as the
// 2016–2018 open-data CSV files, read and normalized by the real pipeline.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleEdition, loadEdition, sourceFile, type EditionResult } from "../loaders/build/pipeline.js";
import { combine, ingestFiles, type Dataset } from "../loaders/build/dataset.js";
import { assignProjectKeys, descriptionOverlap, looseIdentity, nameIdentity, nameSlug } from "../loaders/build/index.js";
import { PROJECT_ALIASES, PROJECT_DISTINCT } from "../loaders/build/aliases.js";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import { loadCatalogue } from "../loaders/sources/catalogue.js";
import type { ProjectRow } from "../loaders/schema.js";
import { SPREADSHEET_HEADER } from "./fixtures/headers.js";
import { MIRROR, NO_MIRROR_REASON, queryDuckdb, removeDir, runCli, tempDir } from "./helpers.js";

const JUSTICE = ["MJ", "Ministère de la Justice"] as const;
const FINANCES = ["MEF", "Ministère de l'Économie et des Finances"] as const;
const INTERIEUR = ["MI", "Ministère de l'Intérieur"] as const;
const SPM = ["SPM", "Services du Premier ministre"] as const;
const ARMEES = ["MINARM", "Ministère des Armées"] as const;

interface Listing {
  name: string;
  ministry: readonly [string, string];
  description?: string;
  start?: string;
  phase?: string;
  cost?: string;
  zone?: string;
  financing?: string;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One edition as its open-data CSV file (the 2016–2018 header, "Date de publication" in the last column). */
function editionCsv(edition: string, listings: readonly Listing[]): string {
  const lines = [SPREADSHEET_HEADER.map(csvCell).join(",")];
  for (const l of listings) {
    lines.push(
      [
        l.ministry[0],
        l.ministry[1],
        l.name,
        "Non",
        l.description ?? "",
        "",
        l.start ?? "",
        l.start ? "4" : "",
        l.phase ?? "Conception / Réalisation",
        l.cost ?? "",
        "",
        l.zone ?? "",
        l.financing ?? "",
        "",
        `${edition}-03`,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

function edition(id: string, listings: readonly Listing[]): EditionResult {
  return assembleEdition(id, [sourceFile(Buffer.from(editionCsv(id, listings), "utf8"), `${id}.csv`)]);
}

/** "edition|source_row" → key: one entry per project row. */
function keysOf(projects: readonly ProjectRow[]): Map<string, string> {
  return new Map(projects.map((p) => [`${p.edition}|${p.source_row}`, p.project_key]));
}

function keyOfName(dataset: Dataset, editionId: string, name: string): string {
  const found = dataset.projects.find((p) => p.edition === editionId && p.name === name);
  if (!found) throw new Error(`${name} is not in ${editionId}`);
  return found.project_key;
}

/** Every subset of `results` in every given order keys each row as the whole set does. */
function expectSameKeysAlone(results: readonly EditionResult[]): Map<string, string> {
  const full = keysOf(combine(results).projects);
  for (const r of results) {
    for (const [row, key] of keysOf(combine([r]).projects)) expect([row, key]).toEqual([row, full.get(row)]);
  }
  return full;
}

const GENESIS_TEXT = "Gestion nationale des personnes écrouées : refonte de l'application GIDE (gestion des services pénitentiaires).";

describe("point 1: a key depends on the project alone", () => {
  const franceConnect = (name: string): Listing => ({
    name,
    ministry: SPM,
    start: "2017-01-01",
    description: "FranceConnect est un dispositif permettant de simplifier l'identification des usagers.",
  });
  const mcic = (name: string): Listing => ({
    name,
    ministry: INTERIEUR,
    start: "2015-02-01",
    description: "Modernisation des centres d'information et de commandement.",
  });
  const results = () => [
    edition("2017-02", [franceConnect("FRANCECONNECT PHASE II")]),
    edition("2017-11", [franceConnect("FRANCE CONNECT PHASE II"), mcic("MCIC²")]),
    edition("2018-03", [franceConnect("FRANCE CONNECT PHASE II"), mcic("MCIC-2")]),
  ];

  it("keys FRANCE CONNECT PHASE II and MCIC-2 alike alone and together (the alias table joins the spellings)", () => {
    const full = combine(results());
    expect(full.projects.map((p) => [p.edition, p.name, p.project_key])).toEqual([
      ["2017-02", "FRANCECONNECT PHASE II", "franceconnect-phase-ii"],
      ["2017-11", "FRANCE CONNECT PHASE II", "franceconnect-phase-ii"],
      ["2017-11", "MCIC²", "mcic2"],
      ["2018-03", "FRANCE CONNECT PHASE II", "franceconnect-phase-ii"],
      ["2018-03", "MCIC-2", "mcic2"],
    ]);
    expectSameKeysAlone(results());
    expect(full.matching.ambiguous).toEqual([]);
  });

  it("without an alias, gives each spelling its own key in every set of editions, and asks for a review", () => {
    const tables = { aliases: [], distinct: [] };
    const rows = results().flatMap((r) => r.projects);
    const together = assignProjectKeys(rows, tables);
    for (const r of results()) {
      const alone = assignProjectKeys(r.projects, tables).projects;
      expect(alone.map((p) => p.project_key)).toEqual(
        alone.map((p) => together.projects.find((q) => q.edition === p.edition && q.source_row === p.source_row)!.project_key),
      );
    }
    expect(new Set(together.projects.map((p) => p.project_key))).toEqual(new Set(["franceconnect-phase-ii", "france-connect-phase-ii", "mcic2", "mcic-2"]));
    expect(together.report.ambiguous.map((a) => [a.project_key, a.candidate_keys])).toEqual([
      ["franceconnect-phase-ii", ["france-connect-phase-ii"]],
      ["mcic2", ["mcic-2"]],
    ]);
    expect(together.report.ambiguous[1]!.why).toMatch(
      /même nom aux espaces près ; même ministère, même début \(2015-02-01\), descriptions proches \(100 % de mots communs\)/,
    );
  });

  it("keeps the earlier key when a later edition reveals a merge: the alias points at the first spelling's key", () => {
    const target = (from: string) => PROJECT_ALIASES.find((a) => a.from === from)!.to;
    expect(target("FRANCE CONNECT PHASE II")).toBe(nameSlug("FRANCECONNECT PHASE II"));
    expect(target("MCIC-2")).toBe(nameSlug("MCIC²"));
  });
});

describe("point 2: renamed projects and versions", () => {
  const achats = {
    ministry: FINANCES,
    start: "2016-01-01",
    zone: "Achats",
    financing: "Conduite et pilotage des politiques économiques et financières (P218)",
    phase: "Cadrage",
  };
  const results = () => [
    edition("2017-06", [
      {
        name: "3PA-S",
        ...achats,
        description: "Le projet « 3PA-S » intègre au SI des achats la gestion des marchés, des fournisseurs, des commandes et des factures.",
      },
      { name: "GENESIS V2", ministry: JUSTICE, phase: "Cadrage", description: GENESIS_TEXT },
      { name: "CASSIOPEE V2", ministry: JUSTICE, start: "2014-01-01", cost: "9.9", description: "Bureau d'ordre national." },
    ]),
    edition("2017-11", [
      { name: "3-PAS-S_DAE", ...achats, description: "La professionnalisation de la fonction achat au sein des entités publiques." },
      { name: "GENESIS V2", ministry: JUSTICE, phase: "Cadrage", description: GENESIS_TEXT },
      { name: "CASSIOPEE", ministry: JUSTICE, start: "2014-01-01", cost: "9.9", description: "Bureau d'ordre national." },
    ]),
    edition("2018-03", [
      { name: "APPACH", ...achats, cost: "6.77", description: "Le projet APPACH est une partie du Système d’Information des Achats de l’État (SIA)." },
    ]),
    edition("2016-11", [
      { name: "GENESIS", ministry: JUSTICE, start: "2007-01-01", cost: "47.5", phase: "Déploiement", description: GENESIS_TEXT },
      { name: "CASSIOPEE", ministry: JUSTICE, start: "2014-01-01", cost: "9.9", description: "Bureau d'ordre national." },
    ]),
  ];

  it("joins 3PA-S, 3-PAS-S_DAE and APPACH under the earlier key, with the evidence in the alias table", () => {
    const full = combine(results());
    const keys = ["3PA-S", "3-PAS-S_DAE", "APPACH"].map((n) => full.projects.find((p) => p.name === n)!.project_key);
    expect(keys).toEqual(["3pa-s", "3pa-s", "3pa-s"]);
    const matched = full.matching.matched.find((m) => m.project_key === "3pa-s")!;
    expect(matched).toMatchObject({ editions: ["2017-06", "2017-11", "2018-03"], via: "alias" });
    expect(matched.why).toMatch(/APPACH.*P218|P218.*APPACH/);
    expect(full.matching.aliases.find((a) => a.from === "APPACH")).toMatchObject({ to: "3pa-s", rows: 1 });
    expectSameKeysAlone(results());
  });

  it("applies one rule to versions: same start date = same project (CASSIOPEE V2), otherwise distinct (GENESIS V2), reviewed", () => {
    const full = combine(results());
    expect(keyOfName(full, "2017-06", "CASSIOPEE V2")).toBe(keyOfName(full, "2016-11", "CASSIOPEE"));
    expect(keyOfName(full, "2017-06", "GENESIS V2")).toBe("genesis-v2");
    expect(keyOfName(full, "2016-11", "GENESIS")).toBe("genesis");
    expect(full.matching.reviewed_distinct.map((d) => [d.project_key, d.other_key])).toEqual([["genesis", "genesis-v2"]]);
    expect(full.matching.ambiguous).toEqual([]);
    expectSameKeysAlone(results());
  });
});

describe("point 3: no merge on a folded name alone", () => {
  const listings = {
    cpp: { name: "Projet C++", ministry: JUSTICE, start: "2015-01-01", description: "Refonte du casier judiciaire national et de ses échanges." },
    csharp: { name: "C#", ministry: INTERIEUR, start: "2018-01-01", description: "Plateforme de signalement des cybermenaces." },
    c: { name: "C", ministry: ARMEES, start: "2019-06-01", description: "Gestion des approvisionnements en carburant des armées." },
    projetC: { name: "PROJET C", ministry: JUSTICE, start: "2015-01-01", description: "Refonte du casier judiciaire national et de ses échanges." },
  } satisfies Record<string, Listing>;

  it.each([
    ["Projet C++", "projet-c-plus-plus"],
    ["C#", "c-sharp"],
    ["C", "c"],
    ["RenoiRH + évol. SI", "renoirh-evol-si"],
  ])("%j gets the key %j", (name, key) => {
    expect(nameSlug(name)).toBe(key);
  });

  it("gives distinct keys across editions and a review item with the evidence for each look-alike", () => {
    const results = [edition("2017-06", [listings.cpp]), edition("2017-11", [listings.csharp]), edition("2018-03", [listings.c, listings.projetC])];
    const full = combine(results);
    expect(full.projects.map((p) => p.project_key)).toEqual(["projet-c-plus-plus", "c-sharp", "c", "projet-c"]);
    expectSameKeysAlone(results);
    const pairs = full.matching.ambiguous.flatMap((a) => a.candidate_keys.map((c) => `${a.project_key} ~ ${c}`));
    expect(pairs).toEqual(["c-sharp ~ c", "projet-c-plus-plus ~ projet-c"]);
    const byKey = new Map(full.matching.ambiguous.map((a) => [a.project_key, a.why]));
    expect(byKey.get("c-sharp")).toContain(
      "(même nom aux symboles près ; ministères différents (Intérieur / Armées), débuts différents (2018-01-01 / 2019-06-01), descriptions différentes (0 % de mots communs))",
    );
    expect(byKey.get("projet-c-plus-plus")).toContain(
      "(même nom aux symboles près ; même ministère, même début (2015-01-01), descriptions proches (100 % de mots communs))",
    );
    expect(full.matching.duplicates).toEqual([]);
  });

  it("keeps them apart within one edition, without a duplicate listing", () => {
    const full = combine([edition("2017-06", [listings.cpp, listings.csharp, listings.c, listings.projetC])]);
    expect(new Set(full.projects.map((p) => p.project_key)).size).toBe(4);
    expect(full.matching.duplicates).toEqual([]);
    expect(full.matching.ambiguous).toEqual([]);
  });

  it("merges look-alikes only through an alias, which keeps the earlier key", () => {
    const rows = [edition("2017-06", [listings.cpp]), edition("2018-03", [listings.projetC])].flatMap((r) => r.projects);
    const alias = { from: "PROJET C", ministry: "Justice", to: "projet-c-plus-plus", why: "Même ministère, même début, même description (2017-06, 2018-03)." };
    const { projects, report } = assignProjectKeys(rows, { aliases: [alias], distinct: [] });
    expect(projects.map((p) => p.project_key)).toEqual(["projet-c-plus-plus", "projet-c-plus-plus"]);
    expect(report.ambiguous).toEqual([]);
  });

  it.each([
    ["Projet C++", "PROJET C", true],
    ["C#", "C", true],
    ["FRANCECONNECT", "FRANCE CONNECT", true],
    ["SIRH", "SIRHEN", false],
  ])("%j and %j have the same loose identity: %s", (a, b, same) => {
    expect(looseIdentity(a) === looseIdentity(b)).toBe(same);
  });

  it.each([
    ["Refonte du casier judiciaire", "Refonte du casier judiciaire", 1],
    ["Refonte du casier", "Plateforme de signalement", 0],
    [null, "Plateforme", null],
  ])("descriptionOverlap(%j, %j) = %j", (a, b, share) => {
    expect(descriptionOverlap(a, b)).toBe(share);
  });
});

/** Names drawn by the generated editions: spellings of one project, look-alikes, one name in two ministries. */
const POOL: readonly Listing[] = [
  { name: "FRANCECONNECT PHASE II", ministry: SPM, start: "2017-01-01" },
  { name: "FRANCE CONNECT PHASE II", ministry: SPM, start: "2017-01-01" },
  { name: "FRANCE CONNECT", ministry: SPM, start: "2013-07-01" },
  { name: "MCIC²", ministry: INTERIEUR },
  { name: "MCIC-2", ministry: INTERIEUR },
  { name: "3PA-S", ministry: FINANCES, start: "2016-01-01" },
  { name: "APPACH", ministry: FINANCES, start: "2016-01-01" },
  { name: "GENESIS", ministry: JUSTICE, start: "2007-01-01" },
  { name: "GENESIS V2", ministry: JUSTICE },
  { name: "Projet C++", ministry: JUSTICE },
  { name: "C#", ministry: INTERIEUR },
  { name: "C", ministry: ARMEES },
  { name: "SIRH", ministry: JUSTICE },
  { name: "S.I.R.H.", ministry: INTERIEUR },
  { name: "Montée de version du SIRH", ministry: JUSTICE },
  { name: "MONTEE DE VERSION SIRH", ministry: JUSTICE },
  { name: "Réseau Interministériel de l'Etat", ministry: INTERIEUR },
  { name: "RIE", ministry: INTERIEUR },
];
const IDS = ["2016-11", "2017-02", "2017-06", "2017-11", "2018-03", "2018-07", "2018-11", "2021-11"];

/** Generated editions (each a subset of POOL), then a subset of them in some order. */
const generated = fc
  .uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: IDS.length })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.subarray([...POOL], { minLength: 1 }), { minLength: ids.length, maxLength: ids.length }),
      fc.shuffledSubarray(ids, { minLength: 1 }),
    ),
  );

describe("property: for random subsets and orders of the editions, each project keeps its key", () => {
  it("over generated editions (CSV files through the real pipeline)", () => {
    fc.assert(
      fc.property(generated, ([ids, listings, subset]) => {
        const results = ids.map((id, k) => edition(id, listings[k]!));
        const full = keysOf(combine(results).projects);
        const picked = subset.map((id) => results[ids.indexOf(id)]!);
        const rows = picked.flatMap((r) => r.projects);
        for (const [row, key] of keysOf(assignProjectKeys(rows).projects)) expect([row, key]).toEqual([row, full.get(row)]);
        for (const [row, key] of keysOf(combine(picked).projects)) expect([row, key]).toEqual([row, full.get(row)]);
      }),
      { numRuns: 60 },
    );
  });
});

describe.skipIf(!MIRROR)(`over the mirrored editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  let results: EditionResult[];
  let full: Dataset;
  let fullKeys: Map<string, string>;

  beforeAll(async () => {
    const opts = { ...defaultAcquireOptions(), online: false };
    results = [];
    for (const e of loadCatalogue()) {
      try {
        results.push(await loadEdition(e, opts, null));
      } catch {
        // editions the mirror does not hold are left out, as `build` leaves them out
      }
    }
    full = combine(results);
    fullKeys = keysOf(full.projects);
  }, 120_000);

  it("keys every row alike for random subsets and orders of the editions", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(results, { minLength: 1 }), (picked) => {
        for (const [row, key] of keysOf(assignProjectKeys(picked.flatMap((r) => r.projects)).projects)) expect([row, key]).toEqual([row, fullKeys.get(row)]);
      }),
      { numRuns: 40 },
    );
  });

  it("keys each edition alike when it is ingested alone from its mirrored files (the `ingest` path)", async () => {
    for (const r of results) {
      const files = ["spreadsheets/%.csv", "spreadsheets/%.xlsx", "spreadsheets/%.xls", "spreadsheets/%.ods", "dashboards/%.html"]
        .map((f) => join(MIRROR!, f.replace("%", r.edition)))
        .filter((f) => existsSync(f));
      const alone = await ingestFiles(files, r.edition);
      expect(alone.projects.length, r.edition).toBe(r.projects.length);
      for (const [row, key] of keysOf(alone.projects)) expect([row, key]).toEqual([row, fullKeys.get(row)]);
    }
  }, 120_000);

  it("joins 3PA-S and APPACH, and keeps FRANCE CONNECT PHASE II and MCIC-2 under their first keys", () => {
    const keysOfName = (pattern: RegExp) => [...new Set(full.projects.filter((p) => pattern.test(p.name)).map((p) => p.project_key))];
    expect(keysOfName(/^(3PA-S|3-PAS-S_DAE|APPACH)$/)).toEqual(["3pa-s"]);
    expect(keysOfName(/^FRANCE ?CONNECT PHASE II$/i)).toEqual(["franceconnect-phase-ii"]);
    expect(keysOfName(/^MCIC/)).toEqual(["mcic2"]);
  });

  it("points every alias at the key of one of the project's own published names", () => {
    for (const alias of PROJECT_ALIASES) {
      const own = full.projects.filter((p) => p.project_key === alias.to && nameSlug(p.name) === alias.to);
      expect(own.length, alias.to).toBeGreaterThan(0);
    }
  });

  it("applies the version rule to every pair: one project when ministry and start date agree, else two reviewed keys", () => {
    const byIdentity = new Map<string, ProjectRow[]>();
    for (const p of full.projects) byIdentity.set(nameIdentity(p.name), [...(byIdentity.get(nameIdentity(p.name)) ?? []), p]);
    const distinct = new Set(PROJECT_DISTINCT.map((d) => [d.a, d.b].sort().join(" ")));
    const pairs: string[] = [];
    for (const p of full.projects) {
      const base = versionBase(p.name);
      if (base === null) continue;
      for (const q of byIdentity.get(nameIdentity(base)) ?? []) {
        const agree = full.projects.some(
          (x) => x.project_key === p.project_key && x.start_date !== null && x.start_date === q.start_date && x.ministry === q.ministry && x !== q,
        );
        pairs.push(`${p.name} / ${q.name}`);
        if (agree) expect(p.project_key, `${p.name} / ${q.name}`).toBe(q.project_key);
        else expect(distinct.has([p.project_key, q.project_key].sort().join(" ")), `${p.name} / ${q.name}`).toBe(true);
      }
    }
    expect(new Set(pairs).size).toBeGreaterThanOrEqual(5);
  });
});

/** "GENESIS V2" → "GENESIS", "SIRENA Cycle 1" → "SIRENA", "PNIJ NG (ANTENJ)" → "PNIJ"; null without a version suffix. */
function versionBase(name: string): string | null {
  const m = /^(.+?)[\s_-]+(?:v\s?\d+|version\s+\d+|phase\s+[ivx\d]+|cycle\s+\d+|ng)\b.*$/i.exec(name.trim());
  return m ? m[1]! : null;
}

let dir: string | null = null;

describe("the CLI: single-edition ingests key rows as the whole set does", () => {
  const listings: Record<string, Listing[]> = {
    "2017-02": [
      { name: "FRANCECONNECT PHASE II", ministry: SPM, start: "2017-01-01" },
      { name: "C#", ministry: INTERIEUR },
    ],
    "2017-11": [
      { name: "FRANCE CONNECT PHASE II", ministry: SPM, start: "2017-01-01" },
      { name: "MCIC²", ministry: INTERIEUR },
      { name: "C", ministry: ARMEES },
    ],
    "2018-03": [
      { name: "APPACH", ministry: FINANCES, start: "2016-01-01" },
      { name: "MCIC-2", ministry: INTERIEUR },
      { name: "SIRH", ministry: JUSTICE },
    ],
  };

  beforeAll(async () => {
    dir = await tempDir("panorama-keys-");
  });
  afterAll(async () => {
    if (dir) await removeDir(dir);
  });

  it("`panorama ingest` of each edition gives the keys of the combined editions", async () => {
    const full = keysOf(combine(Object.entries(listings).map(([id, list]) => edition(id, list))).projects);
    for (const [id, list] of Object.entries(listings)) {
      const file = join(dir!, `${id}.csv`);
      await writeFile(file, editionCsv(id, list));
      const out = join(dir!, `out-${id}`);
      const run = await runCli(["ingest", file, "--edition", id, "--out", out]);
      expect(run.code, run.err).toBe(0);
      const rows = await queryDuckdb(join(out, "panorama.duckdb"), "SELECT edition, source_row, project_key FROM projects ORDER BY source_row");
      expect(rows.length).toBe(list.length);
      for (const r of rows) expect(r.project_key).toBe(full.get(`${r.edition}|${r.source_row}`));
    }
  }, 60_000);
});
