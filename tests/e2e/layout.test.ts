// Every reader page of the built site (npm run build) and a sample of project pages, on a phone
// (390 px) and a laptop (1280 px): nothing sticks out of the screen or of its card, no chart text
// is cut by its chart, and no two chart labels (or edition ticks) overlap. Folded tables are
// opened first: a reader opens them too.
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.js";
import { overflows, overlappingLabels } from "./layout-checks.js";
import { builtPages, builtProjectKeys, settle, spread } from "./page-checks.js";
import { builtSite } from "./site.js";

/** Pages for analysts (SQL workshop, analyst's guide) and the page another check owns are not reader chapters. */
const NOT_READER = new Set(["/atelier", "/guide", "/interministeriels", "/404"]);
const READER_PAGES = builtPages().filter((p) => !NOT_READER.has(p));
const PROJECTS = [...new Set(["archipel", "sirhen", ...spread(builtProjectKeys(), 6)])].filter((k) => builtProjectKeys().includes(k));
const PAGES = [...READER_PAGES, ...PROJECTS.map((k) => `/projets/${k}`)];
const WIDTHS = [390, 1280];

const site = builtSite();

describe.each(WIDTHS)("at %i px wide", (width) => {
  it.each(PAGES)("%s fits the screen, its cards and its charts", async (path) => {
    const { page } = await openPage(site.browser, `${site.server.url}${path}`);
    try {
      await page.setViewportSize({ width, height: 900 });
      await settle(page);
      await page.evaluate(() => {
        for (const d of document.querySelectorAll("details")) d.open = true;
      });
      // resize() redraws the charts for the new width on the next frames.
      await page.waitForTimeout(400);
      expect(await overflows(page), `${path} at ${width} px`).toEqual([]);
      expect(await overlappingLabels(page), `${path} at ${width} px`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the layout checks", () => {
  it("see a figure wider than its card, a chart label cut by its chart, and two labels on top of each other", async () => {
    const { page } = await openPage(site.browser, `${site.server.url}/`);
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await settle(page);
      await page.evaluate(() => {
        const main = document.querySelector("#observablehq-main")!;
        main.insertAdjacentHTML(
          "beforeend",
          `<div class="card" style="width: 120px"><p style="white-space: nowrap; font-size: 2rem">2,51&nbsp;Md€&nbsp;Md€</p></div>
           <p style="white-space: nowrap">${"mot ".repeat(80)}</p>
           <svg class="plot-test" aria-label="test" width="100" height="40"><g aria-label="text">
             <text x="60" y="20">étiquette coupée</text><text x="62" y="22">autre</text></g></svg>`,
        );
      });
      const found = (await overflows(page)).map((o) => o.problem.split(" :")[0]);
      expect(found).toContain("carte");
      expect(found).toContain("écran");
      expect(found).toContain("graphique");
      expect(await overlappingLabels(page)).toEqual(["test : « étiquette coupée » et « autre »"]);
    } finally {
      await page.close();
    }
  });
});
