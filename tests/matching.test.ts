import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import { buildFromCatalogue, type Dataset } from "../loaders/build/dataset.js";
import { datasetTables } from "../loaders/output/tables.js";
import { loadCatalogue } from "../loaders/sources/catalogue.js";
import { assignProjectKeys, foldProjectName, ministrySlug, nameSimilarity, type MatchTables } from "../loaders/build/index.js";
import { matchingRows, MATCHING_STATUS } from "../loaders/report/index.js";
import { canonicalMinistry } from "../loaders/normalize/ministries.js";
import { PROJECT_ALIASES, PROJECT_DISTINCT, type ProjectAlias } from "../loaders/build/aliases.js";
import type { MovementRow, ProjectHistoryRow, ProjectRow } from "../loaders/schema.js";
import { row } from "./fixtures/tracking/projects.js";

const NO_TABLES: MatchTables = { aliases: [], distinct: [] };

/** Rows given as [edition, name, ministry?]; returns the key of each, in order. */
function keysOf(specs: readonly (readonly [string, string, string?])[], tables: MatchTables = NO_TABLES): string[] {
  const rows = specs.map(([edition, name, ministry]) => row({ edition, name, ministry: ministry ?? "Justice" }));
  return assignProjectKeys(rows, tables).projects.map((p) => p.project_key);
}

describe("foldProjectName", () => {
  it.each([
    ["Géoportail", "geoportail"],
    ["Montée de version du SIRH", "montee version sirh"],
    ["MISTR@L", "mistral"],
    ["OP@LE", "opale"],
    ["MCIC²", "mcic2"],
    ["Guichet_Entreprise_DGE", "guichet entreprise dge"],
    ['SI-Samu  (étape "Construction & Pilote")', "si samu etape construction pilote"],
    ["SIV (MI)", "siv"],
    ["PORTALIS (Ministère de la Justice)", "portalis"],
    ["PNIJ NG (ANTENJ)", "pnij ng antenj"],
    ["DSN FPE (concentrateur)", "dsn fpe concentrateur"],
    ["Compte Personnel d'Activité", "compte personnel activite"],
    ["S.I.R.H.", "sirh"],
    ["S.A.M.U. à Paris", "samu paris"],
    ["Dépl. PESE, Winpaie, RenoiRH + évol.SI connexes", "depl pese winpaie renoirh evol si connexes"],
  ])("%j → %j", (name, folded) => {
    expect(foldProjectName(name)).toBe(folded);
  });
});

describe("ministrySlug", () => {
  it.each([
    ["Justice", "justice"],
    ["Intérieur", "interieur"],
    ["Économie et Finances", "economie-finances"],
    ["Services du Premier ministre", "services-premier-ministre"],
    [null, "sans-ministere"],
  ])("%j → %j", (ministry, slug) => {
    expect(ministrySlug(ministry)).toBe(slug);
  });
});

describe("assignProjectKeys: names", () => {
  it.each([
    ["case", "ICONOLAB", "IconoLab"],
    ["accents", "GEOPORTAIL", "Géoportail"],
    ["punctuation", "Regroup. centres info.", "REGROUP. CENTRES INFO"],
    ["underscores", "Guichet_Entreprise_DGE", "GUICHET ENTREPRISE DGE"],
    ["@ for a", "MISTR@L", "Mistral"],
    ["superscript digit", "MCIC²", "MCIC2"],
    ["connecting words", "Montée de version du SIRH", "MONTEE DE VERSION SIRH"],
    ["trailing ministry acronym", "SIV (MI)", "SIV"],
  ])("one key across editions despite %s: %j / %j", (_what, older, newer) => {
    const [a, b] = keysOf([
      ["2017-06", older],
      ["2017-11", newer],
    ]);
    expect(a).toBe(b);
  });

  it.each([
    ["a new phase", "FRANCE CONNECT", "FRANCE CONNECT PHASE II"],
    ["a new version", "GENESIS", "GENESIS V2"],
    ["another lot", "CIEL lot 1", "CIEL lot 2"],
    ["a different qualifier in parentheses", "PNIJ", "PNIJ NG (ANTENJ)"],
  ])("two keys for %s: %j / %j", (_what, older, newer) => {
    const [a, b] = keysOf([
      ["2016-11", older],
      ["2017-02", newer],
    ]);
    expect(a).not.toBe(b);
  });

  it("takes the key from each row's own name, whatever the other editions", () => {
    expect(
      keysOf([
        ["2017-11", "MCIC²"],
        ["2018-03", "MCIC-2"],
        ["2017-02", "FRANCECONNECT PHASE II"],
        ["2017-11", "FRANCE CONNECT PHASE II"],
      ]),
    ).toEqual(["mcic2", "mcic-2", "franceconnect-phase-ii", "france-connect-phase-ii"]);
  });

  it("lists names that differ only by spaces as look-alikes to review, until an alias joins them", () => {
    const specs = [
      ["2017-02", "FRANCECONNECT PHASE II"],
      ["2017-11", "FRANCE CONNECT PHASE II"],
    ] as const;
    const rows = specs.map(([edition, name]) => row({ edition, name }));
    const { report } = assignProjectKeys(rows, NO_TABLES);
    expect(report.ambiguous.map((a) => [a.project_key, a.candidate_keys])).toEqual([["franceconnect-phase-ii", ["france-connect-phase-ii"]]]);
    expect(report.ambiguous[0]!.why).toMatch(/même nom aux espaces près/);
    const alias = { from: "FRANCE CONNECT PHASE II", to: "franceconnect-phase-ii", why: "Espaces." };
    expect(keysOf(specs, { aliases: [alias], distinct: [] })).toEqual(["franceconnect-phase-ii", "franceconnect-phase-ii"]);
  });
});

describe("assignProjectKeys: ministries", () => {
  it("keeps one key when the ministry's published label changes (one canonical ministry)", () => {
    const rows = [
      row({ edition: "2016-11", name: "VITAM", ministry_published: "Premier ministre", ministry: canonicalMinistry("Premier ministre") }),
      row({
        edition: "2017-11",
        name: "VITAM",
        ministry_published: "Services du Premier Ministre",
        ministry: canonicalMinistry("Services du Premier Ministre"),
      }),
      row({ edition: "2017-06", name: "ENSAP", ministry: canonicalMinistry("Ministères de l'Économie et des Finances") }),
      row({ edition: "2018-03", name: "ENSAP", ministry: canonicalMinistry("Ministère de l'Action et des Comptes Publics", "MCAP") }),
    ];
    const { projects, report } = assignProjectKeys(rows, NO_TABLES);
    expect(projects.map((p) => p.project_key)).toEqual(["vitam", "vitam", "ensap", "ensap"]);
    expect(report.ministry_changes).toEqual([]);
  });

  it("gives two keys, each with its ministry, to one name listed under two ministries in one edition, and asks for aliases", () => {
    const specs = [
      ["2017-06", "SIRH", "Justice"],
      ["2017-06", "SIRH", "Intérieur"],
      ["2018-03", "SIRH", "Justice"],
      ["2016-11", "S.I.R.H.", "Intérieur"],
    ] as const;
    expect(keysOf(specs)).toEqual(["sirh-justice", "sirh-interieur", "sirh", "sirh"]);
    const { report } = assignProjectKeys(
      specs.map(([edition, name, ministry]) => row({ edition, name, ministry })),
      NO_TABLES,
    );
    expect(report.shared_names).toEqual([
      { edition: "2017-06", key: "sirh", project_keys: ["sirh-interieur", "sirh-justice"], names: ["SIRH", "SIRH"], ministries: ["Intérieur", "Justice"] },
    ]);
    expect(
      matchingRows(report)
        .filter((r) => r.status === MATCHING_STATUS.shared)
        .map((r) => r.project_key),
    ).toEqual(["sirh-interieur", "sirh-justice"]);
    const aliases: ProjectAlias[] = [
      { from: "SIRH", ministry: "Justice", to: "sirh-justice", why: "x" },
      { from: "SIRH", ministry: "Intérieur", to: "sirh-interieur", why: "y" },
    ];
    expect(keysOf(specs, { aliases, distinct: [] })).toEqual(["sirh-justice", "sirh-interieur", "sirh-justice", "sirh-interieur"]);
  });

  it("keeps one key when a project moves to another ministry, and reports the move", () => {
    const rows = [
      row({ edition: "2018-03", name: "OSHIMAE", ministry: "Agriculture et Alimentation" }),
      row({ edition: "2018-07", name: "OSHIMAE", ministry: "Transition écologique" }),
      row({ edition: "2018-11", name: "OSHIMAE", ministry: "Transition écologique" }),
    ];
    const { projects, report } = assignProjectKeys(rows, NO_TABLES);
    expect(new Set(projects.map((p) => p.project_key))).toEqual(new Set(["oshimae"]));
    expect(report.ministry_changes).toEqual([
      {
        project_key: "oshimae",
        name: "OSHIMAE",
        ministries: [
          { ministry: "Agriculture et Alimentation", editions: ["2018-03"] },
          { ministry: "Transition écologique", editions: ["2018-07", "2018-11"] },
        ],
      },
    ]);
  });
});

describe("assignProjectKeys: aliases", () => {
  const aliases: ProjectAlias[] = [
    { from: "Compte Personnel d'Activité", to: "cpa", why: "Même description ; sigle en 2017-11." },
    { from: "SIRH", ministry: "Justice", to: "harmonie", why: "Renommé HARMONIE en 2017-11." },
  ];

  it("joins a renamed project to the key of its new name, and says so in the report", () => {
    const rows = [
      row({ edition: "2017-02", name: "Compte Personnel d'Activité" }),
      row({ edition: "2017-06", name: "COMPTE PERSONNEL D’ACTIVITE" }),
      row({ edition: "2017-11", name: "CPA" }),
    ];
    const { projects, report } = assignProjectKeys(rows, { aliases, distinct: [] });
    expect(projects.map((p) => p.project_key)).toEqual(["cpa", "cpa", "cpa"]);
    expect(report.matched).toEqual([
      {
        project_key: "cpa",
        names: ["Compte Personnel d'Activité", "COMPTE PERSONNEL D’ACTIVITE", "CPA"],
        ministries: ["Justice"],
        editions: ["2017-02", "2017-06", "2017-11"],
        via: "alias",
        why: "Même description ; sigle en 2017-11.",
      },
    ]);
    expect(report.aliases.map((a) => [a.from, a.rows])).toEqual([
      ["Compte Personnel d'Activité", 2],
      ["SIRH", 0],
    ]);
    expect(report.counts).toMatchObject({ projects: 1, matched: 1, matched_by_alias: 1, aliases_used: 1, aliases_unused: 1 });
  });

  it("applies an alias that names a ministry to that ministry only", () => {
    const keys = keysOf(
      [
        ["2017-06", "SIRH", "Justice"],
        ["2017-11", "HARMONIE", "Justice"],
        ["2017-06", "SIRH", "Intérieur"],
      ],
      { aliases, distinct: [] },
    );
    expect(keys).toEqual(["harmonie", "harmonie", "sirh"]);
  });

  it.each([
    [
      "two aliases for one folded name",
      [
        { from: "CPA", to: "a", why: "x" },
        { from: "C.P.A.", to: "b", why: "y" },
      ],
      /fold to the same name/,
    ],
    ["a target that is not a key", [{ from: "CPA", to: "Compte personnel", why: "x" }], /not a project key/],
  ])("rejects an alias table with %s", (_what, table, message) => {
    expect(() => assignProjectKeys([row({ edition: "2017-06", name: "CPA" })], { aliases: table, distinct: [] })).toThrow(message);
  });
});

describe("assignProjectKeys: report", () => {
  const rows = (): ProjectRow[] => [
    row({ edition: "2016-11", name: "FRANCE CONNECT", ministry: "Services du Premier ministre" }),
    row({ edition: "2017-02", name: "FRANCECONNECT PHASE II", ministry: "Services du Premier ministre" }),
    row({ edition: "2017-06", name: "GENESIS V2" }),
    row({ edition: "2017-02", name: "GENESIS" }),
    row({ edition: "2016-11", name: "GENESIS" }),
    row({ edition: "2017-02", name: "PORTALIS" }),
    row({ edition: "2017-06", name: "PORTALIS V2" }),
    row({ edition: "2017-06", name: "Réseau Interministériel de l'Etat", ministry: "Intérieur" }),
    row({ edition: "2017-11", name: "RIE", ministry: "Intérieur" }),
    row({ edition: "2017-11", name: "PNIJ NG", ministry: "Intérieur" }),
    row({ edition: "2017-06", name: "PNIJ" }),
    row({ edition: "2017-11", name: "ASTREA", source_row: 5 }),
    row({ edition: "2017-11", name: "ASTREA", source_row: 90 }),
  ];

  it("lists as ambiguous the look-alikes never listed together in one ministry, unless reviewed", () => {
    const distinct = [{ a: "genesis-v2", b: "genesis", why: "Nouvelle version." }];
    const { report } = assignProjectKeys(rows(), { aliases: [], distinct });
    expect(report.ambiguous.map((a) => [a.project_key, a.candidate_keys])).toEqual([
      ["france-connect", ["franceconnect-phase-ii"]],
      ["portalis", ["portalis-v2"]],
      ["reseau-interministeriel-etat", ["rie"]],
    ]);
    expect(report.ambiguous[0]!.why).toBe(
      "« FRANCE CONNECT » (Services du Premier ministre) figure en 2016-11 ; « FRANCECONNECT PHASE II » en 2017-02 (un nom contient l’autre ; même ministère, début non comparable (non publié), description non comparable (non publiée)) ; jamais dans la même édition.",
    );
    expect(report.ambiguous[2]!.why).toMatch(/l’un est le sigle de l’autre/);
    expect(report.reviewed_distinct).toEqual([
      { project_key: "genesis", name: "GENESIS", other_key: "genesis-v2", other_name: "GENESIS V2", why: "Nouvelle version." },
    ]);
  });

  it("splits projects seen in several editions from those seen in one, and lists duplicate listings", () => {
    const { report } = assignProjectKeys(rows(), NO_TABLES);
    expect(report.matched.map((m) => [m.project_key, m.editions, m.via])).toEqual([["genesis", ["2016-11", "2017-02"], "name"]]);
    expect(report.unmatched.map((u) => `${u.project_key}@${u.edition}`)).toEqual([
      "astrea@2017-11",
      "france-connect@2016-11",
      "franceconnect-phase-ii@2017-02",
      "genesis-v2@2017-06",
      "pnij@2017-06",
      "pnij-ng@2017-11",
      "portalis@2017-02",
      "portalis-v2@2017-06",
      "reseau-interministeriel-etat@2017-06",
      "rie@2017-11",
    ]);
    expect(report.duplicates).toEqual([{ edition: "2017-11", project_key: "astrea", names: ["ASTREA", "ASTREA"], source_rows: [5, 90] }]);
    expect(report.counts).toMatchObject({ rows: 13, projects: 11, matched: 1, unmatched: 10, duplicates: 1 });
  });

  it("does not list look-alikes of different ministries, nor look-alikes listed together", () => {
    const { report } = assignProjectKeys(rows(), NO_TABLES);
    const pairs = report.ambiguous.flatMap((a) => a.candidate_keys.map((c) => [a.project_key, c].sort().join(" ")));
    expect(pairs).not.toContain("pnij pnij-ng");
    expect(pairs).toContain("portalis portalis-v2");
    const together = [row({ edition: "2017-06", name: "GENESIS" }), row({ edition: "2017-06", name: "GENESIS V2" })];
    expect(assignProjectKeys(together, NO_TABLES).report.ambiguous).toEqual([]);
  });

  it("flattens to one row per finding, statuses in French", () => {
    const { report } = assignProjectKeys(rows(), NO_TABLES);
    const flat = matchingRows(report);
    const count = (status: string) => flat.filter((r) => r.status === status).length;
    expect(count(MATCHING_STATUS.ambiguous)).toBe(report.ambiguous.length);
    expect(count(MATCHING_STATUS.matched)).toBe(1);
    expect(count(MATCHING_STATUS.unmatched)).toBe(10);
    expect(count(MATCHING_STATUS.duplicate)).toBe(1);
    expect(flat.find((r) => r.project_key === "genesis" && r.status === MATCHING_STATUS.matched)).toMatchObject({
      names: "« GENESIS »",
      editions: "2016-11, 2017-02",
    });
  });

  it("is independent of the order of the rows", () => {
    const base = rows();
    const expected = assignProjectKeys(base, NO_TABLES);
    const keyOf = new Map(base.map((p, i) => [p, expected.projects[i]!.project_key]));
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }), (shuffled) => {
        const got = assignProjectKeys(shuffled, NO_TABLES);
        expect(got.projects.map((p) => p.project_key)).toEqual(shuffled.map((p) => keyOf.get(p)));
        expect(got.report).toEqual(expected.report);
      }),
    );
  });

  it("does not change anything but project_key", () => {
    const base = rows();
    const { projects } = assignProjectKeys(base, NO_TABLES);
    expect(projects.map(({ project_key: _k, ...rest }) => rest)).toEqual(base.map(({ project_key: _k, ...rest }) => rest));
  });
});

describe("nameSimilarity", () => {
  it.each([
    ["CPA", "Compte Personnel d'Activité", { acronym: true, contained: false }],
    ["RIE", "Réseau Interministériel de l'Etat", { acronym: true }],
    ["Regroup. centres info.", "Regroupement des centres informatiques", { jaccard: 1, contained: true }],
    ["PPNG", "PPNG Plan Préfectures Nouvelle Génération", { contained: true }],
    ["SIRHIUS", "SIRHIUS V1", { jaccard: 0.5, contained: true }],
    ["ANEF", "ERPC", { jaccard: 0, contained: false, acronym: false }],
    ["SI", "SI SAMU", { contained: false }],
  ])("%j ~ %j", (a, b, expected) => {
    expect(nameSimilarity(a, b)).toMatchObject(expected);
    expect(nameSimilarity(b, a)).toMatchObject(expected);
  });
});

describe("the reviewed tables", () => {
  it.each(PROJECT_ALIASES.map((a) => [a.from, a]))("alias %j targets a key and cites an edition", (_from, alias) => {
    expect(alias.to).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(alias.why).toMatch(/\b20\d\d-\d\d\b/);
    expect(foldProjectName(alias.from).replace(/ /g, "-")).not.toBe(alias.to);
  });

  it.each(PROJECT_DISTINCT.map((d) => [d.a, d.b, d]))("distinct pair %s / %s is justified", (_a, _b, pair) => {
    expect(pair.a).not.toBe(pair.b);
    expect(pair.why.length).toBeGreaterThan(20);
  });
});

describe.skipIf(!process.env.PANORAMA_MIRROR)("over the mirrored editions (needs PANORAMA_MIRROR)", () => {
  let dataset: Dataset;
  let history: ProjectHistoryRow[];
  let movements: MovementRow[];
  let editions: string[];
  const keysIn = (edition: string) => new Set(dataset.projects.filter((p) => p.edition === edition).map((p) => p.project_key));

  beforeAll(async () => {
    dataset = await buildFromCatalogue(loadCatalogue(), { ...defaultAcquireOptions(), online: false });
    const tables = new Map(datasetTables(dataset).map((t) => [t.name, t.rows]));
    history = tables.get("project_history") as ProjectHistoryRow[];
    movements = tables.get("movements") as MovementRow[];
    editions = dataset.editions.map((e) => e.edition);
  });

  it("loads the eight mirrored editions", () => {
    expect(editions).toEqual(["2016-11", "2017-02", "2017-06", "2017-11", "2018-03", "2018-07", "2018-11", "2021-11"]);
  });

  it("gives every project row a key and every key one history row", () => {
    expect(dataset.projects.every((p) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.project_key))).toBe(true);
    const keys = [...new Set(dataset.projects.map((p) => p.project_key))].sort();
    expect(history.map((h) => h.project_key)).toEqual(keys);
    expect(dataset.matching.counts.projects).toBe(keys.length);
    expect(dataset.matching.counts.rows).toBe(dataset.projects.length);
  });

  it("never gives one key to two rows of one edition", () => {
    for (const e of dataset.editions) expect(keysIn(e.edition).size).toBe(e.project_count);
  });

  it("agrees with an independent count of projects present in one edition and not the next", () => {
    for (let i = 1; i < editions.length; i++) {
      const before = keysIn(editions[i - 1]!);
      const after = keysIn(editions[i]!);
      const here = movements.filter((m) => m.edition === editions[i]);
      const of = (kind: string) =>
        here
          .filter((m) => m.movement === kind)
          .map((m) => m.project_key)
          .sort();
      expect(of("exited")).toEqual([...before].filter((k) => !after.has(k)).sort());
      expect(of("entered")).toEqual([...after].filter((k) => !before.has(k)).sort());
      expect(of("entered").length - of("exited").length).toBe(after.size - before.size);
    }
  });

  it("reports every gap: a project's editions are consecutive or the missing ones are in gaps", () => {
    for (const h of history) {
      const present = editions.filter((e) => keysIn(e).has(h.project_key));
      const span = editions.slice(editions.indexOf(h.first_edition), editions.indexOf(h.last_edition) + 1);
      expect(h.editions_count).toBe(present.length);
      expect(h.gaps?.split(", ") ?? []).toEqual(span.filter((e) => !present.includes(e)));
    }
  });

  it("uses every alias, joins each to a project known by name, and leaves no look-alike unreviewed", () => {
    const report = dataset.matching;
    expect(report.aliases.filter((a) => a.rows === 0)).toEqual([]);
    for (const alias of PROJECT_ALIASES) {
      const joined = report.matched.find((m) => m.project_key === alias.to);
      expect(joined, alias.to).toBeDefined();
      expect(joined!.names.length, alias.to).toBeGreaterThan(1);
    }
    expect(report.ambiguous).toEqual([]);
    expect(report.reviewed_distinct).toHaveLength(PROJECT_DISTINCT.length);
  });

  it.each([
    ["cassiopee", 7, null],
    ["rie", 4, null],
    ["dsn-fpe-concentrateur", 6, null],
    ["france-connect", 1, null],
    ["3pa-s", 5, null],
    ["mcic2", 5, null],
    ["franceconnect-phase-ii", 6, null],
    ["montee-version-sirh", 7, null],
    ["nexsis", 2, null],
    ["ppng", 5, null],
  ])("%s is listed in %i editions", (key, count, gaps) => {
    const h = history.find((r) => r.project_key === key);
    expect(h).toMatchObject({ editions_count: count, gaps });
  });
});
