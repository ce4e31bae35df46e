// Every page of the built site (from dist/*.html) and a sample of project pages, in light and dark
// mode: loads offline with no console error, no failed request and no request leaving 127.0.0.1,
// no cell error, its charts are present and labelled, and axe-core finds no serious or critical
// violation in its content (the site shell is checked once per colour scheme).
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.js";
import { axeViolations, SHELL, builtFile, builtPages, builtProjectKeys, cellErrors, expectClean, plotCharts, settle, spread } from "./page-checks.js";
import { DEFAULT_DIST } from "./server.js";
import { builtSiteInSchemes } from "./site.js";

/** Pages that must show charts, and how many at least. */
const MIN_CHARTS: Record<string, number> = {
  "/": 1,
  "/ministeres": 2,
  "/zones": 2,
  "/evolution": 3,
  "/derives": 2,
  "/atelier": 1,
};

const PAGES = builtPages(DEFAULT_DIST);
const PROJECT_KEYS = spread(builtProjectKeys(DEFAULT_DIST), 5);

interface ExplorerJson {
  editions: { edition: string }[];
  rows: { edition: string; name: string; cost_meur: number | null }[];
}

/** Rows of the table whose caption starts with `caption`. */
async function tableRows(page: import("playwright-core").Page, caption: string): Promise<string[][]> {
  return page.$$eval(
    "#observablehq-main table",
    (tables, prefix) =>
      (tables as HTMLTableElement[])
        .filter((t) => t.caption?.textContent?.startsWith(prefix as string))
        .flatMap((t) => [...t.tBodies[0]!.rows].map((r) => [...r.cells].map((c) => c.textContent ?? ""))),
    caption,
  );
}

interface ProjectJson {
  history: { name: string; editions_count: number; first_cost_meur: number | null; first_duration_years: number | null };
}

describe("every page of the built site", () => {
  const site = builtSiteInSchemes();

  it("lists the report's pages and project pages", () => {
    for (const path of ["/", "/projets", "/donnees", "/atelier"]) expect(PAGES).toContain(path);
    expect(PROJECT_KEYS).toHaveLength(5);
  });

  it.each(PAGES.flatMap((path) => (["light", "dark"] as const).map((scheme) => ({ path, scheme }))))(
    "$path ($scheme): loads offline, charts labelled, no serious accessibility violation",
    async ({ path, scheme }) => {
      const { page, report } = await openPage(site.browsers[scheme], `${site.server.url}${path}`);
      try {
        await settle(page);
        expect(await cellErrors(page), `${path}: cell errors`).toEqual([]);
        const charts = await plotCharts(page);
        expect(charts.length, `${path}: charts`).toBeGreaterThanOrEqual(MIN_CHARTS[path] ?? 0);
        for (const chart of charts) {
          expect(chart.label, `${path}: a chart without aria-label`).toBeTruthy();
        }
        expect(await axeViolations(page), `${path} (${scheme}): axe`).toEqual([]);
        expectClean(report, path);
      } finally {
        await page.close();
      }
    },
  );

  it.each(["light", "dark"] as const)("the site shell (sidebar, header, footer) has no serious accessibility violation (%s)", async (scheme) => {
    const { page } = await openPage(site.browsers[scheme], `${site.server.url}/`);
    try {
      await settle(page);
      expect(await axeViolations(page, SHELL)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(PROJECT_KEYS.flatMap((key) => (["light", "dark"] as const).map((scheme) => ({ key, scheme }))))(
    "/projets/$key ($scheme): title, trajectory charts and table of editions, clean and accessible",
    async ({ key, scheme }) => {
      const data = JSON.parse(builtFile(`data/projets/${key}.json`).toString("utf-8")) as ProjectJson;
      const { page, report } = await openPage(site.browsers[scheme], `${site.server.url}/projets/${key}`);
      try {
        await settle(page);
        expect(await cellErrors(page)).toEqual([]);
        expect((await page.textContent("#observablehq-main h1"))?.trim()).toBe(data.history.name);
        expect(await page.title()).toContain(data.history.name);
        const labels = (await plotCharts(page)).map((c) => c.label);
        expect(labels).toContain("Phase du projet à chaque édition");
        if (data.history.first_cost_meur !== null) expect(labels).toContain("Coût estimé du projet à chaque édition");
        if (data.history.first_duration_years !== null) expect(labels).toContain("Durée prévisionnelle du projet à chaque édition");
        const rows = await page.locator("table caption", { hasText: "Valeurs publiées à chaque édition" }).locator("xpath=..").locator("tbody tr").count();
        expect(rows).toBe(data.history.editions_count);
        expect(await axeViolations(page)).toEqual([]);
        expectClean(report, `/projets/${key}`);
      } finally {
        await page.close();
      }
    },
  );

  it("/atelier: every SQL example renders its rows, agreeing with the data files, and a typed query runs", async () => {
    const data = JSON.parse(builtFile("data/projects.json").toString("utf-8")) as ExplorerJson;
    const latest = data.editions.at(-1)!.edition;
    const { page, report } = await openPage(site.browsers.light, `${site.server.url}/atelier`);
    try {
      await settle(page);
      expect(await cellErrors(page)).toEqual([]);
      const top = await tableRows(page, "Les dix projets les plus coûteux");
      const expectedTop = data.rows.filter((r) => r.edition === latest && r.cost_meur !== null).sort((a, b) => b.cost_meur! - a.cost_meur!);
      expect(top.map((r) => r[0])).toEqual(expectedTop.slice(0, 10).map((r) => r.name));
      const perEdition = await tableRows(page, "Projets, coût total et durée moyenne par édition");
      expect(perEdition.map((r) => [r[0], r[1]])).toEqual(
        data.editions.map((e) => [e.edition, String(data.rows.filter((r) => r.edition === e.edition).length)]),
      );
      for (const caption of [
        "Projets et coût par ministère",
        "Les dix plus fortes hausses de coût",
        "Entrées et sorties du panorama",
        "Anomalies par édition",
      ]) {
        expect((await tableRows(page, caption)).length, caption).toBeGreaterThan(0);
      }
      expect((await plotCharts(page)).map((c) => c.label)).toContain("Coût total des projets par édition");

      const box = page.locator("#observablehq-main").getByLabel("Requête SQL", { exact: true });
      await box.fill("SELECT count(*)::INTEGER AS n FROM panorama.projects");
      await page.getByRole("button", { name: "Exécuter" }).click();
      await expect.poll(async () => (await tableRows(page, "Résultat de votre requête"))[0]?.[0]).toBe(String(data.rows.length));
      await box.fill("SELECT nothing FROM panorama.nowhere");
      await page.getByRole("button", { name: "Exécuter" }).click();
      await expect.poll(() => page.locator('#observablehq-main [role="alert"]').textContent()).toMatch(/La requête a échoué/);
      expectClean(report, "/atelier");
    } finally {
      await page.close();
    }
  });
});
