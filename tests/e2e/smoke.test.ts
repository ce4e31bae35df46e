import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.js";
import { DEFAULT_DIST } from "./server.js";
import { builtSite } from "./site.js";

describe("built site (dist/)", () => {
  const site = builtSite();

  it("declares French in the HTML itself", async () => {
    const html = await readFile(join(DEFAULT_DIST, "index.html"), "utf-8");
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="fr">/);
  });

  it("opens the home page offline with no error", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/`);
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
