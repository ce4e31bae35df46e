// Class: nothing dropped in silence. What a reader leaves out of a file (a second project table,
// an unreadable table widget, other workbook sheets) is named in a warning that reaches
// `panorama ingest` (stderr) and `panorama editions check` (stdout).

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as XLSX from "xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { dashboardPage, projectWidget, widget } from "./pages.js";

let dir: string;
beforeAll(async () => {
  dir = await tempDir("panorama-hostile-drops-");
});
afterAll(async () => {
  await removeDir(dir);
});

async function ingestAndCheck(name: string, content: string | Uint8Array, edition: string[] = []) {
  const path = join(dir, name);
  await writeFile(path, content);
  const out = join(dir, `${name}-out`);
  const ingest = await runCli(["ingest", path, ...edition, "--out", out]);
  expect(ingest.code, ingest.err).toBe(0);
  const check = await runCli(["editions", "check", path, ...edition]);
  expect(check.code, check.err).toBe(0);
  const names = (await queryDuckdb(join(out, "panorama.duckdb"), "SELECT name FROM projects ORDER BY source_row")).map((r) => r.name);
  return { ingest, check, names };
}

describe("a dashboard page", () => {
  it("with a second project table: the larger one is read, the other named", async () => {
    const page = dashboardPage("mars 2099", [widget(projectWidget("small", 2, "Q")), widget(projectWidget("large", 3))]);
    const { ingest, check, names } = await ingestAndCheck("two-tables.html", page);
    expect(names).toEqual(["P1", "P2", "P3"]);
    const warning =
      'a second project table was left out: widget htmlwidget-small (2 rows, columns "Projet", "Ministère porteur", "Coût estimé"); ' +
      'the page\'s larger one, widget htmlwidget-large (3 rows, columns "Projet", "Ministère porteur", "Coût estimé"), was read.';
    expect(ingest.err).toMatch(new RegExp(`^warning: 2099-03: two-tables\\.html: ${warning.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    expect(check.out).toContain(`warning    ${warning}`);
  });

  it("with a project table and a DT widget that cannot be read: the widget named", async () => {
    const broken = projectWidget("broken", 3);
    broken.columns[2]!.pop();
    const page = dashboardPage("mars 2099", [widget(projectWidget("good", 2)), widget(broken)]);
    const { ingest, check, names } = await ingestAndCheck("broken-widget.html", page);
    expect(names).toEqual(["P1", "P2"]);
    const warning =
      'DT table widget that cannot be read, left out: htmlwidget-broken: its columns have unequal lengths (1 "Projet": 3, 2 "Ministère porteur": 3, 3 "Coût estimé": 2 values)';
    expect(ingest.err).toContain(`warning: 2099-03: broken-widget.html: ${warning}`);
    expect(check.out).toContain(`warning    ${warning}`);
  });

  it("with one project table: no warning", async () => {
    const { ingest, check } = await ingestAndCheck("one-table.html", dashboardPage("mars 2099", [widget(projectWidget("a", 2))]));
    expect(ingest.err).toBe("");
    expect(check.out).not.toMatch(/^warning/m);
  });
});

describe("a workbook", () => {
  function workbook(format: "xlsx" | "ods", sheets: Record<string, unknown[][]>): Uint8Array {
    const book = XLSX.utils.book_new();
    for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
    return XLSX.write(book, { type: "buffer", bookType: format }) as Uint8Array;
  }
  const projects = [
    ["Nom du projet", "Ministère porteur", "Coût estimé"],
    ["ALPHA", "MI", 12.5],
    ["BÊTA", "MJ", 3],
  ];

  it.each(["xlsx", "ods"] as const)("%s with other sheets: each one with content named, blank ones not", async (format) => {
    const bytes = workbook(format, {
      "Mode d'emploi & <notes>": [["Ce classeur liste les projets."], ["Voir l'onglet Projets."]],
      Projets: projects,
      Vide: [],
      "Projets 2015": [...projects, ["GAMMA", "MEF", 1]],
    });
    const { ingest, check, names } = await ingestAndCheck(`sheets.${format}`, bytes, ["--edition", "2099-05"]);
    expect(names).toEqual(["ALPHA", "BÊTA"]);
    for (const [sheet, rows] of [
      ["Mode d'emploi & <notes>", "2 non-blank rows"],
      ["Projets 2015", "4 non-blank rows"],
    ]) {
      const warning = `sheet "${sheet}" (${rows}) was left out: only the project table of sheet "Projets" is read.`;
      expect(ingest.err).toContain(`warning: 2099-05: sheets.${format}: ${warning}`);
      expect(check.out).toContain(`warning    ${warning}`);
    }
    expect(ingest.err).not.toContain('"Vide"');
  });
});
