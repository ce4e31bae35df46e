// Charts drawn at build time: the `npm:` mapping and jsdom of loaders/site/prerender.ts (run in a child
// process, as Framework runs data loaders), and scripts/inline-prerender.js over a made-up dist/.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeSpecifier } from "../loaders/site/prerender.js";

const run = promisify(execFile);
const REPO = join(import.meta.dirname, "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");
const SCRIPT = join(REPO, "scripts", "inline-prerender.js");

describe("nodeSpecifier", () => {
  it.each([
    ["npm:@observablehq/plot", "@observablehq/plot"],
    ["npm:@observablehq/plot@0.6.17", "@observablehq/plot"],
    ["npm:d3@7/dist/d3.min.js", "d3/dist/d3.min.js"],
    ["npm:htl", "htl"],
    ["./format.js", "./format.js"],
    ["node:fs", "node:fs"],
  ])("%s → %s", (input, expected) => {
    expect(nodeSpecifier(input)).toBe(expected);
  });
});

describe("renderMarkup in Node", () => {
  it("draws the explorer's table with the page's component, data as text and dead sort buttons out of reach", async () => {
    const dir = await mkdtemp(join(tmpdir(), "panorama-prerender-"));
    try {
      const script = join(dir, "table.html.mts");
      const row = {
        edition: "2021-11",
        project_key: "x",
        name: "<img src=x onerror=alert(1)>",
        ministry: "Intérieur",
        ministry_published: "Intérieur",
        interministerial: true,
        description: null,
        start_date: "2019-03-01",
        duration_years: 4.5,
        figures_withheld: false,
        cost_meur: 1234.5,
        functional_zone: null,
        financing: null,
        phase: "Conception",
      };
      await writeFile(
        script,
        `import { importComponent, renderMarkup } from ${JSON.stringify(join(REPO, "loaders", "site", "prerender.js"))};
const { explorerTable } = await importComponent(new URL(${JSON.stringify(`file://${join(REPO, "docs", "components", "explorer.js")}`)}));
process.stdout.write(await renderMarkup(() => { const t = explorerTable({ caption: "Projets" }); t.update([${JSON.stringify(row)}]); t.element.querySelector("thead").setAttribute("inert", ""); return t.element; }));`,
      );
      const { stdout } = await run(TSX, [script], { cwd: REPO });
      expect(stdout).toMatch(/^<div class="explorer-scroll prerendered"/);
      expect(stdout).toContain('<thead inert="">');
      expect(stdout).toContain('<a href="./projets/x.html">&lt;img src=x onerror=alert(1)&gt;</a>');
      expect(stdout).toContain("1\u202f234,5");
      expect(stdout).toContain("mars 2019");
      expect(stdout).not.toContain("<img");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("draws a chart component of docs/components unchanged, themed by the page's CSS", async () => {
    const dir = await mkdtemp(join(tmpdir(), "panorama-prerender-"));
    try {
      const script = join(dir, "chart.svg.mts");
      await writeFile(
        script,
        `import { importComponent, renderMarkup } from ${JSON.stringify(join(REPO, "loaders", "site", "prerender.js"))};
const { costBandChart } = await importComponent(new URL(${JSON.stringify(`file://${join(REPO, "docs", "components", "cost-band-chart.js")}`)}));
process.stdout.write(await renderMarkup(() => costBandChart([{ band: "moins de 9 M€", projects: 3, cost_meur: 12.5 }, { band: "100 M€ et plus", projects: 1200, cost_meur: 4000 }], { width: 400, label: "novembre 2021" })));`,
      );
      const { stdout } = await run(TSX, [script], { cwd: REPO });
      expect(stdout).toMatch(/^<svg class="[^"]*\bprerendered\b[^"]*"/);
      expect(stdout).toContain('aria-label="Projets par tranche de coût, novembre 2021"');
      expect(stdout).toContain('role="group"');
      expect(stdout).toContain("1\u202f200");
      expect(stdout).toContain('fill="var(--theme-foreground-focus)"');
      expect(stdout).toContain('fill="currentColor"');
      expect(stdout).not.toMatch(/fill="(black|#000|white|#fff)"/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

const SVG = '<svg class="plot-d6a7b5 prerendered" aria-label="Graphique"><g></g></svg>\n';
const PAGE = (body: string) => `<!DOCTYPE html><html lang="fr"><head></head><body><main id="observablehq-main">${body}</main></body></html>`;

describe("scripts/inline-prerender.js", () => {
  let dist: string;
  beforeEach(async () => {
    dist = await mkdtemp(join(tmpdir(), "panorama-inline-"));
  });
  afterEach(async () => {
    await rm(dist, { recursive: true, force: true });
  });

  async function site(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dist, path)), { recursive: true });
      await writeFile(join(dist, path), text);
    }
  }
  const inline = () => run(process.execPath, [SCRIPT, dist]);

  it.each([
    [
      "an <img> slot, by its src",
      "index.html",
      '<div class="prerender-slot"><img class="prerendered" src="./_file/data/prerender/home.0123abcd.svg" alt="Graphique"><observablehq-loading></observablehq-loading><!--:a:--></div>',
      '<div class="prerender-slot"><svg class="plot-d6a7b5 prerendered" aria-label="Graphique"><g></g></svg><observablehq-loading></observablehq-loading><!--:a:--></div>',
    ],
    [
      "an <img> slot in a sub-folder",
      "projets/a.html",
      '<div class="prerender-slot"><img src="../_file/data/prerender/home.0123abcd.svg" class="prerendered" alt="x"></div>',
      '<div class="prerender-slot"><svg class="plot-d6a7b5 prerendered" aria-label="Graphique"><g></g></svg></div>',
    ],
    [
      "a named slot of a parameterized page, by the page's name",
      "projets/archipel.html",
      '<div class="prerender-slot" data-prerender="projets/[key]"><observablehq-loading></observablehq-loading></div>',
      '<div class="prerender-slot"><svg class="plot-d6a7b5 prerendered" aria-label="Graphique"><g></g></svg><observablehq-loading></observablehq-loading></div>',
    ],
    [
      "a named slot filled with a table, from an .html file",
      "projets.html",
      '<div class="prerender-slot" data-prerender="projets-table"><observablehq-loading></observablehq-loading></div>',
      '<div class="prerender-slot"><div class="explorer-scroll prerendered"><table><tbody><tr><td>a</td></tr></tbody></table></div><observablehq-loading></observablehq-loading></div>',
    ],
    [
      "a named slot whose component answered with a paragraph",
      "projets/sans-cout.html",
      '<div class="prerender-slot" data-prerender="projets/[key]"></div>',
      '<div class="prerender-slot"><p class="muted-note prerendered">Aucun coût publié pour ce projet.</p></div>',
    ],
  ])("%s", async (_name, page, body, expected) => {
    await site({
      [page]: PAGE(body),
      "_file/data/prerender/home.0123abcd.svg": SVG,
      "_file/data/prerender/projets/archipel.89abcdef.svg": SVG,
      "_file/data/prerender/projets/archipel-2.89abcdef.svg": "<svg></svg>",
      "_file/data/prerender/projets/sans-cout.01234567.svg": '<p class="muted-note prerendered">Aucun coût publié pour ce projet.</p>',
      "_file/data/prerender/projets-table.76543210.html": '<div class="explorer-scroll prerendered"><table><tbody><tr><td>a</td></tr></tbody></table></div>',
    });
    const { stdout } = await inline();
    expect(stdout).toMatch(/1 chart\(s\) drawn at build time put in 1 page\(s\)/);
    expect(await readFile(join(dist, page), "utf-8")).toBe(PAGE(expected));
    await inline();
    expect(await readFile(join(dist, page), "utf-8")).toBe(PAGE(expected));
  });

  it.each([
    [
      "a missing file",
      '<div class="prerender-slot"><img class="prerendered" src="./_file/data/prerender/nope.0123abcd.svg"></div>',
      {},
      /nope\.0123abcd\.svg is missing or empty/,
    ],
    [
      "a file outside the site",
      '<div class="prerender-slot"><img class="prerendered" src="../../etc/x.svg"></div>',
      {},
      /is not an SVG or HTML file of the site/,
    ],
    [
      "a file that is not a prerendered chart",
      '<div class="prerender-slot"><img class="prerendered" src="./_file/x.0123abcd.svg"></div>',
      { "_file/x.0123abcd.svg": "<svg><script>alert(1)</script></svg>" },
      /is not a chart from loaders\/site\/prerender\.ts/,
    ],
    [
      "a named slot whose file was not built",
      '<div class="prerender-slot" data-prerender="projets/[key]"></div>',
      {},
      /no _file\/data\/prerender\/projets\/index\.<hash>\.svg/,
    ],
    ["a slot left empty", '<div class="prerender-slot"><observablehq-loading></observablehq-loading></div>', {}, /1 \.prerender-slot without its chart/],
  ])("fails the build on %s", async (_name, body, files, message) => {
    await site({ "index.html": PAGE(body), ...files });
    const error = await inline().then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toMatch(message);
  });
});
