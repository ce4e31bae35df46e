// The project explorer (docs/projets.md) in the browser: search and filters change the rows as the
// same filter functions compute them in Node over the built data file; everything works with the
// keyboard; downloads of the filtered rows (CSV, XLSX) and the full downloads parse back.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { JSDOM, VirtualConsole } from "jsdom";
import { dsvFormat } from "d3-dsv";
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
import { EXPLORER_EXPORT_COLUMNS, PROJECT_EXPORT_COLUMNS } from "../../docs/components/project-columns.js";
import { openPage } from "./browser.js";
import { builtFile, cellErrors, expectClean, settle } from "./page-checks.js";
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

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV pour programmes" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^panorama-projets-2018-11-recherche-programmes\.csv$/);
    const text = await readFile((await csv.path())!, "utf-8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const csvRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(text.slice(1), { type: "string", raw: true }).Sheets.Sheet1!, {
      header: 1,
      raw: true,
      defval: "",
    });
    expect(csvRows[0]).toEqual(EXPLORER_EXPORT_COLUMNS.map((c) => c.label));
    expect(csvRows.length - 1).toBe(expected.length);
    expect(keysOf(csvRows)).toEqual(expectedKeys(expected));

    // The spreadsheet CSV of the same rows: ";" separators, "," decimals, Oui/Non, rounded durations.
    const [french] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV pour tableur (français)" }).click()]);
    expect(french.suggestedFilename()).toBe("panorama-projets-2018-11-recherche-tableur.csv");
    const frenchText = await readFile((await french.path())!, "utf-8");
    expect(frenchText.charCodeAt(0)).toBe(0xfeff);
    const frenchRows = dsvFormat(";").parseRows(frenchText.slice(1));
    expect(frenchRows[0]).toEqual(EXPLORER_EXPORT_COLUMNS.map((c) => c.label));
    expect(keysOf(frenchRows)).toEqual(expectedKeys(expected));
    const cost = EXPLORER_EXPORT_COLUMNS.findIndex((c) => c.name === "cost_meur");
    const duration = EXPLORER_EXPORT_COLUMNS.findIndex((c) => c.name === "duration_years");
    frenchRows.slice(1).forEach((r, i) => {
      const p = expected[i]!;
      expect(r[cost]).toBe(p.cost_meur === null ? "" : String(p.cost_meur).replace(".", ","));
      expect(r[duration]).toBe(p.duration_years === null ? "" : String(Math.round(p.duration_years * 100) / 100).replace(".", ","));
      expect(["Oui", "Non", ""]).toContain(r[PROJECT_EXPORT_COLUMNS.findIndex((c) => c.name === "interministerial")]);
    });

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "XLSX" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = XLSX.read(await readFile((await xlsx.path())!));
    expect(book.SheetNames).toEqual(["Projets"]);
    const sheetRows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Projets!, { header: 1, raw: true });
    expect(sheetRows.length - 1).toBe(expected.length);
    expect(keysOf(sheetRows)).toEqual(expectedKeys(expected));
    // numbers stay numbers
    const costColumn = EXPLORER_EXPORT_COLUMNS.findIndex((c) => c.name === "cost_meur");
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

  it("sorts by the change since the first published cost and duration, and shows description, zone and financing on demand", async () => {
    const { page, report } = await open();
    for (const key of ["cost_change_meur", "duration_change_years"] as const) {
      const header = page.locator("th", { has: page.locator(`button[data-key="${key}"]`) });
      await page.locator(`button[data-key="${key}"]`).click();
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
      const expected = sortProjects(projects, key, "descending");
      expect(expected[0]![key]).toBeGreaterThan(0);
      expect(await page.locator(`${ROWS} >> nth=0 >> td >> nth=1`).textContent()).toBe(expected[0]!.name);
      await page.locator(`button[data-key="${key}"]`).click();
      await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
      expect(await page.locator(`${ROWS} >> nth=0 >> td >> nth=1`).textContent()).toBe(sortProjects(projects, key, "ascending")[0]!.name);
    }
    const headers = () => page.locator("table.explorer-table thead button.sort").allTextContents();
    expect(await headers()).not.toContain("Description");
    await page.locator("#observablehq-main").getByLabel("Description", { exact: true }).check();
    await page.locator("#observablehq-main").getByLabel("Financement", { exact: true }).check();
    await expect.poll(headers).toEqual(expect.arrayContaining(["Description", "Financement"]));
    const column = (await headers()).indexOf("Financement");
    const shown = await page.locator(`${ROWS} >> nth=0 >> td >> nth=${column}`).textContent();
    const firstRow = sortProjects(projects, "duration_change_years", "ascending")[0]!;
    expect(shown).toBe(firstRow.financing ?? "—");
    expectClean(report, "/projets");
    await page.close();
  });

  it("keeps its view in the address: filters, order and columns come back from a shared link; invalid values are ignored", async () => {
    const { page } = await open();
    await field(page, "Édition").selectOption({ label: formatEdition(latest) });
    await field(page, "Phase").selectOption({ label: "Déploiement" });
    await field(page, "Rechercher").fill("système");
    await page.locator('button[data-key="cost_meur"]').click();
    await page.locator("#observablehq-main").getByLabel("Zone fonctionnelle", { exact: true }).check();
    const filters = { edition: latest, phase: "Déploiement", query: "système" };
    const expected = filterProjects(projects, filters);
    expect(expected.length).toBeGreaterThan(0);
    await expectRows(page, expected.length);
    await expect.poll(() => new URL(page.url()).searchParams.get("colonnes")).toBe("functional_zone");
    const shared = page.url();
    const params = new URL(shared).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      q: "système",
      edition: latest,
      phase: "Déploiement",
      tri: "cost_meur:descending",
      colonnes: "functional_zone",
    });
    await page.close();

    const { page: again, report } = await openPage(site.browser, shared);
    await settle(again);
    await expectRows(again, expected.length);
    expect(await field(again, "Rechercher").inputValue()).toBe("système");
    expect(await field(again, "Édition").locator("option:checked").textContent()).toBe(formatEdition(latest));
    expect(await field(again, "Phase").locator("option:checked").textContent()).toBe("Déploiement");
    expect(await again.locator("th[aria-sort] button").getAttribute("data-key")).toBe("cost_meur");
    expect(await again.locator(`${ROWS} >> nth=0 >> td >> nth=1`).textContent()).toBe(sortProjects(expected, "cost_meur", "descending")[0]!.name);
    expect(await again.locator("table.explorer-table thead button.sort").allTextContents()).toContain("Zone fonctionnelle");
    expectClean(report, "/projets (shared view)");
    await again.close();

    const { page: invalid, report: invalidReport } = await openPage(
      site.browser,
      `${site.server.url}/projets?edition=1999-01&ministere=%3Cscript%3E&phase=Nope&cout=x&interministeriel=42&tri=nope:up&colonnes=evil`,
    );
    await settle(invalid);
    await expectRows(invalid, projects.length);
    expect(await field(invalid, "Édition").locator("option:checked").textContent()).toBe("Toutes les éditions");
    expect(new URL(invalid.url()).search).toBe("");
    expect(await cellErrors(invalid)).toEqual([]);
    expectClean(invalidReport, "/projets (invalid address)");
    await invalid.close();
  });

  it("prints the current filter only, as a table with its filters in words", async () => {
    const { page } = await open();
    await field(page, "Édition").selectOption({ label: formatEdition(latest) });
    await field(page, "Phase").selectOption({ label: "Déploiement" });
    const expected = filterProjects(projects, { edition: latest, phase: "Déploiement" });
    await expectRows(page, expected.length);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".explorer-filters").isVisible()).toBe(false);
    expect(await page.locator(".explorer-downloads").isVisible()).toBe(false);
    const printed = page.locator("#observablehq-main .print-only");
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.textContent()).toContain(`édition ${formatEdition(latest)}`);
    expect(await printed.textContent()).toContain("Déploiement");
    // a table (not cards), every filtered row laid out, none cut by a scrolling box
    expect(await page.locator("table.explorer-table tbody tr >> nth=0").evaluate((tr) => getComputedStyle(tr).display)).toBe("table-row");
    expect(await page.locator(".explorer-scroll").evaluate((e) => getComputedStyle(e).overflowY)).toBe("visible");
    expect(await rowCount(page)).toBe(expected.length);
    await page.emulateMedia({ media: "screen" });
    await page.close();
  });

  it("shows cost, phase and duration on a phone, without sideways scrolling", async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await field(page, "Édition").selectOption({ label: formatEdition(latest) });
    await expectRows(page, filterProjects(projects, { edition: latest }).length);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const first = page.locator(`${ROWS} >> nth=0`);
    await first.scrollIntoViewIfNeeded();
    for (const label of ["Phase", "Coût (M€)", "Écart de coût (M€)", "Durée (années)"]) {
      const cell = first.locator(`td[data-label="${label}"]`);
      expect(await cell.isVisible(), label).toBe(true);
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width, label).toBeLessThanOrEqual(390);
      expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content), label).toBe(`"${label}"`);
    }
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
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('a[download="panorama-projets-programmes.csv"]').click()]);
    const text = await readFile((await csv.path())!, "utf-8");
    const csvRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(text.replace(/^\uFEFF/, ""), { type: "string", raw: true }).Sheets.Sheet1!, {
      header: 1,
      raw: true,
      defval: "",
    });
    expect(csvRows.length - 1).toBe(projects.length);
    expect(csvRows[0]).toEqual(PROJECT_EXPORT_COLUMNS.map((c) => c.label));
    // The spreadsheet CSV: ";" separators, "," decimals, Oui/Non, a BOM.
    const [french] = await Promise.all([page.waitForEvent("download"), page.locator('a[download="panorama-projets-tableur.csv"]').click()]);
    const frenchText = await readFile((await french.path())!, "utf-8");
    expect(frenchText.charCodeAt(0)).toBe(0xfeff);
    const [frenchHeader, ...frenchRows] = dsvFormat(";").parseRows(frenchText.slice(1));
    expect(frenchHeader).toEqual(PROJECT_EXPORT_COLUMNS.map((c) => c.label));
    expect(frenchRows).toHaveLength(projects.length);
    const duration = frenchHeader!.indexOf("Durée prévisionnelle (années)");
    expect(frenchRows.some((r) => /^\d+,\d{1,2}$/.test(r[duration]!))).toBe(true);
    expect(frenchRows.every((r) => /^(\d+(,\d{1,2})?)?$/.test(r[duration]!))).toBe(true);
    const inter = new Set(frenchRows.map((r) => r[frenchHeader!.indexOf("Interministériel")]));
    expect(inter.has("Oui") && inter.has("Non")).toBe(true);
    expect([...inter].every((v) => ["Oui", "Non", ""].includes(v!))).toBe(true);
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
