// The words readers read, on every reader page of the built site (npm run build) and a sample of
// project pages: French spacing before ; : ? ! » and after « in all visible text (code excepted),
// and no English, build or placeholder words. The analysts' pages (atelier, guide) are left out.
import { describe, expect, it } from "vitest";
import { typographyFaults } from "../../docs/components/typography.js";
import { openPage } from "./browser.js";
import { builtFile, builtPages, builtProjectKeys, cellErrors, expectClean, MAIN, settle, spread } from "./page-checks.js";
import { builtSite } from "./site.js";

const ANALYSTS = new Set(["/atelier", "/guide"]);
const READER_PAGES = builtPages().filter((p) => !ANALYSTS.has(p) && p !== "/404");
const PROJECT_PAGES = [...new Set([...spread(builtProjectKeys(), 8), "siv", "3d"])].filter((k) => builtProjectKeys().includes(k)).map((k) => `/projets/${k}`);

const FORBIDDEN =
  /(?<![\p{L}\d_])(true|false|null|undefined|NaN|Infinity|spreadsheet|dashboard|entered|exited|TODO|FIXME)(?![\p{L}\d_])|\[object \w+\]|lorem ipsum/giu;

/** Every text of the page a reader can see once every fold is open, code excepted, one string. */
async function readerText(page: import("playwright-core").Page): Promise<string> {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest("code, pre, kbd, samp, script, style, textarea, template")) continue;
      parts.push(n.nodeValue ?? "");
    }
    return parts.join("");
  });
}

describe("the words readers read", () => {
  const site = builtSite();

  it("covers every reader page and a sample of project pages", () => {
    expect(READER_PAGES).toEqual(expect.arrayContaining(["/", "/donnees", "/evolution", "/ministeres"]));
    expect(PROJECT_PAGES.length).toBeGreaterThanOrEqual(8);
  });

  it.each([...READER_PAGES, ...PROJECT_PAGES])("%s", async (path) => {
    const { page, report } = await openPage(site.browser, `${site.server.url}${path}`);
    try {
      await settle(page);
      expect(await cellErrors(page), "cells that failed").toEqual([]);
      const text = await readerText(page);
      expect(text.length, "the page has text").toBeGreaterThan(200);
      expect(typographyFaults(text), "ordinary space before ; : ? ! » or after «").toEqual([]);
      const words = [...text.matchAll(FORBIDDEN)].map((m) => text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40));
      expect(words, "English, build or placeholder words").toEqual([]);
      expectClean(report, path);
    } finally {
      await page.close();
    }
  });
});

describe("currency on the home page", () => {
  const site = builtSite();
  const { currency } = JSON.parse(builtFile("data/report.json").toString("utf8")) as {
    currency: { latest: { label: string }; since: { label: string; reason: string }[] };
  };

  it("states the newest loaded edition, above the key figures, and each later edition with why it is missing", async () => {
    const { page } = await openPage(site.browser, `${site.server.url}/`);
    try {
      await settle(page);
      const note = page.locator(`${MAIN} .note.currency`);
      if (currency.since.length === 0) {
        expect(await note.count(), "every edition is loaded: no note").toBe(0);
        return;
      }
      const text = (await note.textContent()) ?? "";
      expect(text).toContain(currency.latest.label);
      for (const e of currency.since) expect(text).toContain(`${e.label}`);
      expect(await note.locator("li").count(), "one line per reason").toBe(new Set(currency.since.map((e) => e.reason)).size);
      expect(text).toContain("fichier non disponible lors de la construction du site");
      const above = await page.evaluate((main) => {
        const note = document.querySelector(`${main} .note.currency`)!;
        const figures = document.querySelector(`${main} #chiffres-cles`)!;
        return Boolean(note.compareDocumentPosition(figures) & Node.DOCUMENT_POSITION_FOLLOWING);
      }, MAIN);
      expect(above, "the note comes before the key figures").toBe(true);
    } finally {
      await page.close();
    }
  });
});
