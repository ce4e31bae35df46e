import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSource } from "../loaders/read/index.js";
import type { HeadlineFigures } from "../loaders/schema.js";

// The real published files, never copied into the repo: PANORAMA_MIRROR=/work/shared/panorama
const MIRROR = process.env.PANORAMA_MIRROR;
const read = (path: string) => readSource(new Uint8Array(readFileSync(join(MIRROR!, path))), path);

describe.skipIf(!MIRROR)("readers on the mirrored files (PANORAMA_MIRROR unset: skipped)", () => {
  it.each<[string, string, number]>([
    ["spreadsheets/2016-11.csv", "csv", 57],
    ["spreadsheets/2017-06.csv", "csv", 61],
    ["spreadsheets/2018-03.xlsx", "xlsx", 61],
  ])("%s: header and one row per project", (path, format, projects) => {
    const result = read(path);
    expect(result.format).toBe(format);
    expect(result.warnings).toEqual([]);
    const [sheet] = result.sheets;
    expect(result.sheets).toHaveLength(1);
    expect(sheet!.rows[0]!.cells.slice(0, 3)).toEqual([expect.stringMatching(/^Ministère porteur ?$/), "Ministère nom complet", "Nom du projet"]);
    expect(sheet!.rows).toHaveLength(projects + 1);
    // Trailing empty columns are trimmed: no row is wider than the 15 published columns.
    expect(Math.max(...sheet!.rows.map((r) => r.cells.length))).toBe(15);
  });

  // Figures read from the "Chiffres clés" value boxes of each page.
  it.each<[string, number, string | null, string | null, HeadlineFigures]>([
    // No « Date d'actualisation »: dated by its FAQ sentence, which gives the same 57 projects.
    ["2016-11", 57, "La première édition du panorama, publiée en novembre 2016, contient 57 projets", "2016-11", figures(57, 18, 2.29, 6.2, 0.38, 0.32)],
    ["2017-02", 61, "février 2017", "2017-02", figures(61, 19, 2.51, 6.1, 0.43, 0.31)],
    ["2017-06", 61, "Juin 2017", "2017-06", figures(61, 20, 2.56, 6, 0.21, 0.25)],
    ["2017-11", 61, "Novembre 2017", "2017-11", figures(61, 21, 2.63, 6.2, 0.22, 0.25)],
    ["2018-03", 61, "Mars 2018", "2018-03", figures(61, 21, 2.83, 6.2, 0.29, 0.264)],
    ["2018-07", 56, "Juillet 2018", "2018-07", figures(56, 20, 2.55, 6.6, 0.317, 0.309)],
    ["2018-11", 54, "Novembre 2018", "2018-11", figures(54, 17, 1.78, 6.3, 0.254, 0.202)],
    ["2021-11", 50, "14ème édition du panorama - novembre 2021", "2021-11", figures(50, 5, 2.62, 6.1, 0.154, 0.135)],
  ])("dashboards/%s.html: %i projects, edition and headline figures", (edition, projects, editionText, parsed, headline) => {
    const start = performance.now();
    const result = read(`dashboards/${edition}.html`);
    const elapsed = performance.now() - start;
    expect(result.format).toBe("html");
    const rows = result.sheets[0]!.rows;
    expect(rows[0]).toEqual({ row: 0, cells: expect.arrayContaining(["Projet", "Ministère porteur", "Phase du projet en cours"]) });
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: projects + 1 }, (_, i) => i));
    expect(rows.every((r) => r.cells.length === 10)).toBe(true);
    expect(result.page).toMatchObject({ editionText, edition: parsed, headline });
    expect(Object.keys(result.page!.valueBoxes)).toHaveLength(6);
    expect(elapsed).toBeLessThan(1000);
  });
});

function figures(projects: number, interministerial: number, cost: number, duration: number, schedule: number, budget: number): HeadlineFigures {
  return {
    official_projects: projects,
    official_interministerial: interministerial,
    official_cost_beur: cost,
    official_duration_years: duration,
    official_schedule_gap: schedule,
    official_budget_gap: budget,
  };
}
