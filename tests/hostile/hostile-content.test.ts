// Hostile content, loaders side: names, descriptions, financing and links
// carrying scripts, event handlers, javascript: links, Markdown or template
// syntax come out of `panorama ingest` as plain text, and no URL column ever
// holds anything but an absolute http(s) URL. The pages show that text as text
// (browser tests); the downloads neutralize formulas (export.test.ts).

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { hostile } from "../fixtures/hostile/support.js";

let dir: string;
beforeAll(async () => {
  dir = await tempDir("panorama-hostile-content-");
});
afterAll(async () => {
  await removeDir(dir);
});

async function ingest(file: string, edition: string | null, name: string): Promise<string> {
  const out = join(dir, name);
  const run = await runCli(["ingest", hostile(file), ...(edition ? ["--edition", edition] : []), "--out", out]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  return join(out, "panorama.duckdb");
}

const TEXT_COLUMNS = "source_row, name, ministry_published, description, financing, functional_zone";
const URL_COLUMNS = "source_row, more_info_url, pap_url";

/** Every text value of every table, to search for what must never get through. */
async function everyText(db: string, tables = ["projects", "editions", "anomalies"]): Promise<string[]> {
  const values: string[] = [];
  for (const table of tables) {
    const rows = await queryDuckdb(db, `SELECT * FROM ${table}`);
    for (const row of rows) for (const v of Object.values(row)) if (typeof v === "string") values.push(v);
  }
  return values;
}

describe("a CSV edition with hostile cells", () => {
  it("keeps names, descriptions and financing as plain text: tags and scripts removed, the rest as written", async () => {
    const db = await ingest("hostile-content.csv", "2099-06", "csv");
    expect(await queryDuckdb(db, `SELECT ${TEXT_COLUMNS} FROM projects ORDER BY source_row`)).toEqual([
      // <script>…</script> and <style>…</style> are dropped with their content; other tags leave their text.
      { source_row: 2, name: "ALPHA", ministry_published: "MI", description: "Refonte du portail", financing: "Programme 216", functional_zone: null },
      // Markdown stays as characters, never rendered; an HTML comment is dropped.
      {
        source_row: 3,
        name: "BÊTA",
        ministry_published: "MJ",
        description: "[cliquez ici](javascript:alert(1)) **gras** # Titre",
        financing: "Programme 166",
        functional_zone: "Justice",
      },
      // Entity-encoded markup decodes to literal characters: text, which the pages escape.
      {
        source_row: 4,
        name: "GAMMA <script>alert(1)</script>",
        ministry_published: "MEF",
        description: "Texte avec\nfin",
        financing: "Programme 156",
        functional_zone: "{{constructor.constructor('alert(1)')()}}",
      },
      // Formula-like text stays as published; downloads prefix it with an apostrophe.
      {
        source_row: 5,
        name: '=HYPERLINK("https://evil.example","clic")',
        ministry_published: "MC",
        description: "@SUM(1+1)*cmd|' /C calc'!A0",
        financing: "+33 1 23 45 67 89",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a cell that looks like a template expression stays text.
        functional_zone: "${alert(1)}",
      },
    ]);
  });

  it("keeps only http(s) URLs in the link columns; the other values are anomalies", async () => {
    const db = await ingest("hostile-content.csv", "2099-06", "csv-links");
    expect(await queryDuckdb(db, `SELECT ${URL_COLUMNS} FROM projects ORDER BY source_row`)).toEqual([
      { source_row: 2, more_info_url: null, pap_url: null },
      // An attribute smuggled after the URL makes the cell something else than links: an anomaly, as is the
      // financing cell's javascript: link, which a refused link column falls back to.
      { source_row: 3, more_info_url: null, pap_url: null },
      // A bad PAP column falls back to the financing cell's own http(s) link.
      { source_row: 4, more_info_url: "https://exemple.gouv.fr/ok", pap_url: "https://exemple.gouv.fr/pap156.pdf" },
      // Markup after a URL is cut; a protocol-relative URL is refused.
      { source_row: 5, more_info_url: "https://exemple.gouv.fr/", pap_url: null },
    ]);
    expect(await queryDuckdb(db, `SELECT source_row, "column", value, problem FROM anomalies ORDER BY source_row, "column"`)).toEqual([
      { source_row: 2, column: "En savoir plus sur le projet", value: "javascript:alert(1)", problem: "not an http(s) URL" },
      { source_row: 2, column: "Lien vers les Projets Annuels de Performances", value: "JaVaScRiPt:alert(document.cookie)", problem: "not an http(s) URL" },
      { source_row: 3, column: "En savoir plus sur le projet", value: "data:text/html,<script>alert(1)</script>", problem: "not an http(s) URL" },
      { source_row: 3, column: "Financement [programme(s)]", value: "javascript:alert(1)", problem: "not an http(s) URL" },
      {
        source_row: 3,
        column: "Lien vers les Projets Annuels de Performances",
        value: 'https://exemple.gouv.fr/pap.pdf" onmouseover="alert(1)',
        problem: "not an http(s) URL",
      },
      { source_row: 4, column: "Lien vers les Projets Annuels de Performances", value: "vbscript:msgbox(1)", problem: "not an http(s) URL" },
      { source_row: 5, column: "Lien vers les Projets Annuels de Performances", value: "//evil.example/pap.pdf", problem: "not an http(s) URL" },
    ]);
  });

  it("lets no event handler or tag through to the projects table", async () => {
    const db = await ingest("hostile-content.csv", "2099-06", "csv-scan");
    const rows = await queryDuckdb(db, "SELECT * FROM projects");
    const texts = rows.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === "string"));
    for (const text of texts) {
      expect(text).not.toMatch(/\bon(?:error|load|click|mouseover)\s*=/i);
      expect(text).not.toMatch(/<(?:img|svg|iframe|style|b|a)\b/i);
    }
  });
});

describe("a dashboard page with hostile cells and value boxes", () => {
  it("reads the table as plain text, links only from http(s) hrefs, figures only from numbers", async () => {
    const db = await ingest("hostile-page.html", null, "page");
    expect(await queryDuckdb(db, `SELECT ${TEXT_COLUMNS}, more_info_url, pap_url FROM projects ORDER BY source_row`)).toEqual([
      {
        source_row: 1,
        name: "ALPHA",
        ministry_published: "Ministère de l'Intérieur",
        description: "Une description.",
        financing: "Programme 216",
        functional_zone: null,
        more_info_url: null,
        pap_url: null,
      },
      // "</script>" inside the widget JSON (escaped as <\/script>) ends nothing in the page and leaves nothing in the data.
      {
        source_row: 2,
        name: "BÊTA",
        ministry_published: "Ministère de la Justice",
        description: "en savoir plus puis autre",
        financing: "Programme 166",
        functional_zone: null,
        more_info_url: "https://exemple.gouv.fr/beta",
        pap_url: null,
      },
      {
        source_row: 3,
        name: "GAMMA",
        ministry_published: "Ministère de la Culture",
        description: "Patrimoine",
        financing: "Programme 175",
        functional_zone: null,
        more_info_url: null,
        pap_url: "https://exemple.gouv.fr/pap.pdf#page=3",
      },
    ]);
    // The value box label carries a script element: its content is not text (as a browser shows the box, the label reads
    // "projets suivis"), and the figure comes from the box's number only.
    expect(await queryDuckdb(db, "SELECT edition, official_projects FROM editions")).toEqual([{ edition: "2099-11", official_projects: 3 }]);
    for (const text of await everyText(db, ["projects", "editions"])) {
      expect(text).not.toMatch(/<script|onerror|onclick|onmouseover|javascript:/i);
    }
    // A refused href is an anomaly, as the same value in a spreadsheet's link column is; its value is kept as published.
    const refused = await queryDuckdb(db, `SELECT source_row, "column", value, problem FROM anomalies ORDER BY source_row, value`);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.problem).toBe("not an http(s) URL");
      expect(String(a.value)).toMatch(/^javascript:alert\(1\)$/i);
    }
  });
});
