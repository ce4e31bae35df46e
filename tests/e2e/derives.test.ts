// « Dérives » (docs/derives.md) in the browser: the answer and its first chart come before the
// caveats; by default the projects of the latest edition, a switch adds those that left (and
// stays in the address); one sortable table of every comparable project, downloaded in its order
// as a French spreadsheet CSV; printed, the folded data tables open.
import { readFile } from "node:fs/promises";
import { dsvFormat } from "d3-dsv";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DRIFT_EXPORT_COLUMNS, type DriftTableRow } from "../../docs/components/drift-table.js";
import { sortRows } from "../../docs/components/data-table.js";
import { openPage } from "./browser.js";
import { builtFile, cellErrors, expectClean, settle } from "./page-checks.js";
import { DEFAULT_DIST } from "./server.js";
import { builtSite } from "./site.js";

interface DriftFile {
  latest: string;
  rows: (DriftTableRow & { still_listed: boolean })[];
}
const drift = JSON.parse(builtFile("data/drift.json", DEFAULT_DIST).toString("utf-8")) as DriftFile;
const comparable = (r: DriftTableRow) => r.cost_comparable || r.duration_comparable;
const listed = drift.rows.filter((r) => r.still_listed && comparable(r));
const all = drift.rows.filter(comparable);

const TABLE = ".drift-table-scroll table";
const tableRows = (page: Page) => page.locator(`${TABLE} tbody tr`);
const names = (page: Page) => page.locator(`${TABLE} tbody tr td:first-child`).allTextContents();
const toggle = (page: Page) => page.locator("#observablehq-main .drift-scope input[type=checkbox]");

describe("Dérives (/derives)", () => {
  const site = builtSite();

  async function open(path = "/derives"): Promise<{ page: Page; report: Awaited<ReturnType<typeof openPage>>["report"] }> {
    const { page, report } = await openPage(site.browser, `${site.server.url}${path}`);
    await settle(page);
    await page.locator(`${TABLE} tbody tr >> nth=0`).waitFor();
    return { page, report };
  }

  it("gives the answer first: the figures and the first chart, then the caveats", async () => {
    const { page, report } = await open();
    const top = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    const lead = await top("#observablehq-main p.lead");
    const chart = await top("#observablehq-main svg[class^='plot-']");
    const caveats = await top("#observablehq-main .warning");
    expect(lead).toBeLessThan(chart);
    expect(chart).toBeLessThan(caveats);
    // the first chart starts within the first screen at 1280 × 900
    expect(chart).toBeLessThan(900);
    expect(await page.locator("#observablehq-main p.lead").textContent()).toMatch(/\d+ ont un coût publié/);
    expect(await cellErrors(page)).toEqual([]);
    expectClean(report, "/derives");
    await page.close();
  });

  it("shows the projects of the latest edition, and those that left with the switch, kept in the address", async () => {
    expect(listed.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(listed.length);
    const { page } = await open();
    expect(await toggle(page).isChecked()).toBe(false);
    await expect.poll(() => tableRows(page).count()).toBe(listed.length);
    const leadListed = await page.locator("#observablehq-main p.lead").textContent();
    await toggle(page).check();
    await expect.poll(() => tableRows(page).count()).toBe(all.length);
    expect(await page.locator("#observablehq-main p.lead").textContent()).not.toBe(leadListed);
    expect(new URL(page.url()).searchParams.get("sortis")).toBe("1");
    await page.close();

    const { page: shared } = await open("/derives?sortis=1");
    expect(await toggle(shared).isChecked()).toBe(true);
    await expect.poll(() => tableRows(shared).count()).toBe(all.length);
    await shared.close();
  });

  it("sorts its table by any column, both ways, and downloads it in that order as a French spreadsheet CSV", async () => {
    const { page } = await open();
    const byRatio = (direction: "ascending" | "descending") => sortRows(listed, { label: "", key: "cost_change_ratio" }, direction).map((r) => r.name);
    const header = page.locator(`${TABLE} thead th`, { hasText: "Écart (%)" });
    await header.locator("button").click();
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
    expect(await names(page)).toEqual(byRatio("descending"));
    await header.locator("button").click();
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
    expect(await names(page)).toEqual(byRatio("ascending"));
    // missing values last either way
    expect((await names(page)).at(-1)).toBe(byRatio("descending").at(-1));

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV pour tableur (français)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^panorama-derives-.*-tableur\.csv$/);
    const text = await readFile((await download.path())!, "utf-8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [head, ...body] = dsvFormat(";").parseRows(text.slice(1));
    expect(head).toEqual(DRIFT_EXPORT_COLUMNS.map((c) => c.label));
    expect(body.map((r) => r[0])).toEqual(byRatio("ascending"));
    const costChange = head!.indexOf("Écart de coût (M€)");
    const percent = head!.indexOf("Écart de coût (%)");
    const cells = body.map((r) => r[costChange]!).filter(Boolean);
    expect(cells.some((c) => c.includes(","))).toBe(true);
    expect(cells.every((c) => /^-?\d+(,\d+)?$/.test(c))).toBe(true);
    // the percentage cell reads back as the table's fraction × 100
    const first = listed.find((r) => r.name === body[0]![0])!;
    const cell = body[0]![percent]!;
    if (first.cost_change_ratio === null) expect(cell).toBe("");
    else expect(Number(cell.replace(",", "."))).toBeCloseTo(first.cost_change_ratio * 100, 1);
    expect(new Set(body.map((r) => r[head!.indexOf("Présent dans la dernière édition")]))).toEqual(new Set(["Oui"]));
    await page.close();
  });

  it("prints its data tables: every « Voir les données » opens for print, and folds back after", async () => {
    const { page } = await open();
    const details = page.locator("#observablehq-main details.data-details");
    const count = await details.count();
    expect(count).toBeGreaterThan(3);
    expect(await page.locator("#observablehq-main details.data-details[open]").count()).toBe(0);
    await page.emulateMedia({ media: "print" });
    await expect.poll(() => page.locator("#observablehq-main details.data-details[open]").count()).toBe(count);
    for (let i = 0; i < count; i++) {
      const table = details.nth(i).locator("table");
      expect(await table.isVisible(), `table ${i}`).toBe(true);
      expect(
        await details
          .nth(i)
          .locator(".data-details-scroll")
          .evaluate((e) => getComputedStyle(e).overflowY),
      ).toBe("visible");
    }
    expect(await page.locator(TABLE).isVisible()).toBe(true);
    expect(await page.locator(".table-downloads").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await expect.poll(() => page.locator("#observablehq-main details.data-details[open]").count()).toBe(0);
    await page.close();
  });

  it("fits a phone: no sideways scrolling, each project a card with its figures labelled", async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const first = tableRows(page).first();
    await first.scrollIntoViewIfNeeded();
    for (const label of ["Premier coût (M€)", "Dernier coût (M€)", "Écart (M€)", "Écart (%)", "Écart (années)"]) {
      const cell = first.locator(`td[data-label="${label}"]`);
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width, label).toBeLessThanOrEqual(390);
      expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content), label).toBe(`"${label}"`);
    }
    // The bar charts wrap long project names instead of cutting them: every name whole, inside the chart.
    const names = new Set(drift.rows.map((r) => r.name.replace(/\s+/g, "")));
    const labels = await page.locator("#observablehq-main svg[aria-label^='Variation'] g[aria-label='y-axis tick label'] text").evaluateAll((texts) =>
      texts.map((t) => ({
        text: (t.textContent ?? "").replace(/\s+/g, ""),
        left: t.getBoundingClientRect().left - (t.closest("svg")?.getBoundingClientRect().left ?? 0),
      })),
    );
    expect(labels.length).toBeGreaterThan(0);
    for (const { text, left } of labels) {
      expect(names.has(text), text).toBe(true);
      expect(left, text).toBeGreaterThanOrEqual(0);
    }
    await page.close();
  });
});
