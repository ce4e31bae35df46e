import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, type Browser, type PageReport } from "./browser.js";
import { buildFixtureSite, type FixtureSite } from "./fixture-site.js";
import { startServer, type StaticServer } from "./server.js";

function expectClean(report: PageReport): void {
  expect(report.externalRequests).toEqual([]);
  expect(report.failedRequests).toEqual([]);
  expect(report.consoleErrors).toEqual([]);
}

function relativeLuminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function bodyColors(page: Page): Promise<{ foreground: string; background: string }> {
  return page.evaluate(() => ({
    foreground: getComputedStyle(document.body).color,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
}

describe("fixture site built offline, in the browser", () => {
  let site: FixtureSite;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildFixtureSite();
    server = await startServer(site.dist);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });

  it("renders implicit Plot, d3, Inputs, htl and reads JSON and CSV attachments", async () => {
    const { page, report } = await openPage(browser, `${server.url}/`);
    await page.waitForSelector("#chart-implicit svg");
    expect(await page.locator("#chart-implicit svg rect").count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent("#json-sum")).toBe("49.75");
    expect(await page.textContent("#csv-sum")).toBe("49.75");
    expect(await page.textContent("#selected")).toBe("Intérieur");
    expectClean(report);
    await page.close();
  });

  it("renders explicit npm: imports of Plot, d3 and htl", async () => {
    const { page, report } = await openPage(browser, `${server.url}/explicit`);
    await page.waitForSelector("#chart-explicit svg");
    expect(await page.locator("#chart-explicit svg circle").count()).toBe(5);
    expectClean(report);
    await page.close();
  });

  it("answers `sql:` queries on a .duckdb file with DuckDB-WASM served from the site", async () => {
    const { page, report } = await openPage(browser, `${server.url}/sql`);
    await page.waitForSelector("#sql-rows", { timeout: 60_000 });
    await page.waitForSelector("#chart-sql svg");
    expect(await page.textContent("#sql-rows")).toBe("3");
    expect(await page.textContent("#sql-sum")).toBe("49.75");
    expect(await page.locator("form table tbody tr").count()).toBe(3);
    expect(report.requests.some((url) => /\/_npm\/@duckdb\/duckdb-wasm@[\d.]+\/dist\/duckdb-(eh|mvp)\.wasm$/.test(url))).toBe(true);
    expectClean(report);
    await page.close();
  });

  it("searches the site with a French results panel", async () => {
    const { page, report } = await openPage(browser, `${server.url}/explicit`);
    await page.fill("#observablehq-search input", "DuckDB");
    await page.waitForSelector("#observablehq-search-results ol li");
    expect(await page.textContent("#observablehq-search-results > div")).toBe("1 résultat");
    await page.fill("#observablehq-search input", "zzzz");
    await page.waitForFunction(() => document.querySelector("#observablehq-search-results > div")?.textContent === "aucun résultat");
    expectClean(report);
    await page.close();
  });

  it.each([
    ["light", (l: number) => l > 0.8],
    ["dark", (l: number) => l < 0.05],
  ] as const)("is legible in %s mode (contrast ≥ 7:1)", async (scheme, isExpectedBackground) => {
    const themed = await launchBrowser({ colorScheme: scheme });
    try {
      const { page, report } = await openPage(themed, `${server.url}/explicit`);
      const { foreground, background } = await bodyColors(page);
      const [fg, bg] = [relativeLuminance(foreground), relativeLuminance(background)];
      expect(isExpectedBackground(bg)).toBe(true);
      expect((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)).toBeGreaterThanOrEqual(7);
      expectClean(report);
    } finally {
      await themed.close();
    }
  });

  it("prints without sidebar, table of contents nor inputs, on a light background", async () => {
    const themed = await launchBrowser({ colorScheme: "dark" });
    try {
      const { page } = await openPage(themed, `${server.url}/`);
      await page.waitForSelector("#chart-implicit svg");
      await page.emulateMedia({ media: "print" });
      const display = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((e) => getComputedStyle(e).display);
      expect(await display("#observablehq-sidebar")).toBe("none");
      expect(await display("#observablehq-toc")).toBe("none");
      expect(await display("#observablehq-main form")).toBe("none");
      expect(await display("#chart-implicit svg")).not.toBe("none");
      expect(relativeLuminance((await bodyColors(page)).background)).toBeGreaterThan(0.8);
      await page.close();
    } finally {
      await themed.close();
    }
  });
});
