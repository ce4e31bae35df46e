import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDuckDB } from "../loaders/output/index.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PanoramaError } from "../loaders/errors.js";
import { buildHistory, buildMovements } from "../loaders/build/history.js";
import { TABLES, type ProjectHistoryRow, type ProjectRow } from "../loaders/schema.js";
import { writeDatabase } from "../loaders/output/write.js";
import { EDITIONS, row, TRACKING_FIXTURE } from "./fixtures/tracking/projects.js";

const nothing = {
  gaps: null,
  first_cost_meur: null,
  last_cost_meur: null,
  first_cost_edition: null,
  last_cost_edition: null,
  cost_change_meur: null,
  cost_change_ratio: null,
  first_duration_years: null,
  last_duration_years: null,
  duration_change_years: null,
  first_start_date: null,
  last_start_date: null,
  phases: null,
};

const EXPECTED_HISTORY: ProjectHistoryRow[] = [
  {
    ...nothing,
    project_key: "alpha",
    name: "ALPHA",
    ministry: "Justice",
    first_edition: "2016-11",
    last_edition: "2018-11",
    editions_count: 4,
    first_cost_meur: 10,
    last_cost_meur: 12,
    first_cost_edition: "2016-11",
    last_cost_edition: "2018-11",
    cost_change_meur: 2,
    cost_change_ratio: 0.2,
    first_duration_years: 3,
    last_duration_years: 4.5,
    duration_change_years: 1.5,
    first_start_date: "2015-01-01",
    last_start_date: "2015-06-01",
    phases: "Cadrage → Conception / Réalisation",
    still_listed: true,
  },
  {
    ...nothing,
    project_key: "beta",
    name: "BETA",
    ministry: "Justice",
    first_edition: "2016-11",
    last_edition: "2018-03",
    editions_count: 2,
    gaps: "2017-06",
    first_cost_meur: 0,
    last_cost_meur: 5,
    first_cost_edition: "2016-11",
    last_cost_edition: "2018-03",
    cost_change_meur: 5,
    cost_change_ratio: null,
    first_duration_years: 2,
    last_duration_years: 2,
    duration_change_years: 0,
    phases: "Cadrage → Déploiement",
    still_listed: false,
  },
  {
    ...nothing,
    project_key: "delta",
    name: "DELTA",
    ministry: "Justice",
    first_edition: "2018-03",
    last_edition: "2018-11",
    editions_count: 2,
    first_cost_meur: 26.2,
    last_cost_meur: 28.04,
    first_cost_edition: "2018-03",
    last_cost_edition: "2018-11",
    cost_change_meur: 1.84,
    cost_change_ratio: 0.070229,
    first_duration_years: 6.506849315068493,
    last_duration_years: 8.00547945205479,
    duration_change_years: 1.49863,
    phases: "Conception / Réalisation → Déploiement",
    still_listed: true,
  },
  {
    ...nothing,
    project_key: "epsilon",
    name: "EPSILON",
    ministry: "Justice",
    first_edition: "2018-11",
    last_edition: "2018-11",
    editions_count: 1,
    first_cost_meur: 7,
    last_cost_meur: 7,
    first_cost_edition: "2018-11",
    last_cost_edition: "2018-11",
    cost_change_meur: 0,
    cost_change_ratio: 0,
    first_duration_years: 2,
    last_duration_years: 2,
    duration_change_years: 0,
    still_listed: true,
  },
  {
    ...nothing,
    project_key: "gamma",
    name: "GAMMA",
    ministry: "Justice",
    first_edition: "2017-06",
    last_edition: "2017-06",
    editions_count: 1,
    still_listed: false,
  },
];

describe("buildHistory", () => {
  it("gives the known answers on the hand-made fixture (gap, withheld cost, single edition, duplicate listing)", () => {
    expect(buildHistory(TRACKING_FIXTURE, EDITIONS)).toEqual(EXPECTED_HISTORY);
  });

  it("does not depend on the order of the rows", () => {
    const reversed = [...TRACKING_FIXTURE].reverse();
    expect(buildHistory(reversed, EDITIONS)).toEqual(EXPECTED_HISTORY);
  });

  it("keeps columns in the order and with the types of PROJECT_HISTORY_COLUMNS", () => {
    const [first] = buildHistory(TRACKING_FIXTURE, EDITIONS);
    expect(Object.keys(first!)).toEqual(TABLES.project_history.map((c) => c.name));
  });

  it.each([
    ["the latest non-null ministry", [{ ministry: "Justice" }, { ministry: null }], "ministry", "Justice"],
    ["no phase path when no edition gives a phase", [{}, {}], "phases", null],
    [
      "a phase path that comes back (A → B → A)",
      [{ phase: "Cadrage" }, { phase: "Déploiement" }, { phase: "Cadrage" }],
      "phases",
      "Cadrage → Déploiement → Cadrage",
    ],
    [
      "the only published cost as both first and last when the later one is withheld",
      [{ cost_meur: 4 }, { cost_meur: null, figures_withheld: true }],
      "cost_change_ratio",
      0,
    ],
    ["a negative change", [{ cost_meur: 352 }, { cost_meur: 198.22 }], "cost_change_meur", -153.78],
  ] as const)("%s", (_label, parts, column, expected) => {
    const editions = parts.map((_, i) => `20${10 + i}-01`);
    const rows = parts.map((p, i) => row({ edition: editions[i]!, name: "X", project_key: "x", ...(p as Partial<ProjectRow>) }));
    const [history] = buildHistory(rows, editions);
    expect(history![column]).toBe(expected);
  });

  it("fails loudly on a row whose edition is not in the edition order", () => {
    expect(() => buildHistory(TRACKING_FIXTURE, EDITIONS.slice(1))).toThrow(PanoramaError);
    expect(() => buildHistory(TRACKING_FIXTURE, EDITIONS.slice(1))).toThrow(/2016-11.*not in the edition order/);
  });

  it("writes to DuckDB with the declared column types", async () => {
    const dir = await mkdtemp(join(tmpdir(), "panorama-history-"));
    try {
      const db = join(dir, "t.duckdb");
      await writeDatabase(
        [
          { name: "project_history", columns: TABLES.project_history, rows: buildHistory(TRACKING_FIXTURE, EDITIONS) },
          { name: "movements", columns: TABLES.movements, rows: buildMovements(TRACKING_FIXTURE, EDITIONS) },
        ],
        db,
      );
      const { connection: c, close } = await openDuckDB();
      try {
        await c.run(`ATTACH '${db}' AS db (READ_ONLY)`);
        const got = (
          await c.runAndReadAll(
            `SELECT project_key, gaps, first_start_date, still_listed FROM db.project_history WHERE project_key IN ('alpha', 'beta') ORDER BY 1`,
          )
        ).getRowObjectsJson();
        expect(got).toEqual([
          { project_key: "alpha", gaps: null, first_start_date: "2015-01-01", still_listed: true },
          { project_key: "beta", gaps: "2017-06", first_start_date: null, still_listed: false },
        ]);
        const counts = (await c.runAndReadAll(`SELECT movement, count(*)::INTEGER AS n FROM db.movements GROUP BY 1 ORDER BY 1`)).getRowObjectsJson();
        expect(counts).toEqual([
          { movement: "entered", n: 4 },
          { movement: "exited", n: 3 },
        ]);
      } finally {
        close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("buildMovements", () => {
  it("gives the known entries and exits on the hand-made fixture", () => {
    expect(buildMovements(TRACKING_FIXTURE, EDITIONS)).toEqual([
      { edition: "2017-06", previous_edition: "2016-11", project_key: "gamma", movement: "entered" },
      { edition: "2017-06", previous_edition: "2016-11", project_key: "beta", movement: "exited" },
      { edition: "2018-03", previous_edition: "2017-06", project_key: "beta", movement: "entered" },
      { edition: "2018-03", previous_edition: "2017-06", project_key: "delta", movement: "entered" },
      { edition: "2018-03", previous_edition: "2017-06", project_key: "gamma", movement: "exited" },
      { edition: "2018-11", previous_edition: "2018-03", project_key: "epsilon", movement: "entered" },
      { edition: "2018-11", previous_edition: "2018-03", project_key: "beta", movement: "exited" },
    ]);
  });

  it("has no movement for a single edition, and everything enters after an empty edition", () => {
    expect(
      buildMovements(
        TRACKING_FIXTURE.filter((p) => p.edition === "2016-11"),
        ["2016-11"],
      ),
    ).toEqual([]);
    const rows = [row({ edition: "2018-11", name: "A", project_key: "a" })];
    expect(buildMovements(rows, ["2018-03", "2018-11"])).toEqual([{ edition: "2018-11", previous_edition: "2018-03", project_key: "a", movement: "entered" }]);
  });
});

/** Random listings: which of 6 projects each of 2–6 editions lists, some twice. */
const listings = fc.array(fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 10 }), { minLength: 2, maxLength: 6 }).map((perEdition) => {
  const editions = perEdition.map((_, i) => `${2016 + i}-06`);
  const rows = perEdition.flatMap((keys, i) =>
    keys.filter((k) => k < 6).map((k, j) => row({ edition: editions[i]!, name: `P${k}`, project_key: `p${k}`, source_row: j + 2, cost_meur: j })),
  );
  return { editions, rows };
});

describe("properties", () => {
  it("entered − exited between consecutive editions = change in distinct project count", () => {
    fc.assert(
      fc.property(listings, ({ editions, rows }) => {
        const movements = buildMovements(rows, editions);
        const distinct = editions.map((e) => new Set(rows.filter((r) => r.edition === e).map((r) => r.project_key)).size);
        for (let i = 1; i < editions.length; i++) {
          const here = movements.filter((m) => m.edition === editions[i]);
          const entered = here.filter((m) => m.movement === "entered").length;
          const exited = here.filter((m) => m.movement === "exited").length;
          expect(entered - exited).toBe(distinct[i]! - distinct[i - 1]!);
          expect(here.every((m) => m.previous_edition === editions[i - 1])).toBe(true);
        }
      }),
    );
  });

  it("one history row per key, whose editions count, gaps and listing agree with the rows", () => {
    fc.assert(
      fc.property(listings, ({ editions, rows }) => {
        const history = buildHistory(rows, editions);
        const keys = [...new Set(rows.map((r) => r.project_key))].sort();
        expect(history.map((h) => h.project_key)).toEqual(keys);
        for (const h of history) {
          const present = editions.filter((e) => rows.some((r) => r.edition === e && r.project_key === h.project_key));
          expect(h.editions_count).toBe(present.length);
          expect(h.first_edition).toBe(present[0]);
          expect(h.last_edition).toBe(present[present.length - 1]);
          const span = editions.slice(editions.indexOf(present[0]!), editions.indexOf(present[present.length - 1]!) + 1);
          expect(h.gaps?.split(", ") ?? []).toEqual(span.filter((e) => !present.includes(e)));
          expect(h.still_listed).toBe(present.includes(editions[editions.length - 1]!));
        }
      }),
    );
  });
});
