import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, type Browser } from "./browser.js";
import { DEFAULT_DIST, startServer, type StaticServer } from "./server.js";

describe("built site (dist/)", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(DEFAULT_DIST);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("declares French in the HTML itself", async () => {
    const html = await readFile(join(DEFAULT_DIST, "index.html"), "utf-8");
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="fr">/);
  });

  it("opens the home page offline with no error", async () => {
    const { page, report } = await openPage(browser, `${server.url}/`);
    await page.waitForSelector("#observablehq-main h1");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.getAttribute("#observablehq-search input", "placeholder")).toBe("Rechercher");
    expect(await page.textContent("#observablehq-footer")).toContain("Licence Ouverte / Etalab");
    expect(report.externalRequests).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(report.requests.length).toBeGreaterThan(1);
    await page.close();
  });
});
