// The site shell (Framework's sidebar, toggle, search, table of contents, footer) and every page's
// content together: axe-core over the whole document of every built page (5 project pages
// sampled), light and dark, finds no serious or critical violation; the sidebar toggle is reached
// with the keyboard and has a name. The shell fixes come from docs/style.css, the config's head
// script and scripts/finalize-build.js; the head script alone must be enough (preview markup).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.js";
import { DEFAULT_DIST } from "./server.js";
import { builtSiteInSchemes } from "./site.js";

const AXE_PATH = join(process.cwd(), "node_modules", "axe-core", "axe.min.js");
const SCHEMES = ["light", "dark"] as const;
const TOGGLE_NAME = "Afficher le menu";

/** URL paths of every built page (dist/**\/*.html, Framework's _* folders aside). */
function builtPaths(dist: string): string[] {
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(join(dir, entry.name));
      } else if (entry.name.endsWith(".html")) {
        const path = `/${relative(dist, join(dir, entry.name)).slice(0, -".html".length)}`;
        paths.push(path === "/index" ? "/" : path.replace(/\/index$/, "/"));
      }
    }
  };
  walk(dist);
  return paths.sort();
}

/** `count` items spread evenly over `items`, first and last included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

const ALL_PATHS = builtPaths(DEFAULT_DIST);
const PROJECT_PATHS = ALL_PATHS.filter((p) => p.startsWith("/projets/"));
const PAGES = [...ALL_PATHS.filter((p) => !p.startsWith("/projets/")), ...spread(PROJECT_PATHS, 5)];

/** Waits until every cell has run (no loading placeholder left) and the network is idle. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
}

type AxeRun = (context: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;

/** Serious and critical axe-core violations over the whole document, folded content opened. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: AxeRun } }).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.targets.join(", ")}`);
}

/** Presses Tab until `target` has the focus; the number of presses, or null after `max`. */
async function tabTo(page: Page, target: string, max = 5): Promise<number | null> {
  for (let presses = 1; presses <= max; ++presses) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((selector) => document.activeElement === document.querySelector(selector), target)) return presses;
  }
  return null;
}

describe("site shell and pages, whole document (dist/)", () => {
  const site = builtSiteInSchemes();

  it("lists the site's pages and a sample of project pages", () => {
    for (const path of ["/", "/ministeres", "/guide", "/atelier"]) expect(PAGES).toContain(path);
    expect(PROJECT_PATHS.length).toBeGreaterThan(5);
    expect(PAGES.filter((p) => p.startsWith("/projets/"))).toHaveLength(5);
  });

  it.each(PAGES.flatMap((path) => SCHEMES.map((scheme) => ({ path, scheme }))))(
    "$path ($scheme): no serious or critical axe-core violation in the whole document",
    async ({ path, scheme }) => {
      const { page } = await openPage(site.browsers[scheme], `${site.server.url}${path}`);
      try {
        await settle(page);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it("every built page names the sidebar toggle and hides its mouse-only labels in its HTML", () => {
    for (const path of ALL_PATHS) {
      const html = readFileSync(join(DEFAULT_DIST, path === "/" ? "index.html" : `${path.slice(1)}.html`), "utf-8");
      expect(html, path).toMatch(/<input id="observablehq-sidebar-toggle" type="checkbox" [^>]*aria-label="Afficher le menu">/);
      expect(html, path).toMatch(/<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle" aria-hidden="true">/);
      expect(html, path).toMatch(/<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle" aria-hidden="true">/);
    }
  });

  it("Tab reaches the sidebar toggle first, and Space opens the sidebar on a narrow screen", async () => {
    const page = await site.browsers.light.context.newPage();
    try {
      await page.setViewportSize({ width: 700, height: 900 });
      await page.goto(`${site.server.url}/ministeres`, { waitUntil: "networkidle" });
      expect(await tabTo(page, "#observablehq-sidebar-toggle")).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(TOGGLE_NAME);
      // Framework's client script retitles it in English ("Toggle sidebar Alt-B"); the head script translates.
      expect(await page.getAttribute("#observablehq-sidebar-toggle", "title")).toMatch(/^Afficher ou masquer le menu \(.+B\)$/);
      const sidebarLink = page.locator('#observablehq-sidebar a[href$="zones.html"]');
      expect(await sidebarLink.isVisible()).toBe(false);
      await page.keyboard.press("Space");
      await sidebarLink.waitFor({ state: "visible" });
      expect(await page.locator("#observablehq-sidebar-toggle").isChecked()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("code blocks take the keyboard focus, with a visible outline", async () => {
    const { page } = await openPage(site.browsers.light, `${site.server.url}/guide`);
    try {
      const pre = page.locator("#observablehq-main pre").first();
      expect(await pre.getAttribute("tabindex")).toBe("0");
      await pre.focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      expect(await pre.evaluate((e) => e === document.activeElement && getComputedStyle(e).outlineStyle)).toBe("solid");
    } finally {
      await page.close();
    }
  });

  // Preview serves Framework's markup as is: undo finalize-build's shell fixes in the HTML and
  // check that the head script alone names the toggle and hides the labels (and labels the search).
  it.each(["/", "/interministeriels", "/guide"])("with Framework's own markup (as in preview), %s has no serious violation", async (path) => {
    const page = await site.browsers.light.context.newPage();
    try {
      await page.route(`${site.server.url}${path}`, async (route) => {
        const response = await route.fetch();
        const html = (await response.text())
          .replace(/ title="Afficher ou masquer le menu" aria-label="Afficher le menu">/, ' title="Toggle sidebar">')
          .replaceAll(/(<label id="observablehq-sidebar-(?:close|backdrop)" for="observablehq-sidebar-toggle") aria-hidden="true">/g, "$1>")
          .replace(/ placeholder="Rechercher" aria-label="Rechercher dans le site">/, ' placeholder="Search">');
        expect(html).toContain('title="Toggle sidebar"');
        expect(html).not.toMatch(/<label id="observablehq-sidebar-(close|backdrop)"[^>]*aria-hidden/);
        await route.fulfill({ response, body: html });
      });
      await page.goto(`${site.server.url}${path}`, { waitUntil: "networkidle" });
      await settle(page);
      expect(await page.getByRole("checkbox", { name: TOGGLE_NAME }).count()).toBe(1);
      expect(await page.getAttribute("#observablehq-search input", "aria-label")).toBe("Rechercher dans le site");
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
