// A page made by `npm run new-page`, built as `npm run build` builds the site (prepare-offline,
// the query cache expiry, observable build with the project's configuration) in a temporary
// folder over a miniature panorama.duckdb: its SQL runs at build time, so it draws its chart with
// every DuckDB-WASM request blocked, and weighs under 1,5 MB; a broken query fails the build.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDuckDB } from "../../loaders/output/index.js";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { launchBrowser, openPage, type Browser } from "./browser.js";
import { REPO } from "./fixture-site.js";
import { startServer, type StaticServer } from "./server.js";

const OBSERVABLE = join(REPO, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
const TSX = join(REPO, "node_modules", "tsx", "dist", "cli.mjs");
const SLUG = "essai-analyse";
const MAX_BYTES = 1.5e6;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", fail);
    child.on("close", (code) => ok({ code: code ?? 1, output }));
  });
}

async function writeDatabase(path: string): Promise<void> {
  const { connection: c, close } = await openDuckDB();
  await c.run(`ATTACH '${path.replaceAll("'", "''")}' AS fixture (STORAGE_VERSION 'v1.0.0')`);
  await c.run(`CREATE TABLE fixture.projects AS SELECT * FROM (VALUES
    ('2016-11', 'a', 10.5::DECIMAL(10,2)), ('2016-11', 'b', 20.0::DECIMAL(10,2)),
    ('2018-11', 'a', 12.0::DECIMAL(10,2)),
    ('2021-11', 'a', 15.25::DECIMAL(10,2)), ('2021-11', 'c', NULL)
  ) v(edition, project_key, cost_meur)`);
  await c.run("DETACH fixture");
  close();
}

describe("a page made by npm run new-page", () => {
  let dir: string;
  let db: string;
  let server: StaticServer;
  let browser: Browser;
  let firstBuild: { code: number; output: string };
  const build = () =>
    (async () => {
      const env = { PANORAMA_QUERY_DB: db };
      let output = "";
      for (const [cmd, args] of [
        [process.execPath, [join(REPO, "scripts", "prepare-offline.js"), "--root", "docs"]],
        [process.execPath, [join(REPO, "scripts", "queries", "expire.js"), join(dir, "docs")]],
        [process.execPath, [OBSERVABLE, "build"]],
        [process.execPath, [TSX, join(REPO, "scripts", "prerender", "main.ts"), "--docs", join(dir, "docs"), "--dist", join(dir, "dist")]],
      ] as const) {
        const res = await run(cmd, [...args], dir, env);
        if (res.code !== 0) return res;
        output += res.output;
      }
      return { code: 0, output };
    })();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "panorama-new-page-site-"));
    const docs = join(dir, "docs");
    await mkdir(join(docs, "data"), { recursive: true });
    await cp(join(REPO, "templates"), join(dir, "templates"), { recursive: true });
    await cp(join(REPO, "docs", "components"), join(docs, "components"), { recursive: true });
    await cp(join(REPO, "docs", "assets"), join(docs, "assets"), { recursive: true });
    await cp(join(REPO, "docs", "style.css"), join(docs, "style.css"));
    db = join(docs, "data", "panorama.duckdb");
    await writeDatabase(db);
    await writeFile(join(docs, "index.md"), "# Essais\n");
    await writeFile(join(dir, "pages.json"), '[{ "name": "Analyses complémentaires", "pages": [] }]\n');
    await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    // Framework resolves the components' bare imports (xlsx) from node_modules.
    await symlink(join(REPO, "node_modules"), join(dir, "node_modules"));
    await writeFile(
      join(dir, "observablehq.config.ts"),
      `import config from ${JSON.stringify(join(REPO, "observablehq.config.ts"))};\n` +
        `export default {...config, root: "docs", output: "dist", dynamicPaths: [], search: false, pages: [{name: "Analyses complémentaires", pages: [{name: "Essai", path: "/${SLUG}"}]}]};\n`,
    );
    const created = await run(process.execPath, [TSX, join(REPO, "scripts", "new-page.ts"), SLUG, "Essai d’analyse"], dir, {});
    if (created.code !== 0) throw new Error(created.output);
    firstBuild = await build();
    if (firstBuild.code === 0) server = await startServer(join(dir, "dist"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("builds, and draws its chart from build-time results with every DuckDB-WASM request blocked", async () => {
    expect(firstBuild.code, firstBuild.output.slice(-3000)).toBe(0);
    const blocked: string[] = [];
    await browser.context.route(/duckdb/i, (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
    let bytes = 0;
    const { page, report } = await openPage(browser, `${server.url}/${SLUG}`);
    onTestFinished(() => browser.context.unrouteAll());
    page.on("response", async (r) => {
      bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.reload({ waitUntil: "networkidle" });
    // Its chart is in the HTML, drawn at build time, before any script; then the live one replaces it.
    expect(firstBuild.output).toContain("prerender: first chart drawn at build time in 1 of 1 analysis page(s)");
    const html = await (await fetch(`${server.url}/${SLUG}.html`)).text();
    expect(html).toMatch(
      /<div class="prerendered-cell" data-prerendered-cell="[^"]+"><svg (?=[^>]*\bclass="[^"]*\bprerendered-wide\b)(?=[^>]*\baria-label="\[Titre du graphique\]")/,
    );
    await page.waitForSelector('svg[aria-label="[Titre du graphique]"]:not(.prerendered-cell *)', { timeout: 60_000 });
    expect(await page.locator('svg[aria-label="[Titre du graphique]"]:not(.prerendered-cell *) g[aria-label="bar"] rect').count()).toBe(3);
    await expect.poll(() => page.locator(".prerendered-cell").evaluate((e) => getComputedStyle(e).display)).toBe("none");
    const main = (await page.textContent("#observablehq-main")) ?? "";
    expect(main).toMatch(/De novembre 2016 à novembre 2021, le panorama passe de 2 à 2 projets, et leur coût total de 30,5\s*M€ à 15,3\s*M€\./);
    expect(main).not.toMatch(/NaN|undefined|Infinity/);
    // The result as a table, the SQL on demand.
    await page.getByText("Voir les données (3 lignes)").click();
    const headers = await page.locator(".query-panel table th").allTextContents();
    expect(headers).toEqual(["edition", "projets", "cout_meur"]);
    expect(await page.locator(".query-panel tbody tr").first().locator("td").allTextContents()).toEqual(["2016-11", "2", "30,5"]);
    expect(await page.getByRole("button", { name: "Télécharger ces 3 lignes (CSV)" }).count()).toBe(1);
    await page.locator(".query-sql summary").click();
    expect(await page.locator(".query-sql pre").textContent()).toContain("sum(cost_meur) AS cout_meur");
    expect(await page.getByRole("button", { name: "Modifier la requête" }).count()).toBe(1);

    expect(blocked).toEqual([]);
    expect(report.requests.filter((u) => /duckdb|\.wasm/i.test(u))).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(MAX_BYTES);
    await page.close();
  });

  it("« Modifier la requête » loads DuckDB-WASM on click and runs the edited query in the page", async () => {
    const { page, report } = await openPage(browser, `${server.url}/${SLUG}`);
    await page.waitForSelector('svg[aria-label="[Titre du graphique]"]:not(.prerendered-cell *)', { timeout: 60_000 });
    expect(report.requests.filter((u) => /duckdb/i.test(u))).toEqual([]);
    await page.getByRole("button", { name: "Modifier la requête" }).click();
    const box = page.locator(".query-live textarea");
    await box.waitFor({ timeout: 60_000 });
    await box.fill("SELECT count(*), sum(cost_meur) FROM projects");
    await page.locator(".query-live").getByRole("button", { name: "Exécuter" }).click();
    await expect.poll(() => page.locator(".query-live table th").allTextContents(), { timeout: 30_000 }).toEqual(["count(*)", "sum(cost_meur)"]);
    expect(await page.locator(".query-live tbody td").allTextContents()).toEqual(["5", "57,75"]);
    expect(report.requests.some((u) => /duckdb-(eh|mvp)\.wasm$/.test(u))).toBe(true);
    expect(report.externalRequests).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    await page.close();
  });

  it("fails the build on a broken query, naming the page, the query and DuckDB's message", async () => {
    await writeFile(join(dir, "docs", `${SLUG}.json.sql`), "-- name: parEdition\nSELECT edition, count(*) AS projets\nFROM projets\nGROUP BY edition\n");
    const res = await build();
    expect(res.code).not.toBe(0);
    expect(res.output).toContain(`error: docs/${SLUG}.json.sql:1: query "parEdition" (SELECT edition, count(*) AS projets) failed:`);
    expect(res.output).toContain("Catalog Error: Table with name projets does not exist!");
  });
});
