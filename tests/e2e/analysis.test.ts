// The example analysis (docs/interministeriels.md, built from templates/analyse.md) and the
// analyst's guide, in a browser over dist/: SQL over panorama.duckdb in DuckDB-WASM, Plot charts.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openPage } from "./browser.js";
import { REPO } from "./fixture-site.js";
import { builtSite } from "./site.js";

const AXE = join(REPO, "node_modules", "axe-core", "axe.min.js");

// The whole document, site shell included (its fixes: docs/style.css, the config's head script).
const AXE_OPTIONS = {};
const AXE_CONTEXT = { include: [["html"]] };

describe("example analysis and guide (dist/)", () => {
  const site = builtSite();

  it("runs its SQL in the site.browser and draws its charts, with no error and no request leaving the site", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/interministeriels`);
    await page.waitForSelector('svg[aria-label^="Projets interministériels et propres à un ministère"]', { timeout: 60_000 });
    await page.waitForSelector('svg[aria-label^="Part des projets interministériels"]', { timeout: 60_000 });
    expect(await page.textContent("h1")).toBe("Projets interministériels au fil des éditions");

    const bars = await page.locator('svg[aria-label^="Projets interministériels et propres"] g[aria-label="bar"] rect').count();
    expect(bars).toBeGreaterThanOrEqual(2);
    const main = (await page.textContent("#observablehq-main")) ?? "";
    expect(main).toMatch(/En [a-zéû]+ \d{4}, \d+\sprojets? sur \d+ l’étaient \(\d+(,\d)?\s%\), pour [\d\s,]+\sM€/);
    expect(main).not.toMatch(/NaN|undefined|Infinity/);
    expect(await page.locator(".observablehq--error").count()).toBe(0);

    const tables = page.locator("#observablehq-main table.data-table");
    expect(await tables.count()).toBe(3);
    expect(await page.locator("caption", { hasText: "Projets interministériels de l’édition de" }).count()).toBe(1);
    expect(await page.locator('#observablehq-sidebar a[href$="/interministeriels"]').count()).toBe(1);

    expect(report.consoleErrors).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    expect(report.requests.some((url) => /\/_file\/data\/panorama\.[0-9a-f]+\.duckdb$/.test(url))).toBe(true);
    await page.close();
  });

  it.each(["interministeriels", "guide"])("has no serious accessibility violation: /%s", async (path) => {
    const { page } = await openPage(site.browser, `${site.server.url}/${path}`);
    await page.waitForSelector("#observablehq-main h1");
    if (path === "interministeriels") await page.waitForSelector("#observablehq-main svg[aria-label]", { timeout: 60_000 });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(
      async ([context, options]) => {
        type Axe = { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
        const result = await (window as unknown as { axe: Axe }).axe.run(context, options);
        return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
      },
      [AXE_CONTEXT, AXE_OPTIONS] as const,
    );
    expect(violations).toEqual([]);
    await page.close();
  });

  it("the guide shows the formatters' real output, computed in the page", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/guide`);
    await page.waitForSelector("#observablehq-main table");
    const cells = await page.locator("#observablehq-main table tr", { hasText: "formatMeur(53.7)" }).locator("td").allTextContents();
    expect(cells).toEqual(["formatMeur(53.7)", "53,7\u00a0M€"]);
    expect(report.consoleErrors).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    await page.close();
  });
});
