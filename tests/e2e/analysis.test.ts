// The example analysis (docs/interministeriels.md, built from templates/analyse.md) and the
// analyst's guide, in a browser over dist/: the page's SQL ran at build time
// (interministeriels.json.sql), so it draws its Plot charts without DuckDB-WASM.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openPage } from "./browser.js";
import { REPO } from "./fixture-site.js";
import { builtFile } from "./page-checks.js";
import { builtSite } from "./site.js";

interface Payload {
  queries: Record<string, { columns: { name: string }[]; rows: unknown[][] }>;
}
const monthIndex = (e: string) => Number(e.slice(0, 4)) * 12 + Number(e.slice(5, 7)) - 1;

// The charts the page draws; the first one also stands, drawn at build time, in a .prerendered-cell.
const LIVE = ":not(.prerendered-cell *)";
const FIRST = 'svg[aria-label^="Projets interministériels et propres à un ministère"]';

const AXE = join(REPO, "node_modules", "axe-core", "axe.min.js");

// The whole document, site shell included (its fixes: docs/style.css, the config's head script).
const AXE_OPTIONS = {};
const AXE_CONTEXT = { include: [["html"]] };

describe("example analysis and guide (dist/)", () => {
  const site = builtSite();

  it("draws its charts from its build-time results, with no DuckDB-WASM, no error and no request leaving the site", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/interministeriels`);
    await page.waitForSelector(`${FIRST}${LIVE}`, { timeout: 60_000 });
    await page.waitForSelector('svg[aria-label^="Part des projets interministériels"]', { timeout: 60_000 });
    expect(await page.textContent("h1")).toBe("Projets interministériels au fil des éditions");

    const bars = await page.locator(`${FIRST}${LIVE} g[aria-label="bar"] rect`).count();
    expect(bars).toBeGreaterThanOrEqual(2);
    const main = (await page.textContent("#observablehq-main")) ?? "";
    expect(main).toMatch(/En [a-zéû]+ \d{4}, \d+\sprojets? sur \d+ l’étaient \(\d+(,\d)?\s%\), pour [\d\s,]+\sM€/);
    expect(main).not.toMatch(/NaN|undefined|Infinity/);
    expect(await page.locator(".observablehq--error").count()).toBe(0);

    // Two tables in the text, two folded under « Voir les données » (by edition, the cohort).
    const tables = page.locator("#observablehq-main table.data-table");
    expect(await tables.count()).toBe(4);
    expect(await page.locator(".query-panel").count()).toBe(4);
    expect(await page.getByRole("button", { name: "Modifier la requête" }).count()).toBe(4);

    // Loaded editions more than a year apart: the lines stop at the gap, which is shaded and named.
    const payload = JSON.parse(builtFile("interministeriels.json").toString("utf-8")) as Payload;
    const editions = payload.queries.parEdition!.rows.map((r) => String(r[0]));
    const gaps = editions.slice(1).filter((e, i) => monthIndex(e) - monthIndex(editions[i]!) > 12).length;
    const lines = page.locator('svg[aria-label^="Part des projets interministériels"] g[aria-label="line"] path');
    expect(await lines.count()).toBe(2 * (gaps + 1));
    expect(await page.locator('svg[aria-label^="Part des projets interministériels"] text', { hasText: "éditions non disponibles" }).count()).toBe(gaps);
    expect(await page.locator("caption", { hasText: "Projets interministériels de l’édition de" }).count()).toBe(1);
    expect(await page.locator('#observablehq-sidebar a[href$="/interministeriels.html"]').count()).toBe(1);

    expect(report.consoleErrors).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    expect(report.requests.filter((url) => /duckdb|\.wasm/i.test(url))).toEqual([]);
    await page.close();
  });

  // Issue 12: the first chart is in the HTML, drawn at build time at the column's two widths
  // (scripts/prerender/), so that it is there before any script; the live chart then takes its place.
  it.each([1280, 390])("at %i px, shows its first chart before any script runs, then only the live one", async (width) => {
    const html = await (await fetch(`${site.server.url}/interministeriels.html`)).text();
    expect(html).toMatch(/<div class="prerendered-cell" data-prerendered-cell="[0-9a-f]{8}(?:-\d+)?"><figure class="[^"]*\bprerendered-wide\b/);
    const visible = (page: import("playwright-core").Page) =>
      page
        .locator(FIRST)
        .evaluateAll((svgs) =>
          svgs
            .filter((s) => s.getBoundingClientRect().width > 0)
            .map((s) => ({ width: s.getBoundingClientRect().width, prerendered: s.closest(".prerendered-cell") !== null })),
        );
    {
      const page = await site.browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const cdp = await site.browser.context.newCDPSession(page);
      await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
      await page.goto(`${site.server.url}/interministeriels`);
      const shown = await visible(page);
      expect(shown).toHaveLength(1);
      expect(shown[0]!.prerendered).toBe(true);
      expect(shown[0]!.width).toBeLessThanOrEqual(width - 32);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
      // The chart for this width: edition labels turned on a phone only.
      const turned = await page
        .locator(`${FIRST} g[aria-label="x-axis tick label"] text`)
        .evaluateAll((texts) => texts.filter((t) => t.getBoundingClientRect().width > 0).some((t) => (t.getAttribute("transform") ?? "").includes("rotate")));
      expect(turned).toBe(width < 640);
      await page.close();
    }

    const { page, report } = await openPage(site.browser, `${site.server.url}/interministeriels`);
    await page.setViewportSize({ width, height: 900 });
    await page.waitForSelector(`${FIRST}${LIVE}`, { timeout: 60_000 });
    await expect.poll(async () => (await visible(page)).map((s) => s.prerendered)).toEqual([false]);
    expect(await page.locator(".prerendered-cell").evaluate((e) => getComputedStyle(e).display)).toBe("none");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(report.consoleErrors).toEqual([]);
    await page.close();
  });

  it("at 390 px, the edition labels under the bars do not overlap", async () => {
    const { page } = await openPage(site.browser, `${site.server.url}/interministeriels`);
    await page.setViewportSize({ width: 390, height: 844 });
    const chart = `${FIRST}${LIVE}`;
    await page.waitForSelector(chart, { timeout: 60_000 });
    await expect.poll(async () => (await page.locator(chart).boundingBox())?.width ?? 1000).toBeLessThan(390);
    // Each label's centre, its angle and its font size: labels turned by an angle θ, whose centres
    // are dx apart, are parallel lines dx·sin θ apart (dx when upright, then their boxes must not meet).
    const labels = await page.locator(`${chart} g[aria-label="x-axis tick label"] text`).evaluateAll((texts) =>
      texts.map((t) => {
        const r = t.getBoundingClientRect();
        const m = (t as SVGGraphicsElement).getCTM()!;
        return {
          x: (r.left + r.right) / 2,
          width: r.width,
          angle: Math.atan2(m.b, m.a),
          size: Number.parseFloat(getComputedStyle(t).fontSize),
          text: t.textContent,
        };
      }),
    );
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < labels.length; i++) {
      const [a, b] = [labels[i - 1]!, labels[i]!];
      const dx = b.x - a.x;
      if (Math.abs(a.angle) < 0.01) expect(dx, `${a.text} / ${b.text}`).toBeGreaterThan((a.width + b.width) / 2);
      else expect(dx * Math.abs(Math.sin(a.angle)), `${a.text} / ${b.text}`).toBeGreaterThan(a.size);
    }
    await page.close();
  });

  it.each(["interministeriels", "guide"])("has no serious accessibility violation: /%s", async (path) => {
    const { page } = await openPage(site.browser, `${site.server.url}/${path}`);
    await page.waitForSelector("#observablehq-main h1");
    if (path === "interministeriels") await page.waitForSelector(`${FIRST}${LIVE}`, { timeout: 60_000 });
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
