// The narrative chapters of the built site (npm run build): each loads offline with no error,
// shows its charts with their data tables, passes axe-core, and reads only small JSON files.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { launchBrowser, openPage } from "./browser.js";
import { DEFAULT_DIST } from "./server.js";
import { builtSite } from "./site.js";

const AXE = join(process.cwd(), "node_modules/axe-core/axe.min.js");

/** Each chapter and the aria-labels of its charts (prefixes). */
const CHAPTERS: { path: string; charts: string[] }[] = [
  { path: "/", charts: ["Projets par tranche de coût"] },
  { path: "/ministeres", charts: ["Projets par ministère et par phase", "Coût estimé des projets par ministère", "Poids de chaque ministère"] },
  {
    path: "/zones",
    charts: ["Projets par zone fonctionnelle,", "Coût estimé par zone fonctionnelle", "Projets par zone fonctionnelle, d’une édition à l’autre"],
  },
  {
    path: "/evolution",
    charts: [
      "Nombre de projets suivis",
      "Coût total estimé",
      "Durée moyenne prévue",
      "Projets par phase",
      "Taux d’écart calendaire et budgétaire",
      "Entrées et sorties de projets",
    ],
  },
  {
    path: "/derives",
    charts: [
      "Variation du coût estimé par projet",
      "Variation relative du coût estimé",
      "Premier coût publié et dernier coût publié",
      "Variation de la durée prévisionnelle",
    ],
  },
];

const DATA_FILES = ["report", "ministries", "zones", "movements", "drift"];

async function chartLabels(page: Page): Promise<string[]> {
  return page.$$eval("#observablehq-main svg[aria-label]", (svgs) => svgs.map((s) => s.getAttribute("aria-label") ?? ""));
}

async function waitForCharts(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll("#observablehq-main svg[aria-label]").length >= n, count, { timeout: 30_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    // The whole document: the chapter and the site shell (sidebar, search, footer).
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
}

describe("narrative chapters (dist/)", () => {
  const site = builtSite();

  it.each(CHAPTERS)("$path loads offline with its charts and their data tables, and no DuckDB", async ({ path, charts }) => {
    const { page, report } = await openPage(site.browser, `${site.server.url}${path}`);
    await waitForCharts(page, charts.length);
    const labels = await chartLabels(page);
    for (const chart of charts)
      expect(
        labels.some((l) => l.startsWith(chart)),
        `${path}: chart « ${chart} » in ${JSON.stringify(labels)}`,
      ).toBe(true);
    // every chart has a French description and a table of its numbers
    expect(await page.$$eval("#observablehq-main svg[aria-label]", (svgs) => svgs.every((s) => (s.getAttribute("aria-description") ?? "").length > 20))).toBe(
      true,
    );
    const tables = await page.$$eval("#observablehq-main details.data-details table", (ts) => ts.map((t) => t.querySelectorAll("tbody tr").length));
    expect(tables.length).toBeGreaterThanOrEqual(charts.length);
    expect(tables.every((rows) => rows > 0)).toBe(true);
    expect(await page.textContent("#observablehq-main")).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect(report.requests.filter((u) => /duckdb|\.parquet|\.arrow/i.test(u))).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    await page.close();
  });

  it.each(CHAPTERS.flatMap(({ path, charts }) => (["light", "dark"] as const).map((scheme) => ({ path, charts, scheme }))))(
    "$path ($scheme): no serious or critical axe-core violation",
    async ({ path, charts, scheme }) => {
      const themed = scheme === "light" ? site.browser : await launchBrowser({ colorScheme: scheme });
      try {
        const { page } = await openPage(themed, `${site.server.url}${path}`);
        await waitForCharts(page, charts.length);
        expect(await axeViolations(page)).toEqual([]);
        await page.close();
      } finally {
        if (themed !== site.browser) await themed.close();
      }
    },
  );

  it("changes the figures of the home page with the edition selector, and keeps the choice in the address", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/`);
    await waitForCharts(page, 1);
    const select = page.getByLabel("Édition affichée");
    const options = await select.locator("option").allTextContents();
    expect(options[0]).toBe("novembre 2021");
    expect(options).toContain("novembre 2016");
    const cards = () =>
      page.$$eval(".headline-cards .card", (cs) => cs.map((c) => `${c.querySelector("h3")?.textContent}: ${c.querySelector(".big")?.textContent}`));
    const before = await cards();
    await select.selectOption("2016-11");
    await page.waitForFunction(() => document.querySelector("#observablehq-main svg[aria-label]")?.getAttribute("aria-label")?.endsWith("novembre 2016"));
    const after = await cards();
    expect(after).not.toEqual(before);
    expect(after[0]).toBe("Projets suivis: 57");
    expect(await page.textContent("#observablehq-main h2")).toContain("novembre 2016");
    expect(new URL(page.url()).searchParams.get("edition")).toBe("2016-11");
    // the first edition has no previous one to compare with
    expect(await page.textContent(".headline-cards")).toContain("première édition chargée");
    // opening the address again shows the same edition
    const again = await openPage(site.browser, page.url());
    await waitForCharts(again.page, 1);
    expect(await again.page.inputValue("select")).toBe("2016-11");
    expect(report.consoleErrors).toEqual([]);
    await again.page.close();
    await page.close();
  });

  it.each(["/", "/ministeres", "/zones"])("%s renders every edition of its selector", async (path) => {
    const { page, report } = await openPage(site.browser, `${site.server.url}${path}`);
    const charts = CHAPTERS.find((c) => c.path === path)!.charts.length;
    await waitForCharts(page, charts);
    const select = page.getByLabel("Édition affichée");
    const editions = await select.locator("option").evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })));
    expect(editions.length).toBeGreaterThanOrEqual(8);
    for (const { value, label } of editions) {
      await select.selectOption(value);
      await page.waitForFunction(
        (l) => [...document.querySelectorAll("#observablehq-main svg[aria-label]")].some((s) => s.getAttribute("aria-label")!.endsWith(l)),
        label,
      );
      const text = await page.textContent("#observablehq-main");
      expect(text, `${path} ${value}`).toContain(label);
      expect(text, `${path} ${value}`).not.toMatch(/undefined|NaN|\[object Object\]/);
    }
    expect(report.consoleErrors).toEqual([]);
    await page.close();
  });

  it("links every project named in the entries and exits and in the drifts to a built project page", async () => {
    for (const path of ["/evolution", "/derives"]) {
      const { page } = await openPage(site.browser, `${site.server.url}${path}`);
      await waitForCharts(page, 4);
      const hrefs = await page.$$eval("#observablehq-main a[href*='projets/']", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.length).toBeGreaterThan(10);
      for (const href of new Set(hrefs)) {
        const file = decodeURIComponent(new URL(href).pathname.replace(/^\/projets\//, ""));
        expect(file, `${path} → ${href}: a link names its file`).toMatch(/\.html$/);
        expect(existsSync(join(DEFAULT_DIST, "projets", file)), `${path} → ${href}`).toBe(true);
      }
      await page.close();
    }
  });

  it("keeps each chapter's data file under 100 KB compressed, with no project description", () => {
    const dir = join(DEFAULT_DIST, "_file", "data");
    const files = readdirSync(dir);
    for (const name of DATA_FILES) {
      const file = files.find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"));
      expect(file, `${name}.json in ${dir}`).toBeDefined();
      const bytes = readFileSync(join(dir, file!));
      expect(gzipSync(bytes).length).toBeLessThan(100_000);
      expect(bytes.toString("utf-8")).not.toContain('"description"');
    }
  });
});
