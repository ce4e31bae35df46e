import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset, type Dataset } from "../loaders/index.js";
import { reconcile } from "../loaders/report/reconciliation.js";
import type { EditionRow } from "../loaders/schema.js";
import { editionRow, row } from "./fixtures/tracking/projects.js";
import { MIRROR, NO_MIRROR_REASON } from "./helpers.js";

function edition(id: string, official: Partial<EditionRow>): EditionRow {
  return editionRow(id, { label: `label ${id}`, ...official });
}

describe("reconcile", () => {
  const projects = [
    row({ edition: "2018-11", name: "A", interministerial: true, cost_meur: 1000.4, duration_years: 3 }),
    row({ edition: "2018-11", name: "B", interministerial: false, cost_meur: 500, duration_years: 4.26 }),
    row({ edition: "2018-11", name: "C", interministerial: null, cost_meur: null, duration_years: null }),
    row({ edition: "2016-11", name: "A", cost_meur: null, duration_years: null }),
  ];
  const editions = [
    edition("2018-11", { official_projects: 3, official_interministerial: 2, official_cost_beur: 1.5, official_duration_years: 3.6 }),
    edition("2016-11", { official_projects: 1 }),
  ];
  const notes = [{ edition: "2018-11", figure: "interministerial" as const, note: "Note relue." }];
  const rows = reconcile(projects, editions, notes);
  const get = (e: string, f: string) => rows.find((r) => r.edition === e && r.figure === f)!;

  it("has one row per edition and figure, oldest edition first", () => {
    expect(rows.map((r) => `${r.edition} ${r.figure}`)).toEqual([
      "2016-11 projects",
      "2016-11 interministerial",
      "2016-11 cost",
      "2016-11 duration",
      "2018-11 projects",
      "2018-11 interministerial",
      "2018-11 cost",
      "2018-11 duration",
    ]);
  });

  it.each([
    ["2018-11", "projects", 3, 3, 0, true],
    ["2018-11", "interministerial", 1, 2, -1, false],
    // 1,5004 Md€ rounds to 1,50: agrees at the published precision.
    ["2018-11", "cost", 1.5004, 1.5, 0, true],
    // mean of 3 and 4,26 = 3,63 → 3,6.
    ["2018-11", "duration", 3.63, 3.6, 0, true],
    ["2016-11", "projects", 1, 1, 0, true],
    ["2016-11", "cost", null, null, null, null],
    ["2016-11", "interministerial", 0, null, null, null],
  ])("%s %s: computed %s, published %s, difference %s", (e, f, computed, published, difference, agrees) => {
    const r = get(e, f);
    if (typeof computed === "number") expect(r.computed).toBeCloseTo(computed, 9);
    else expect(r.computed).toBeNull();
    expect(r.published).toBe(published);
    expect(r.difference).toBe(difference);
    expect(r.agrees).toBe(agrees);
  });

  it("explains how each figure is computed, and adds the reviewed note", () => {
    expect(get("2018-11", "cost").explanation).toMatch(/1 projet sans coût publié n’est pas compté/);
    expect(get("2018-11", "duration").explanation).toMatch(/Moyenne sur 2 projets/);
    expect(get("2018-11", "interministerial").explanation).toMatch(/Différent du chiffre publié\. Note relue\.$/);
    expect(get("2016-11", "interministerial").explanation).toMatch(/Pas de chiffre publié/);
    expect(get("2018-11", "interministerial")).toMatchObject({ method: "Lignes marquées interministérielles.", note: "Note relue." });
    expect(get("2018-11", "cost").note).toBeNull();
  });
});

describe.skipIf(!MIRROR)(`reconciliation of the mirrored editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await loadDataset();
  });

  it("agrees everywhere but the 2021-11 cost, which is explained", () => {
    const rows = reconcile(dataset.projects, dataset.editions);
    const differ = rows.filter((r) => r.agrees !== true).map((r) => `${r.edition} ${r.figure}`);
    expect(differ).toEqual(["2021-11 cost"]);
    expect(rows.find((r) => r.edition === "2021-11" && r.figure === "cost")!.explanation).toMatch(/coûts actualisés/);
  });
});
