// The Atelier SQL (docs/atelier.md) as someone who knows SQL but not DuckDB-WASM uses it, over
// dist/: unqualified table names, French formats and dates, headers as written, a row limit,
// errors explained in French, the query in the address, examples opened in one click, and no
// request leaving the page whatever the query (no extension, no external file).
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openPage } from "./browser.js";
import { builtSite } from "./site.js";

const box = (page: Page) => page.locator("#sql-editor-box");
const output = (page: Page) => page.locator(".sql-editor [aria-live]");

async function runQuery(page: Page, sql: string): Promise<string> {
  await box(page).fill(sql);
  await page.locator(".sql-editor").getByRole("button", { name: "Exécuter", exact: true }).click();
  await expect.poll(async () => (await output(page).textContent()) ?? "", { timeout: 30_000 }).not.toMatch(/^(Exécution…)?$/);
  return (await output(page).textContent()) ?? "";
}

const headers = (page: Page) => output(page).locator("table th").allTextContents();
const firstRow = (page: Page) => output(page).locator("tbody tr").first().locator("td").allTextContents();

describe("Atelier SQL (dist/)", () => {
  const site = builtSite();

  it("answers SQL as written: unqualified tables, headers as written, numbers and dates in French", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/atelier`);
    await page.waitForSelector('.sql-editor caption:has-text("Résultat de votre requête")', { timeout: 60_000 });

    await runQuery(page, "select count(*) from projects");
    expect(await headers(page)).toEqual(["count(*)"]);
    const total = Number((await firstRow(page))[0]!.replace(/\s/g, ""));
    expect(total).toBeGreaterThan(100);

    // DECIMAL, HUGEINT and BIGINT as numbers; DATE as a date; qualified names work too.
    await runQuery(page, "SELECT count(*)::HUGEINT AS h, 1234567.891::DECIMAL(12,3) AS d, DATE '2013-07-01' AS debut, min(start_date) FROM panorama.projects");
    expect(await headers(page)).toEqual(["h", "d", "debut", "min(start_date)"]);
    const row = await firstRow(page);
    expect(row[0]!.replace(/\s/g, "")).toBe(String(total));
    expect(row[1]).toBe("1\u202f234\u202f567,89");
    expect(row[2]).toBe("1 juillet 2013");
    expect(row[3]).toMatch(/^\d{1,2} [a-zéû]+ \d{4}$/);

    // A row limit, said.
    const text = await runQuery(page, "SELECT * FROM range(5000)");
    expect(text).toContain("Plus de 1\u202f000\u00a0lignes\u202f: seules les 1\u202f000 premières sont affichées.");
    expect(await output(page).locator("tbody tr").count()).toBe(1000);

    const empty = await runQuery(page, "SELECT name FROM projects WHERE false");
    expect(empty).toContain("La requête ne renvoie aucune ligne.");

    expect(report.consoleErrors).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    await page.close();
  });

  it.each([
    [
      "select count(*) from projets",
      /La table «\u202fprojets\u202f» n’existe pas\..*Vouliez-vous dire «\u202fprojects\u202f»/,
      "Catalog Error: Table with name projets does not exist!",
    ],
    ["select nom from projects", /La colonne «\u202fnom\u202f» n’existe pas/, 'Binder Error: Referenced column "nom" not found'],
    ["select edition, count(*) from projects", /doit figurer dans le GROUP BY/, "Binder Error"],
    ["selct 1", /Erreur de syntaxe près de «\u202fselct\u202f»/, 'Parser Error: syntax error at or near "selct"'],
  ])("explains %j in French, with DuckDB's message below", async (sql, explanation, original) => {
    const { page } = await openPage(site.browser, `${site.server.url}/atelier?sql=${encodeURIComponent(sql)}`);
    await page.waitForSelector(".sql-editor .query-error", { timeout: 60_000 });
    expect(await page.locator(".sql-editor [role=alert]").textContent()).toMatch(/^La requête a échoué\. /);
    expect(await page.locator(".sql-editor [role=alert]").textContent()).toMatch(explanation);
    expect(await page.locator(".sql-editor .query-error pre").textContent()).toContain(original);
    await page.close();
  });

  it("never reaches the network: queries that need an extension or a remote file fail cleanly, with no request", async () => {
    const { page, report } = await openPage(site.browser, `${site.server.url}/atelier`);
    await page.waitForSelector('.sql-editor caption:has-text("Résultat de votre requête")', { timeout: 60_000 });
    const before = report.requests.length;
    for (const [sql, explanation] of [
      ["SELECT ST_Point(1, 2)", /Cette requête demande l’extension «\u202fspatial\u202f» de DuckDB/],
      ["SELECT json_extract('{\"a\": 1}', '$.a')", /Cette requête demande l’extension «\u202fjson\u202f» de DuckDB/],
      ["LOAD spatial", /L’Atelier ne lit que la base du panorama/],
      ["SELECT * FROM read_parquet('https://example.com/x.parquet')", /Cette requête demande l’extension «\u202fparquet\u202f»/],
      ["SELECT * FROM 'https://example.org/data.csv'", /L’Atelier ne lit que la base du panorama/],
      ["SET autoload_known_extensions = true", /verrouillés/],
    ] as const) {
      const text = await runQuery(page, sql);
      expect(text, sql).toMatch(/^La requête a échoué\./);
      expect(text, sql).toMatch(explanation);
    }
    // The engine still answers afterwards.
    await runQuery(page, "SELECT count(*) AS n FROM editions");
    expect(await headers(page)).toEqual(["n"]);
    expect(report.requests.slice(before)).toEqual([]);
    expect(report.externalRequests).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    await page.close();
  });

  it("keeps the query in the address, and opens an example in the editor in one click", async () => {
    const { page } = await openPage(site.browser, `${site.server.url}/atelier`);
    await page.waitForSelector('.sql-editor caption:has-text("Résultat de votre requête")', { timeout: 60_000 });
    await runQuery(page, "SELECT 'É, é & ?' AS texte");
    expect(new URL(page.url()).searchParams.get("sql")).toBe("SELECT 'É, é & ?' AS texte");

    // Shared: the same address runs the same query.
    const { page: shared } = await openPage(site.browser, page.url());
    await shared.waitForSelector('.sql-editor caption:has-text("Résultat de votre requête")', { timeout: 60_000 });
    expect(await box(shared).inputValue()).toBe("SELECT 'É, é & ?' AS texte");
    expect(await firstRow(shared)).toEqual(["É, é & ?"]);
    await shared.close();

    const example = page.locator(".sql-example").first();
    const sql = (await example.locator("pre").textContent())!;
    await example.getByRole("button", { name: "Ouvrir dans l’éditeur" }).click();
    await expect.poll(() => box(page).inputValue()).toBe(sql);
    await expect.poll(() => output(page).locator("caption").textContent()).toBe("Résultat de votre requête");
    expect(new URL(page.url()).searchParams.get("sql")).toBe(sql);
    await page.close();
  });
});
