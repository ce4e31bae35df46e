import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import { buildFromCatalogue, type Dataset } from "../loaders/build/dataset.js";
import { acquireFirst } from "../loaders/sources/acquire.js";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { projectSlug } from "../loaders/normalize/identity.js";
import { normalizeSheet } from "../loaders/normalize/sheet.js";
import { readSource } from "../loaders/read/index.js";
import { MIRROR, NO_MIRROR_REASON } from "./helpers.js";

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Published headline figures that the rows cannot reproduce, with the reason.
 * 2021-11: the value box counts "coûts actualisés" (updated costs: 2,62 Md€); the table only gives each
 * project's "coût complet estimé", whose sum is 2,51 Md€, and one project's cost is not published.
 */
const NOT_REPRODUCIBLE: Record<string, Set<string>> = {
  "2021-11": new Set(["cost"]),
};

describe.skipIf(!MIRROR)(`every mirrored edition (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  let dataset: Dataset;
  const mirrored = EDITIONS.filter((e) => e.mirrored);
  beforeAll(async () => {
    const opts = { ...defaultAcquireOptions({ PANORAMA_MIRROR: MIRROR!, PANORAMA_OFFLINE: "1" }), cacheDir: "/nonexistent-panorama-cache" };
    dataset = await buildFromCatalogue(mirrored, opts);
  });

  it("loads, with no failure", () => {
    expect(dataset.failures).toEqual([]);
    expect(dataset.editions.map((e) => e.edition)).toEqual(mirrored.map((e) => e.id));
  });

  it("takes projects from the spreadsheet when the mirror has one, and headline figures from the page", () => {
    const kinds = Object.fromEntries(dataset.editions.map((e) => [e.edition, e.source_kind]));
    const spreadsheetMirrored = (e: (typeof mirrored)[number]) => e.sources.some((s) => s.kind === "spreadsheet" && existsSync(join(MIRROR!, s.mirrorPath)));
    expect(kinds).toEqual(Object.fromEntries(mirrored.map((e) => [e.id, spreadsheetMirrored(e) ? "spreadsheet" : "dashboard"])));
    expect(Object.values(kinds)).toContain("spreadsheet");
    expect(dataset.editions.every((e) => e.official_projects !== null && e.official_source !== null)).toBe(true);
  });

  describe.each(EDITIONS.filter((e) => e.mirrored).map((e) => e.id))("edition %s", (id) => {
    const rows = () => dataset.projects.filter((p) => p.edition === id);
    const edition = () => dataset.editions.find((e) => e.edition === id)!;

    it("has as many rows as the projects it says it follows, and as many interministerial ones", () => {
      expect(rows().length).toBe(edition().project_count);
      expect(rows().length).toBe(edition().official_projects);
      expect(rows().filter((p) => p.interministerial).length).toBe(edition().official_interministerial);
    });

    it("reproduces the published mean duration (years, 1 decimal)", () => {
      const durations = rows().flatMap((p) => (p.duration_years === null ? [] : [p.duration_years]));
      const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
      expect(round(mean, 1)).toBe(edition().official_duration_years);
    });

    it("reproduces the published total cost (Md€, 2 decimals) unless documented", () => {
      const total = rows().reduce((sum, p) => sum + (p.cost_meur ?? 0), 0) / 1000;
      if (NOT_REPRODUCIBLE[id]?.has("cost")) {
        expect(round(total, 2)).not.toBe(edition().official_cost_beur);
      } else {
        expect(round(total, 2)).toBe(edition().official_cost_beur);
      }
    });

    it("has every row dated, typed and traceable to its source", () => {
      for (const p of rows()) {
        expect(p.source_row).toBeGreaterThan(0);
        expect(p.name.length).toBeGreaterThan(0);
        expect(p.ministry).not.toBeNull();
        // Dashboard pages give a month and a year (first of the month); spreadsheets give the day.
        const day = p.source_kind === "dashboard" ? "01" : "\\d{2}";
        if (p.start_date !== null) expect(p.start_date).toMatch(new RegExp(`^(199\\d|20[0-4]\\d)-\\d{2}-${day}$`));
      }
      expect(rows().filter((p) => p.start_date === null).length).toBeLessThanOrEqual(3);
    });
  });

  it.each(["2016-11", "2017-06", "2018-03"])(
    "%s: the spreadsheet and the dashboard page agree on every project's start month, duration and cost",
    async (id) => {
      const edition = EDITIONS.find((e) => e.id === id)!;
      const page = (await acquireFirst(edition, "dashboard", {
        ...defaultAcquireOptions({ PANORAMA_MIRROR: MIRROR!, PANORAMA_OFFLINE: "1" }),
        cacheDir: "/nonexistent-panorama-cache",
      }))!;
      const read = readSource(page.bytes, "page.html");
      const fromPage = new Map(
        normalizeSheet(read.sheets[0]!, { edition: id, sourceKind: "dashboard", file: "page.html" }).projects.map((p) => [projectSlug(p.name), p]),
      );
      const rows = dataset.projects.filter((p) => p.edition === id);
      let compared = 0;
      for (const p of rows) {
        const q = fromPage.get(projectSlug(p.name));
        if (!q) continue;
        compared++;
        expect([p.name, p.start_date?.slice(0, 7)]).toEqual([p.name, q.start_date?.slice(0, 7)]);
        expect([p.name, p.cost_meur]).toEqual([p.name, q.cost_meur]);
        if (p.duration_years !== null && q.duration_years !== null) expect(Math.abs(p.duration_years - q.duration_years)).toBeLessThan(0.01);
      }
      expect(compared).toBeGreaterThan(rows.length * 0.8);
    },
  );
});
