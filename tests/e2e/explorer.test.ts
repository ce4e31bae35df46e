// The project explorer (docs/projets.md) in the browser: search and filters change the rows as the
// same filter functions compute them in Node over the built data file; everything works with the
// keyboard; downloads of the filtered rows (CSV, XLSX) and the full downloads parse back.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { JSDOM, VirtualConsole } from "jsdom";
import {
  DEFAULT_SORT,
  FIRST_ROWS,
  filterProjects,
  inflate,
  sortProjects,
  type ExplorerFile,
  type ExplorerFilters,
  type ExplorerProject,
} from "../../docs/components/explorer.js";
import { formatEdition } from "../../docs/components/format.js";
import { PROJECT_EXPORT_COLUMNS } from "../../docs/components/project-columns.js";
import { openPage } from "./browser.js";
import { builtFile, expectClean, settle } from "./page-checks.js";
import { DEFAULT_DIST } from "./server.js";
import { builtSite } from "./site.js";

const file = JSON.parse(builtFile("data/projects.json", DEFAULT_DIST).toString("utf-8")) as ExplorerFile;
const projects = inflate(file);
const latest = file.editions.at(-1)!.edition;

const ROWS = "table.explorer-table tbody tr";
/** A labelled field of the page's content (the site search box is also labelled « Rechercher… »). */
const field = (page: Page, label: string) => page.locator("#observablehq-main").getByLabel(label, { exact: true });
const rowCount = (page: Page) => page.locator(ROWS).count();

async function expectRows(page: Page, expected: number): Promise<void> {
  await page
    .waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length === n, [ROWS, expected] as const, { timeout: 15_000 })
    .catch(() => undefined);
  expect(await rowCount(page)).toBe(expected);
}

/** (edition, project_key) of each row of a parsed download, in order. */
function keysOf(rows: unknown[][]): string[] {
  const [header, ...body] = rows as string[][];
  const e = header!.indexOf("Édition");
  const k = header!.indexOf("Identifiant du projet");
  return body.map((r) => `${r[e]} ${r[k]}`);
}

const expectedKeys = (rows: readonly ExplorerProject[]) => rows.map((p) => `${p.edition} ${p.project_key}`);

describe("the project explorer (/projets)", () => {
  const site = builtSite();

  async function open(): Promise<{ page: Page; dialogs: string[]; report: Awaited<ReturnType<typeof openPage>>["report"] }> {
    const { page, report } = await openPage(site.browser, `${site.server.url}/projets`);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await settle(page);
    await expectRows(page, projects.length);
    return { page, dialogs, report };
  }

  it("shows every row of every edition, then the rows each search and filter selects", async () => {
    const { page, dialogs, report } = await open();
    const ministry = "Économie et Finances";
    const cases: [string, (p: Page) => Promise<unknown>, Partial<ExplorerFilters>][] = [
      ["an edition", (p) => field(p, "Édition").selectOption({ label: formatEdition(latest) }), { edition: latest }],
      ["and a ministry", (p) => field(p, "Ministère").selectOption({ label: ministry }), { edition: latest, ministry }],
      ["a ministry only", (p) => field(p, "Édition").selectOption({ label: "Toutes les éditions" }), { ministry }],
      ["and a phase", (p) => field(p, "Phase").selectOption({ label: "Déploiement" }), { ministry, phase: "Déploiement" }],
      [
        "a cost band",
        async (p) => {
          await field(p, "Ministère").selectOption({ label: "Tous les ministères" });
          await field(p, "Phase").selectOption({ label: "Toutes les phases" });
          await field(p, "Tranche de coût").selectOption({ label: "100 M€ et plus" });
        },
        { band: "100 M€ et plus" },
      ],
      [
        "interministerial projects",
        async (p) => {
          await field(p, "Tranche de coût").selectOption({ label: "Tous les coûts" });
          await field(p, "Interministériel").selectOption({ label: "Oui" });
        },
        { interministerial: true },
      ],
      // Case and accents do not matter: "ECONOMIE" finds « Économie ».
      [
        "a search, case and accents ignored",
        async (p) => {
          await field(p, "Interministériel").selectOption({ label: "Indifférent" });
          await field(p, "Rechercher").fill("ECONOMIE finances");
        },
        { query: "ECONOMIE finances" },
      ],
      ["a word found only in descriptions", (p) => field(p, "Rechercher").fill("archivage"), { query: "archivage" }],
      [
        "a hostile search, shown as nothing found",
        (p) => field(p, "Rechercher").fill("<img src=x onerror=alert(1)>"),
        { query: "<img src=x onerror=alert(1)>" },
      ],
    ];
    const counts = [projects.length];
    for (const [label, act, filters] of cases) {
      await act(page);
      const expected = filterProjects(projects, filters);
      await expectRows(page, expected.length);
      counts.push(expected.length);
      expect(await page.locator(".explorer-count").textContent(), label).toMatch(/ligne/);
    }
    // every step changed the rows, and the searches found something but the hostile one
    for (let i = 1; i < counts.length; i++) expect(counts[i], cases[i - 1]![0]).not.toBe(counts[i - 1]);
    expect(counts.slice(1, -1).every((n) => n > 0)).toBe(true);
    expect(counts.at(-1)).toBe(0);
    // the description search finds rows whose name does not have the word
    expect(filterProjects(projects, { query: "archivage" }).some((p) => !/archivage/i.test(p.name))).toBe(true);
    expect(dialogs).toEqual([]);
    expect(await page.locator("#observablehq-main img, #observablehq-main [onerror]").count()).toBe(0);
    expectClean(report, "/projets");
    await page.close();
  });

  it("is usable with the keyboard: Tab reaches the search box and every filter, a filter changes with the arrow keys, headers sort with Enter and Space", async () => {
    const { page } = await open();
    await page.locator("body").focus();
    const reached: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | HTMLSelectElement | HTMLButtonElement | null;
        if (!el) return "";
        if (el.matches("button.sort")) return `sort:${(el as HTMLButtonElement).dataset.key}`;
        return (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? "";
      });
      reached.push(label);
      if (label === "sort:cost_meur") break;
    }
    for (const label of ["Rechercher", "Édition", "Ministère", "Phase", "Tranche de coût", "Interministériel"]) expect(reached, label).toContain(label);
    expect(reached.indexOf("Rechercher")).toBeLessThan(reached.indexOf("Édition"));
    expect(reached.at(-1)).toBe("sort:cost_meur");

    // Enter: by cost, largest first; Space: smallest first.
    const costHeader = page.locator("th", { has: page.locator('button[data-key="cost_meur"]') });
    await page.keyboard.press("Enter");
    await expect.poll(() => costHeader.getAttribute("aria-sort")).toBe("descending");
    const byCost = (direction: "ascending" | "descending") => sortProjects(projects, "cost_meur", direction)[0]!;
    expect(await page.locator(`${ROWS} >> nth=0 >> td >> nth=1`).textContent()).toBe(byCost("descending").name);
    await page.keyboard.press("Space");
    await expect.poll(() => costHeader.getAttribute("aria-sort")).toBe("ascending");
    expect(await page.locator(`${ROWS} >> nth=0 >> td >> nth=1`).textContent()).toBe(byCost("ascending").name);

    // A select changes with the arrow keys: the first edition after « Toutes » is the latest.
    await field(page, "Édition").focus();
    await page.keyboard.press("ArrowDown");
    await expectRows(page, filterProjects(projects, { edition: latest }).length);
    await page.close();
  });

  it("downloads the filtered rows, in the table's order, as CSV and XLSX that parse back", async () => {
    const { page, dialogs } = await open();
    const edition = "2018-11";
    await field(page, "Édition").selectOption({ label: formatEdition(edition) });
    await field(page, "Rechercher").fill("système");
    const expected = sortProjects(filterProjects(projects, { edition, query: "système" }), "edition", "descending");
    expect(expected.length).toBeGreaterThan(1);
    await expectRows(page, expected.length);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /\(CSV\)/ }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^panorama-projets-2018-11-recherche\.csv$/);
    const text = await readFile((await csv.path())!, "utf-8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const csvRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(text.slice(1), { type: "string", raw: true }).Sheets.Sheet1!, {
      header: 1,
      raw: true,
      defval: "",
    });
    expect(csvRows[0]).toEqual(PROJECT_EXPORT_COLUMNS.map((c) => c.label));
    expect(csvRows.length - 1).toBe(expected.length);
    expect(keysOf(csvRows)).toEqual(expectedKeys(expected));

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /\(XLSX\)/ }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = XLSX.read(await readFile((await xlsx.path())!));
    expect(book.SheetNames).toEqual(["Projets"]);
    const sheetRows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Projets!, { header: 1, raw: true });
    expect(sheetRows.length - 1).toBe(expected.length);
    expect(keysOf(sheetRows)).toEqual(expectedKeys(expected));
    // numbers stay numbers
    const costColumn = PROJECT_EXPORT_COLUMNS.findIndex((c) => c.name === "cost_meur");
    expect(sheetRows.slice(1).map((r) => r[costColumn] ?? null)).toEqual(expected.map((p) => p.cost_meur));
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("has its first rows in the HTML, shown before any script runs, then one live table of every row", async () => {
    const first = sortProjects(projects, DEFAULT_SORT.key, DEFAULT_SORT.direction).slice(0, FIRST_ROWS);
    const html = await readFile(`${DEFAULT_DIST}/projets.html`, "utf-8");
    // A silent console: jsdom's CSS parser does not know every rule of the inlined stylesheet.
    const built = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document.querySelectorAll(
      ".prerender-slot > .prerendered table.explorer-table tbody tr",
    );
    expect([...built].map((tr) => tr.querySelector("a")?.getAttribute("href"))).toEqual(
      first.map((p) => `./projets/${encodeURIComponent(p.project_key)}.html`),
    );
    expect([...built].map((tr) => tr.querySelectorAll("td")[1]?.textContent)).toEqual(first.map((p) => p.name));

    // Scripts that never arrive (a slow network): the built rows are on screen, and their links work.
    const still = await site.browser.context.newPage();
    await still.route(/\.js(\?|$)/, (route) => route.abort());
    await still.goto(`${site.server.url}/projets`, { waitUntil: "load" });
    await expect.poll(() => still.locator(ROWS).count()).toBe(FIRST_ROWS);
    expect(await still.locator(`${ROWS} >> nth=0`).isVisible()).toBe(true);
    expect(await still.locator(`${ROWS} >> nth=0 >> a`).getAttribute("href")).toBe(`./projets/${encodeURIComponent(first[0]!.project_key)}.html`);
    await still.close();

    const { page, report } = await open();
    expect(await page.locator(".explorer-scroll").count()).toBe(1);
    expect(await page.locator(".prerendered, [data-prerender-pending]").count()).toBe(0);
    expect(await page.locator(`${ROWS} >> nth=0 >> td >> nth=1`).textContent()).toBe(first[0]!.name);
    expectClean(report, "/projets");
    await page.close();
  });

  it("links each row to its project page", async () => {
    const { page } = await open();
    const first = sortProjects(projects, "edition", "descending")[0]!;
    await page.locator(`${ROWS} >> nth=0 >> a`).click();
    await page.waitForURL(`**/projets/${first.project_key}.html`);
    await settle(page);
    expect((await page.textContent("#observablehq-main h1"))?.trim()).toBeTruthy();
    await page.close();
  });

  it("offers the full downloads on « Données et méthode », every row", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/donnees`);
    await settle(page);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('a[download="panorama-projets.csv"]').click()]);
    const text = await readFile((await csv.path())!, "utf-8");
    const csvRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(text.replace(/^\uFEFF/, ""), { type: "string", raw: true }).Sheets.Sheet1!, {
      header: 1,
      raw: true,
      defval: "",
    });
    expect(csvRows.length - 1).toBe(projects.length);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator('a[download="panorama-projets.xlsx"]').click()]);
    const book = XLSX.read(await readFile((await xlsx.path())!));
    expect(XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 }).length - 1).toBe(projects.length);
    for (const name of ["panorama.duckdb", "projects.parquet", "editions.parquet", "anomalies.parquet", "project_history.parquet", "movements.parquet"]) {
      const href = await page.locator(`a[download="${name}"]`).getAttribute("href");
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status(), name).toBe(200);
      const bytes = await response.body();
      // Parquet files start with PAR1; DuckDB files have DUCK after an 8-byte checksum.
      if (name.endsWith(".parquet")) expect(bytes.subarray(0, 4).toString("latin1"), name).toBe("PAR1");
      else expect(bytes.subarray(8, 12).toString("latin1"), name).toBe("DUCK");
      expect(bytes.length, name).toBeGreaterThan(500);
    }
    expectClean(report, "/donnees");
    await page.close();
  });
});
