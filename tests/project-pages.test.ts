import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildHistory } from "../loaders/build/history.js";
import { projectPages, projectPagesArchive, type ProjectPage } from "../loaders/report/project-pages.js";
import type { EditionRow } from "../loaders/schema.js";
import { EDITIONS, TRACKING_FIXTURE } from "./fixtures/tracking/projects.js";
import { MIRROR, NO_MIRROR_REASON, removeDir, tempDir } from "./helpers.js";
import { loadDataset } from "../loaders/index.js";

const editions = EDITIONS.map((id) => ({ edition: id, label: `label ${id}` }) as EditionRow).reverse();

describe("projectPages", () => {
  const pages = projectPages(TRACKING_FIXTURE, editions);
  const page = (key: string) => pages.find((p) => p.project_key === key)!;

  it("has one page per project, with its history row", () => {
    expect(pages.map((p) => p.project_key)).toEqual(["alpha", "beta", "delta", "epsilon", "gamma"]);
    const history = buildHistory(TRACKING_FIXTURE, [...EDITIONS]);
    for (const p of pages) expect(p.history).toEqual(history.find((h) => h.project_key === p.project_key));
  });

  it.each([
    ["alpha", ["2016-11", "2017-06", "2018-03", "2018-11"], [], []],
    ["beta", ["2016-11", "2018-03"], ["exited 2017-06", "entered 2018-03", "exited 2018-11"], []],
    ["delta", ["2018-03", "2018-11"], ["entered 2018-03"], ["DELTA", "DELTA"]],
    ["epsilon", ["2018-11"], ["entered 2018-11"], []],
  ])("%s: rows in %j, movements %j", (key, rowEditions, movements, names) => {
    const p = page(key);
    expect(p.rows.map((r) => r.edition)).toEqual(rowEditions);
    expect(p.movements.map((m) => `${m.movement} ${m.edition}`)).toEqual(movements);
    if (names.length) expect(p.rows.map((r) => r.name)).toEqual(names);
    expect(p.editions.map((e) => e.edition)).toEqual([...EDITIONS]);
  });

  it("keeps the first source row of a project listed twice in one edition, as the history does", () => {
    expect(page("delta").rows[1]).toMatchObject({ edition: "2018-11", source_row: 3, cost_meur: 28.04 });
    expect(page("delta").history.last_cost_meur).toBe(28.04);
  });

  it("writes one JSON member per project in a tar archive", async () => {
    const dir = await tempDir("panorama-pages-");
    try {
      const file = join(dir, "projets.tar");
      await writeFile(file, projectPagesArchive(pages));
      execFileSync("tar", ["-xf", file, "-C", dir]);
      const alpha = JSON.parse(await readFile(join(dir, "alpha.json"), "utf-8")) as ProjectPage;
      expect(alpha).toEqual(page("alpha"));
    } finally {
      await removeDir(dir);
    }
  });
});

describe.skipIf(!MIRROR)(`project pages over the mirrored editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  it("covers every key; each page is small and each row traceable to its source", async () => {
    const dataset = await loadDataset();
    const pages = projectPages(dataset.projects, dataset.editions);
    expect(pages.map((p) => p.project_key).sort()).toEqual([...new Set(dataset.projects.map((p) => p.project_key))].sort());
    for (const p of pages) {
      expect(p.rows.length).toBe(p.history.editions_count);
      expect(gzipSync(JSON.stringify(p)).length).toBeLessThan(20_000);
    }
    // Every key is a valid archive member name: the archive lists one JSON member per page, in order.
    const members = execFileSync("tar", ["-tf", "-"], { input: projectPagesArchive(pages), encoding: "utf8" });
    expect(members.trim().split("\n")).toEqual(pages.map((p) => `${p.project_key}.json`));
  });
});
