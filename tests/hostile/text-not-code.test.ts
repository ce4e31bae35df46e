// Class: text from the data is never interpreted. Names carrying replacement patterns ($&, $`, $'),
// markup, comments, CSS and backslashes go through the real build steps (the page's components
// drawn at build time by loaders/site/prerender.ts, then scripts/finalize-build.js and
// scripts/inline-prerender.js) and come out once, as text, with the rest of the page byte for byte.
// The same names through the real data loaders: text-not-code.slow.test.ts.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownText, renderTemplate } from "../../scripts/new-page.js";
import { HOSTILE_NAMES } from "./pages.js";

const run = promisify(execFile);
const REPO = join(import.meta.dirname, "..", "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");

/** A page as Framework writes it, before the post-build scripts. */
const PAGE = (body: string) =>
  `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n<main id="observablehq-main">${body}</main>\n</body>\n</html>\n`;
const FINAL = (body: string) => PAGE(body).replace("<html>", () => '<html lang="fr">');

async function node(script: string, dist: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [join(REPO, "scripts", script), dist]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let work: string;
let table: string;
let chart: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "panorama-hostile-text-"));
  const rows = HOSTILE_NAMES.map((name, i) => ({
    edition: "2099-01",
    project_key: `p${i}`,
    name,
    ministry: name,
    ministry_published: name,
    interministerial: false,
    description: name,
    start_date: "2019-03-01",
    duration_years: 2,
    figures_withheld: false,
    cost_meur: i + 1,
    functional_zone: name,
    financing: name,
    phase: "Conception",
  }));
  const script = join(work, "render.mts");
  const component = (name: string) => JSON.stringify(`file://${join(REPO, "docs", "components", name)}`);
  await writeFile(
    script,
    `import { importComponent, renderMarkup } from ${JSON.stringify(join(REPO, "loaders", "site", "prerender.js"))};
const { explorerTable } = await importComponent(new URL(${component("explorer.js")}));
const { costBandChart } = await importComponent(new URL(${component("cost-band-chart.js")}));
const table = await renderMarkup(() => { const t = explorerTable({ caption: "Projets" }); t.update(${JSON.stringify(rows)}); return t.element; });
const chart = await renderMarkup(() => costBandChart(${JSON.stringify(HOSTILE_NAMES.map((band, i) => ({ band, projects: i + 1, cost_meur: i })))}, { width: 480, label: ${JSON.stringify(HOSTILE_NAMES.join(" "))} }));
process.stdout.write(JSON.stringify({ table, chart }));`,
  );
  ({ table, chart } = JSON.parse((await run(TSX, [script], { cwd: REPO })).stdout) as { table: string; chart: string });
}, 90_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("charts and tables with hostile names, through finalize-build.js and inline-prerender.js", () => {
  it("the components write the names as text", () => {
    for (const name of HOSTILE_NAMES.filter((n) => /[<>&]/.test(n))) expect(table, name).not.toContain(`>${name}<`);
    expect(table).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(table).toContain("A $&amp; B");
    expect(chart).toMatch(/^<svg class="[^"]*\bprerendered\b/);
  });

  it("every slot gets its chart once, the page is otherwise unchanged, byte for byte, and a second run changes nothing", async () => {
    const dist = join(work, "dist");
    const key = "a$&b$`c";
    const files: Record<string, string> = {
      "projets.html": PAGE('<div class="prerender-slot" data-prerender="projets-table"><observablehq-loading></observablehq-loading></div>'),
      "index.html": PAGE('<div class="prerender-slot"><img class="prerendered" src="./_file/data/prerender/home.0123abcd.svg" alt="x"></div><p>après</p>'),
      [`projets/${key}.html`]: PAGE('<div class="prerender-slot" data-prerender="projets/[key]"></div>'),
      "_file/data/prerender/projets-table.76543210.html": table,
      "_file/data/prerender/home.0123abcd.svg": chart,
      [`_file/data/prerender/projets/${key}.89abcdef.svg`]: chart,
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dist, path)), { recursive: true });
      await writeFile(join(dist, path), text);
    }
    const finalize = await node("finalize-build.js", dist);
    expect(finalize.stderr).toBe("");
    expect(finalize.code).toBe(0);
    const inline = await node("inline-prerender.js", dist);
    expect(inline.stderr).toBe("");
    expect(inline.code).toBe(0);
    expect(inline.stdout).toContain("3 chart(s) drawn at build time put in 3 page(s)");
    const expected: Record<string, string> = {
      "projets.html": FINAL(`<div class="prerender-slot">${table}<observablehq-loading></observablehq-loading></div>`),
      "index.html": FINAL(`<div class="prerender-slot">${chart}</div><p>après</p>`),
      [`projets/${key}.html`]: FINAL(`<div class="prerender-slot">${chart}</div>`),
    };
    for (const [path, html] of Object.entries(expected)) {
      const built = await readFile(join(dist, path), "utf-8");
      expect(built).toBe(html);
      expect(built.split("<!DOCTYPE html>").length).toBe(2);
    }
    await node("finalize-build.js", dist);
    expect((await node("inline-prerender.js", dist)).code).toBe(0);
    for (const [path, html] of Object.entries(expected)) expect(await readFile(join(dist, path), "utf-8")).toBe(html);
  });

  it("a page that fails (an empty slot next to a hostile chart) is left byte-identical", async () => {
    const dist = join(work, "dist-fail");
    await mkdir(join(dist, "_file", "data", "prerender"), { recursive: true });
    await writeFile(join(dist, "_file", "data", "prerender", "projets-table.76543210.html"), table);
    const page = FINAL(
      '<div class="prerender-slot" data-prerender="projets-table"></div><div class="prerender-slot"><observablehq-loading></observablehq-loading></div>',
    );
    await writeFile(join(dist, "projets.html"), page);
    const inline = await node("inline-prerender.js", dist);
    expect(inline.code).toBe(1);
    expect(inline.stderr).toBe("inline-prerender: projets.html: 1 .prerender-slot without its chart\n");
    expect(await readFile(join(dist, "projets.html"), "utf-8")).toBe(page);
  });
});

describe("npm run new-page with a hostile title", () => {
  it.each(HOSTILE_NAMES.filter((n) => !/[\u2028\u2029]/.test(n)))("%s: the title once in the front matter, escaped in the heading", (title) => {
    const page = renderTemplate("---\ntitle: {{title}}\n---\n\n# {{heading}}\n\nTexte.\n", title);
    const [, front, heading] = /^---\ntitle: (.*)\n---\n\n# (.*)\n\nTexte\.\n$/.exec(page)!;
    expect(JSON.parse(front!)).toBe(title);
    expect(heading).toBe(markdownText(title));
    expect(heading).not.toMatch(/[<>$]/);
  });
});
