// dist/ on a plain static file server (python3 -m http.server: no rewrite rule, no clean URLs):
// every sidebar link opens its page, and every link of every page and of a sample of project
// pages names a file that the server finds. Then the French 404 page and the site search, which
// ignores case and accents both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, type Browser } from "./browser.js";
import { builtPages, builtProjectKeys, settle, spread } from "./page-checks.js";
import { HAS_PYTHON, startPlainServer } from "./plain-server.js";
import { DEFAULT_DIST, startServer, type StaticServer } from "./server.js";

const PAGES = builtPages(DEFAULT_DIST).filter((p) => p !== "/404");
const PROJECTS = spread(builtProjectKeys(DEFAULT_DIST), 6).map((key) => `/projets/${key}`);
const fileOf = (path: string) => (path === "/" ? "/" : `${path}.html`);

/** Same-origin links of the page, without their fragment, after every cell has run. */
async function internalLinks(page: import("playwright-core").Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  return [...new Set(hrefs.filter((h) => h.startsWith(`${origin}/`)).map((h) => h.replace(/#.*$/, "")))].sort();
}

describe.skipIf(!HAS_PYTHON)("dist/ on a plain static server (python3 -m http.server)", () => {
  let server: StaticServer;
  let browser: Browser;
  const checked = new Map<string, number>();
  beforeAll(async () => {
    server = await startPlainServer(DEFAULT_DIST);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** HTTP status of a URL on the plain server, redirects not followed (a folder answers 301). */
  async function status(url: string): Promise<number> {
    if (!checked.has(url)) checked.set(url, (await fetch(url, { method: "HEAD", redirect: "manual" })).status);
    return checked.get(url)!;
  }

  it("opens every sidebar page from the home page by clicking its link", async () => {
    const { page } = await openPage(browser, `${server.url}/`);
    try {
      await settle(page);
      const links = await page.$$eval("#observablehq-sidebar a[href]", (as) =>
        as.map((a) => ({ text: a.textContent?.trim() ?? "", href: (a as HTMLAnchorElement).href })),
      );
      expect(links.length).toBeGreaterThanOrEqual(8);
      for (const { text, href } of links) {
        const response = await page.goto(href);
        expect(response?.status(), `${text}: ${href}`).toBe(200);
        expect(await page.locator("#observablehq-main h1").count(), `${text}: ${href} has no title`).toBeGreaterThan(0);
        expect(await page.textContent("body"), href).not.toContain("Directory listing");
      }
    } finally {
      await page.close();
    }
  });

  it.each([...PAGES, ...PROJECTS])("%s: every link to the site names a file the server has", async (path) => {
    const { page } = await openPage(browser, `${server.url}${fileOf(path)}`);
    try {
      await settle(page);
      const links = await internalLinks(page, server.url);
      expect(links.length).toBeGreaterThan(0);
      const broken: string[] = [];
      for (const link of links) if ((await status(link)) !== 200) broken.push(`${link} (${await status(link)})`);
      expect(broken, `${path}: links that a plain server does not find`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the 404 page and the search", () => {
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

  it("answers an unknown address, at any depth, with a French page whose links work", async () => {
    const { page } = await openPage(browser, `${server.url}/projets/inconnu/plus/loin`);
    try {
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
      expect((await page.textContent("#observablehq-main h1"))?.trim()).toBe("Page introuvable");
      await page.click("#observablehq-main a:has-text('Explorer les projets')");
      await page.waitForURL(`${server.url}/projets.html`);
      expect((await page.textContent("#observablehq-main h1"))?.trim()).toBe("Explorer les projets");
    } finally {
      await page.close();
    }
  });

  async function search(query: string): Promise<string[]> {
    const { page } = await openPage(browser, `${server.url}/`);
    try {
      await settle(page);
      await page.fill("#observablehq-search input", query);
      await page.locator("#observablehq-search-results > div").first().waitFor({ timeout: 10_000 });
      return await page.$$eval("#observablehq-search-results li a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    } finally {
      await page.close();
    }
  }

  it.each([
    ["securite", "Sécurité", "SECURITE"],
    ["defense", "Défense", "DÉFENSE"],
    ["interieur", "Intérieur", "intérieur"],
  ])("search ignores case and accents both ways: « %s », « %s » and « %s » find the same pages", async (...queries) => {
    const [plain, ...others] = await Promise.all(queries.map(search));
    expect(plain!.length, queries[0]).toBeGreaterThan(0);
    expect(
      plain!.some((href) => href.includes("projets/")),
      `${queries[0]}: no project page`,
    ).toBe(true);
    for (const results of others) expect([...results!].sort()).toEqual([...plain!].sort());
  });
});
