// Analysis pages' queries at build time (scripts/queries/), the typed results the pages read
// (docs/components/query-results.ts), headers as written and DuckDB's errors in French.
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { openDuckDB } from "../loaders/output/index.js";
import { DateDay, Int64, Table, Utf8, vectorFromArray } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromArrowBatches, kindOf, type PagePayload, reviveRows } from "../docs/components/query-results.js";
import { explainError } from "../docs/components/sql-errors.js";
import { writtenHeaders } from "../docs/components/sql-headers.js";
import { firstLine, parseQueries, QueryError, runQueries } from "../scripts/queries/queries.js";
import { removeDir, tempDir } from "./helpers.js";

const REPO = join(import.meta.dirname, "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");
const exec = promisify(execFile);

let dir: string;
let db: string;

// A panorama.duckdb in miniature, with the types that DuckDB-WASM used to read wrong.
beforeAll(async () => {
  dir = await tempDir("panorama-queries-");
  db = join(dir, "fixture.duckdb");
  const { connection: c, close } = await openDuckDB(db);
  await c.run(`CREATE TABLE projects AS SELECT * FROM (VALUES
    ('2016-11', 'p1', 'Alpha', true, DATE '2013-07-01', 12.5::DECIMAL(10,2)),
    ('2016-11', 'p2', 'Béta', false, NULL, NULL),
    ('2021-11', 'p1', 'Alpha', true, DATE '2013-07-01', 20.25::DECIMAL(10,2))
  ) v(edition, project_key, name, interministerial, start_date, cost_meur)`);
  await c.run("CREATE TABLE editions AS SELECT DISTINCT edition FROM projects");
  close();
});
afterAll(async () => {
  await removeDir(dir);
});

describe("parseQueries", () => {
  it("reads named queries, keeps their comments, drops the final semicolon", () => {
    const text = "-- Requêtes de la page\n\n-- name: parEdition\n-- Une ligne par édition\nSELECT 1;\n\n-- name: autre\nSELECT 2\n";
    expect(parseQueries(text, "docs/x.json.sql")).toEqual([
      { name: "parEdition", sql: "-- Une ligne par édition\nSELECT 1", line: 3 },
      { name: "autre", sql: "SELECT 2", line: 7 },
    ]);
  });
  it.each([
    ["SELECT 1\n-- name: a\nSELECT 2", /docs\/x\.json\.sql: SQL before the first "-- name: <nom>" line/],
    ["-- rien\n", /no query: start each query with a line "-- name: <nom>"/],
    ["-- name: par-édition\nSELECT 1", /docs\/x\.json\.sql:1: "par-édition" is not a valid query name/],
    ["-- name: a\nSELECT 1\n-- name: a\nSELECT 2", /docs\/x\.json\.sql:3: the query name "a" is used twice/],
    ["-- name: a\n-- rien\n-- name: b\nSELECT 1", /docs\/x\.json\.sql:1: query "a" is empty/],
  ])("refuses %j", (text, message) => {
    expect(() => parseQueries(text, "docs/x.json.sql")).toThrow(message);
  });
  it("names a query by its first line of SQL", () => {
    expect(firstLine("-- commentaire\n\n  SELECT edition,\n  count(*)")).toBe("SELECT edition,");
  });
});

describe("runQueries (@duckdb/node-api)", () => {
  it("ships numbers as numbers and dates as ISO dates, with headers as written, unqualified or qualified", async () => {
    const queries = parseQueries(
      [
        "-- name: totals",
        "SELECT edition, count(*), sum(cost_meur) AS cout, count(*)::HUGEINT AS h, min(start_date) AS debut, bool_or(interministerial) AS inter",
        "FROM projects GROUP BY edition ORDER BY edition",
        "-- name: qualified",
        "SELECT count(*) AS n FROM panorama.projects",
        "-- name: none",
        "SELECT name FROM projects WHERE false",
      ].join("\n"),
      "docs/x.json.sql",
    );
    const out = await runQueries(db, queries, "docs/x.json.sql");
    expect(out.totals!.columns).toEqual([
      { name: "edition", type: "VARCHAR", kind: "text" },
      { name: "count(*)", type: "BIGINT", kind: "number" },
      { name: "cout", type: "DECIMAL(38,2)", kind: "number" },
      { name: "h", type: "HUGEINT", kind: "number" },
      { name: "debut", type: "DATE", kind: "date" },
      { name: "inter", type: "BOOLEAN", kind: "boolean" },
    ]);
    expect(out.totals!.rows).toEqual([
      ["2016-11", 2, 12.5, 2, "2013-07-01", true],
      ["2021-11", 1, 20.25, 1, "2013-07-01", true],
    ]);
    expect(out.qualified!.rows).toEqual([[3]]);
    expect(out.none).toEqual({ sql: "SELECT name FROM projects WHERE false", columns: [{ name: "name", type: "VARCHAR", kind: "text" }], rows: [] });

    const page = reviveRows("totals", out.totals!);
    expect(page[0]).toEqual({ edition: "2016-11", "count(*)": 2, cout: 12.5, h: 2, debut: new Date("2013-07-01T00:00:00Z"), inter: true });
    expect(page.query.sql).toContain("count(*)::HUGEINT");
  });

  it("fails with the file, the line, the query's name and first line, and DuckDB's message", async () => {
    const queries = parseQueries("-- name: ok\nSELECT 1\n\n-- name: casse\n-- commentaire\nSELECT count(*)\nFROM projets", "docs/x.json.sql");
    const error = await runQueries(db, queries, "docs/x.json.sql").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message).toMatch(
      /^docs\/x\.json\.sql:4: query "casse" \(SELECT count\(\*\)\) failed:\nCatalog Error: Table with name projets does not exist!/,
    );
    expect((error as Error).message).toContain('Did you mean "projects"');
  });

  it("reads nothing outside the database", async () => {
    const queries = parseQueries("-- name: dehors\nSELECT * FROM read_csv('https://example.com/x.csv')", "docs/x.json.sql");
    await expect(runQueries(db, queries, "docs/x.json.sql")).rejects.toThrow(/query "dehors" .* failed:\nPermission Error/);
  });

  it("as Framework's interpreter, prints the page's JSON, or fails (exit 1) with the message", async () => {
    await mkdir(join(dir, "docs"), { recursive: true });
    const env = { ...process.env, PANORAMA_QUERY_DB: db };
    await writeFile(join(dir, "docs", "essai.json.sql"), "-- name: n\nSELECT count(*) FROM projects");
    const { stdout } = await exec(TSX, [join(REPO, "scripts", "queries", "run.ts"), "docs/essai.json.sql"], { cwd: dir, env });
    const payload = JSON.parse(stdout) as PagePayload;
    expect(payload.page).toBe("essai");
    expect(payload.queries.n!.columns[0]!.name).toBe("count(*)");
    expect(payload.queries.n!.rows).toEqual([[3]]);

    await writeFile(join(dir, "docs", "essai.json.sql"), "-- name: n\nSELECT nothing FROM projects");
    const failed = await exec(TSX, [join(REPO, "scripts", "queries", "run.ts"), "docs/essai.json.sql"], { cwd: dir, env }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(
      /error: docs\/essai\.json\.sql:1: query "n" \(SELECT nothing FROM projects\) failed:\nBinder Error: Referenced column "nothing" not found/,
    );
  });
});

describe("writtenHeaders", () => {
  it.each<[string, string[], string[]]>([
    ["SELECT count(*) FROM projects", ["count_star()"], ["count(*)"]],
    [
      "select edition, count(*), sum(cost_meur)::INTEGER from projects group by 1",
      ["edition", "count_star()", "CAST(sum(cost_meur) AS INTEGER)"],
      ["edition", "count(*)", "sum(cost_meur)::INTEGER"],
    ],
    ["SELECT count(*) AS n, p.edition, count(*) total FROM projects p", ["n", "edition", "total"], ["n", "edition", "total"]],
    ['SELECT count(*) AS "Nombre de projets" FROM projects', ["Nombre de projets"], ["Nombre de projets"]],
    ["WITH t AS (SELECT 1 AS a, 2 AS b) SELECT DISTINCT a + b, 'x, y' FROM t", ["(a + b)", "'x, y'"], ["a + b", "'x, y'"]],
    ["SELECT * FROM projects", ["edition", "name"], ["edition", "name"]],
    ["SELECT p.*, count(*) FROM projects p", ["edition", "count_star()"], ["edition", "count_star()"]],
    ["SELECT max(edition) -- la dernière\nFROM editions", ["max(edition)"], ["max(edition)"]],
    ["CREATE TABLE x AS SELECT 1", ["Count"], ["Count"]],
    ["DESCRIBE projects", ["column_name"], ["column_name"]],
  ])("%s", (sql, names, headers) => {
    expect(writtenHeaders(sql, names)).toEqual(headers);
  });
});

describe("typed results", () => {
  it.each([
    ["BIGINT", "number"],
    ["HUGEINT", "number"],
    ["DECIMAL(18,3)", "number"],
    ["UBIGINT", "number"],
    ["DOUBLE", "number"],
    ["DATE", "date"],
    ["TIMESTAMP WITH TIME ZONE", "timestamp"],
    ["BOOLEAN", "boolean"],
    ["VARCHAR", "text"],
    ["VARCHAR[]", "other"],
  ])("%s is a %s column", (type, kind) => {
    expect(kindOf(type)).toBe(kind);
  });

  it("reads DuckDB-WASM's Arrow batches: dates as Dates, 64-bit integers as numbers, headers as written, a row limit", () => {
    // DuckDB-WASM sends DATE as Date32<DAY> and BIGINT as Int64 (without its cast options).
    const table = new Table({
      "count_star()": vectorFromArray([3n, 4n, 5n], new Int64()),
      debut: vectorFromArray([new Date("2013-07-01T00:00:00Z"), null, new Date("2020-01-01T00:00:00Z")], new DateDay()),
      nom: vectorFromArray(["a", "b", null], new Utf8()),
    });
    const all = fromArrowBatches("SELECT count(*), debut, nom FROM t", table.schema, table.batches);
    expect(all.truncated).toBe(false);
    expect(all.rows.query.columns.map((c) => [c.name, c.kind])).toEqual([
      ["count(*)", "number"],
      ["debut", "date"],
      ["nom", "text"],
    ]);
    expect(all.rows[0]).toEqual({ "count(*)": 3, debut: new Date("2013-07-01T00:00:00Z"), nom: "a" });
    const two = fromArrowBatches("SELECT count(*), debut, nom FROM t", table.schema, table.batches, 2);
    expect(two.truncated).toBe(true);
    expect(two.rows.length).toBe(2);
  });
});

describe("explainError", () => {
  it.each([
    [
      'Catalog Error: Table with name projets does not exist!\nDid you mean "projects"?',
      /^La table «\u202fprojets\u202f» n’existe pas\. Les tables sont projects, editions.* Vouliez-vous dire «\u202fprojects\u202f»\u202f\?$/,
    ],
    [
      'Catalog Error: Scalar Function with name "st_point" is not in the catalog, but it exists in the spatial extension.',
      /^Cette requête demande l’extension «\u202fspatial\u202f» de DuckDB\. L’Atelier n’en charge aucune/,
    ],
    ["Permission Error: Loading external extensions is disabled through configuration", /^L’Atelier ne lit que la base du panorama/],
    ["Permission Error: Scanning read_csv_auto files is disabled through configuration", /^L’Atelier ne lit que la base du panorama/],
    [
      'Binder Error: Referenced column "nom" not found in FROM clause!\nCandidate bindings: "name"',
      /^La colonne «\u202fnom\u202f» n’existe pas .* Colonnes proches\u202f: name\.$/,
    ],
    [
      'Binder Error: column "edition" must appear in the GROUP BY clause or must be part of an aggregate function.',
      /^La colonne «\u202fedition\u202f» doit figurer dans le GROUP BY/,
    ],
    ['Parser Error: syntax error at or near "selct"', /^Erreur de syntaxe près de «\u202fselct\u202f»/],
    [
      'Invalid Input Error: Cannot change configuration option "autoload_known_extensions" - the configuration has been locked',
      /^Les réglages de DuckDB sont verrouillés/,
    ],
    ["Something new", /^DuckDB n’a pas pu exécuter la requête\.$/],
  ])("%s", (message, explanation) => {
    expect(explainError(message)).toMatch(explanation);
  });
});

describe("templates", () => {
  it("the analysis template's queries parse, and need no cast", async () => {
    const text = await readFile(join(REPO, "templates", "analyse.json.sql"), "utf8");
    const queries = parseQueries(text, "templates/analyse.json.sql");
    expect(queries.map((q) => q.name)).toEqual(["parEdition"]);
    expect(text).not.toMatch(/::(INTEGER|DOUBLE)/);
    expect(await readFile(join(REPO, "templates", "analyse.md"), "utf8")).toContain('loadQueries(FileAttachment("{{slug}}.json"))');
  });
});
