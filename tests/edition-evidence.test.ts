// Issue 14, point 8: a dashboard page without « Date d'actualisation » (November 2016) is dated by
// other evidence on the page when it is unambiguous; otherwise the error says exactly what to pass.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unstatedEditionError } from "../loaders/build/check.js";
import { sourceFile } from "../loaders/build/pipeline.js";
import { readDashboard } from "../loaders/read/dashboard.js";
import type { Edition } from "../loaders/sources/catalogue.js";
import { sha256Hex } from "../loaders/sources/hash.js";
import { MIRROR, NO_MIRROR_REASON, queryDuckdb, removeDir, runCli, tempDir } from "./helpers.js";

// The fixture page lists 3 projects (table and « projets suivis » value box).
const PAGE = readFileSync(join(import.meta.dirname, "fixtures", "read", "dashboard.html"), "utf8");
const DATE = /<p>Date d’actualisation[\s\S]*?<\/p>/;
const faq = (count: number, when = "novembre 2016") => `<p>La première édition du panorama, publiée en ${when}, contient ${count} projets.</p>`;
const undated = (extra = "") => PAGE.replace(DATE, extra);

describe("dating a page that has no « Date d’actualisation »", () => {
  it.each<[string, string, string | null]>([
    ["the first-edition sentence and as many projects (Nov 2016)", undated(faq(3)), "2016-11"],
    [
      "the same sentence with entities and no-break spaces",
      undated("<p>La premi&egrave;re &eacute;dition du panorama,&nbsp;publi&eacute;e en novembre&nbsp;2016, contient 3 projets.</p>"),
      "2016-11",
    ],
    ["the sentence about another edition (Feb 2017 repeats it, with 61 projects)", undated(faq(57)), null],
    ["no evidence at all", undated(), null],
    ["a sentence whose month cannot be read", undated(faq(3, "l’automne 2016")), null],
  ])("%s → %s", (_, html, edition) => {
    expect(readDashboard(html, "p.html").page.edition).toBe(edition);
  });

  it("prefers the stated date to the first-edition sentence", () => {
    const page = PAGE.replace(DATE, (m) => `${m}${faq(3)}`);
    expect(readDashboard(page, "p.html").page).toMatchObject({ edition: "2021-11", editionText: "14ème édition du panorama - novembre 2021" });
  });

  it("needs the value box to agree too", () => {
    const page = undated(faq(3)).replace(/(<h3>projets suivis<\/h3>[\s\S]*?<span class="value-output"[^>]*>)3</, "$14<");
    expect(readDashboard(page, "p.html").page.edition).toBeNull();
  });
});

describe("panorama ingest of an undated page", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it("ingests the page dated by its first-edition sentence without --edition", async () => {
    const file = join(dir, "index.html");
    await writeFile(file, undated(faq(3)));
    const run = await runCli(["ingest", file, "--out", join(dir, "out")]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^2016-11 {2}3 rows/m);
  });

  it("refuses a page with no evidence, saying what to pass", async () => {
    const file = join(dir, "index.html");
    await writeFile(file, undated());
    const run = await runCli(["ingest", file, "--out", join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("the page states no edition: it has no « Date d’actualisation »");
    expect(run.err).toContain("--edition YYYY-MM");
  });

  it("names the catalogued edition of a file with the same sha256", () => {
    const html = undated();
    const source = sourceFile(Buffer.from(html), "index.html");
    const catalogue: Edition[] = [
      {
        id: "2016-11",
        label: "novembre 2016",
        number: 1,
        mirrored: true,
        inferred: false,
        sources: [
          { kind: "dashboard", format: "html", url: null, altUrls: [], sha256: sha256Hex(html), mirrorPath: "dashboards/2016-11.html", upstreamId: "e3a459c7" },
        ],
      },
    ];
    expect(unstatedEditionError(source, catalogue).message).toContain("rerun with --edition 2016-11");
    expect(unstatedEditionError(source, []).message).not.toContain("rerun with");
  });

  it.skipIf(!MIRROR)(`ingests the real November 2016 page without --edition${MIRROR ? "" : ` (skipped: ${NO_MIRROR_REASON})`}`, async () => {
    const run = await runCli(["ingest", join(MIRROR ?? "", "dashboards", "2016-11.html"), "--out", join(dir, "out")]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^2016-11 {2}57 rows/m);
    expect(await queryDuckdb(join(dir, "out", "panorama.duckdb"), "SELECT edition, official_projects FROM editions")).toEqual([
      { edition: "2016-11", official_projects: 57 },
    ]);
  });
});
