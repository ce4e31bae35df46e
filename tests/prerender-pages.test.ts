// The first chart of an analysis page drawn at build time (scripts/prerender/): the cell markup and
// its ids, the small runtime that runs a page's cells in Node, and the command over a page written
// here, its cells read by Framework's own parser, its files as a built page registers them.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatEditionShort } from "../docs/components/format.js";
import { frenchSpacing } from "../docs/components/typography.js";
import { cellsModule } from "../scripts/prerender/cells.js";
import { registeredFiles } from "../scripts/prerender/library.js";
import { cellMarkup, insertInCell, isolateIds } from "../scripts/prerender/markup.js";
import { type CellDefinition, chartOf, firstChart } from "../scripts/prerender/runtime.js";

const run = promisify(execFile);
const REPO = join(import.meta.dirname, "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");
const MAIN = join(REPO, "scripts", "prerender", "main.ts");
const BLOCK = '<div class="observablehq observablehq--block">';
const LOADING = "<observablehq-loading></observablehq-loading>";

const { document } = new JSDOM("<!DOCTYPE html><body></body>").window;

describe("insertInCell", () => {
  const page = `<main>${BLOCK}<!--:aaaaaaaa:--></div>\n${BLOCK}${LOADING}<!--:bbbbbbbb:--></div>\n<p>${LOADING}<!--:cccccccc:--></p></main>`;

  it("puts the chart first in an expression cell, before the loading indicator and the marker the page's script looks for", () => {
    const out = insertInCell(page, "bbbbbbbb", "<svg>X</svg>");
    expect(out).toBe(page.replace(`${BLOCK}${LOADING}<!--:bbbbbbbb:-->`, `${BLOCK}<svg>X</svg>${LOADING}<!--:bbbbbbbb:-->`));
  });

  it("puts it first in a cell without a loading indicator", () => {
    expect(insertInCell(page, "aaaaaaaa", "<svg/>")).toContain(`${BLOCK}<svg/><!--:aaaaaaaa:-->`);
  });

  it("inserts text from the data as it is, never as a replacement pattern", () => {
    const markup = "<svg><text>$&amp; $` $' $$ $1</text></svg>";
    const out = insertInCell(page, "aaaaaaaa", markup);
    expect(out.length).toBe(page.length + markup.length);
    expect(out).toContain(`${BLOCK}${markup}<!--:aaaaaaaa:-->`);
  });

  it("refuses a cell the page does not have, has twice, or has inline", () => {
    expect(() => insertInCell(page, "dddddddd", "<svg/>")).toThrow("no cell dddddddd in the built page");
    expect(() => insertInCell(page + page, "aaaaaaaa", "<svg/>")).toThrow("cell aaaaaaaa appears twice");
    expect(() => insertInCell(page, "cccccccc", "<svg/>")).toThrow("cell cccccccc is not a block");
  });

  it("wraps the charts in a cell the page's CSS hides once the live chart is there", () => {
    expect(cellMarkup("aaaaaaaa", ["<svg a/>", "<svg b/>"])).toBe('<div class="prerendered-cell" data-prerendered-cell="aaaaaaaa"><svg a/><svg b/></div>');
  });
});

describe("isolateIds", () => {
  it("prefixes every id and its references, and leaves other anchors alone", () => {
    const holder = document.createElement("div");
    holder.innerHTML =
      '<svg><defs><clipPath id="plot-clip-1"><rect/></clipPath><marker id="m"/></defs>' +
      '<g clip-path="url(#plot-clip-1)"><path marker-end="url(#m)"/><use href="#m"/><a href="#section">x</a><path fill="url(#elsewhere)"/></g></svg>';
    const svg = holder.firstElementChild!;
    isolateIds(svg, "prerendered-wide-");
    expect(svg.querySelector("defs > :first-child")!.id).toBe("prerendered-wide-plot-clip-1");
    expect(svg.querySelector("g")!.getAttribute("clip-path")).toBe("url(#prerendered-wide-plot-clip-1)");
    expect(svg.querySelector("path")!.getAttribute("marker-end")).toBe("url(#prerendered-wide-m)");
    expect(svg.querySelector("use")!.getAttribute("href")).toBe("#prerendered-wide-m");
    expect(svg.querySelector("a")!.getAttribute("href")).toBe("#section");
    expect(svg.querySelectorAll("path")[1]!.getAttribute("fill")).toBe("url(#elsewhere)");
  });
});

describe("firstChart", () => {
  const svg = (label: string) => {
    const s = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    s.setAttribute("aria-label", label);
    return s;
  };

  it("runs the cells a chart needs, in any order, each once, and returns the first chart displayed", async () => {
    const calls: string[] = [];
    const cells: CellDefinition[] = [
      // Text and a table come first: displayed, but not charts.
      { id: "t", inputs: ["display", "rows"], body: (display, rows) => void (display as (v: unknown) => void)(`${(rows as unknown[]).length} lignes`) },
      {
        id: "c1",
        inputs: ["display", "rows", "width"],
        body: (display, rows, width) => void (display as (v: unknown) => void)(svg(`chart ${(rows as unknown[]).length} @${width}`)),
      },
      { id: "c2", inputs: ["display"], body: (display) => void (display as (v: unknown) => void)(svg("second")) },
      // Declared after the cells that use it, as Framework allows.
      {
        id: "d",
        inputs: ["source"],
        outputs: ["rows"],
        body: async (source) => {
          calls.push("d");
          return { rows: await (source as () => Promise<number[]>)() };
        },
      },
    ];
    const library = {
      width: () => 704,
      source: () => async () => {
        calls.push("source");
        return [1, 2, 3];
      },
    };
    const result = await firstChart(cells, library);
    expect(result.id).toBe("c1");
    expect(result.chart?.getAttribute("aria-label")).toBe("chart 3 @704");
    expect(result.failures).toEqual([]);
    expect(calls).toEqual(["d", "source"]);
  });

  it("skips a cell that needs what only a browser has, says why, and draws the next chart", async () => {
    const cells: CellDefinition[] = [
      { id: "live", inputs: ["display", "Generators"], body: (display) => void (display as (v: unknown) => void)(svg("live")) },
      { id: "broken", inputs: ["display"], body: () => Promise.reject(new TypeError("x is undefined")) },
      { id: "ok", inputs: ["display"], body: (display) => void (display as (v: unknown) => void)(svg("ok")) },
    ];
    const result = await firstChart(cells, {});
    expect(result.id).toBe("ok");
    expect(result.failures).toEqual(["live: ReferenceError: Generators is not defined", "broken: TypeError: x is undefined"]);
  });

  it("reads a generator's first value (an input's), shows what view() displays, and never waits for invalidation", async () => {
    const input = Object.assign(document.createElement("input"), { value: "2021-11" });
    const cells: CellDefinition[] = [
      { id: "v", inputs: ["view"], outputs: ["edition"], body: (view) => ({ edition: (view as (e: unknown) => unknown)(input) }) },
      {
        id: "g",
        inputs: [],
        outputs: ["n"],
        body: () => ({
          n: (function* () {
            yield 5;
            yield 6;
          })(),
        }),
      },
      {
        id: "c",
        inputs: ["display", "edition", "n", "invalidation"],
        body: (display, edition, n, invalidation) => {
          expect(invalidation).toBeInstanceOf(Promise);
          (display as (v: unknown) => void)(svg(`${edition} ${n}`));
        },
      },
    ];
    const result = await firstChart(cells, {});
    expect(result.chart?.getAttribute("aria-label")).toBe("2021-11 5");
  });

  it("answers null with every reason when no chart can be drawn", async () => {
    const result = await firstChart([{ id: "a", inputs: ["display", "Inputs"], body: () => undefined }], {});
    expect(result).toEqual({ id: null, chart: null, failures: ["a: ReferenceError: Inputs is not defined"] });
  });

  it("takes a figure or a block holding an svg as the chart, and nothing else", () => {
    const figure = document.createElement("figure");
    figure.append(svg("x"));
    expect(chartOf(figure)).toBe(figure);
    expect(chartOf(svg("y"))?.localName).toBe("svg");
    expect(chartOf(document.createElement("table"))).toBeNull();
    expect(chartOf("texte")).toBeNull();
    expect(chartOf(null)).toBeNull();
  });
});

describe("registeredFiles", () => {
  it("reads the files a built page registers, with their built path", () => {
    const html = `registerFile("./a \\"b\\".json", {"name":"./a \\"b\\".json","mimeType":"application/json","path":"./_file/a.1234abcd.json","lastModified":1,"size":2});\nregisterFile("./data/x.duckdb", {"name":"./data/x.duckdb","path":"./_file/data/x.5678.duckdb"});`;
    expect([...registeredFiles(html)]).toEqual([
      ['./a "b".json', { path: "./_file/a.1234abcd.json", mimeType: "application/json" }],
      ["./data/x.duckdb", { path: "./_file/data/x.5678.duckdb" }],
    ]);
  });
});

// A page as an analyst writes it, and its HTML as Framework builds it (a block per cell, the JSON
// registered under _file/): the command draws its first chart with the page's own components.
const HOSTILE = "</script><script>alert(1)</script> $& «Défense»";
const PAGE = `---
title: Essai
---

# Essai

\`\`\`js
import {formatEditionShort, formatInt} from "./components/format.js";
import {loadQueries} from "./components/query-results.js";
const {parEdition} = await loadQueries(FileAttachment("essai.json"));
\`\`\`

Texte : \${parEdition.length} éditions.

\`\`\`js
display(html\`<p>Un paragraphe, pas un graphique.</p>\`);
\`\`\`

\`\`\`js
resize((width) => Plot.plot({
  width,
  ariaLabel: "Coût par édition",
  x: {type: "band", tickFormat: formatEditionShort, tickRotate: width < 640 ? -45 : 0},
  y: {tickFormat: formatInt},
  marks: [Plot.barY(parEdition, {x: "edition", y: "cout_meur", clip: true}), Plot.text(parEdition, {x: "edition", y: "cout_meur", text: "ministere"})]
}))
\`\`\`
`;
const PAYLOAD = {
  page: "essai",
  queries: {
    parEdition: {
      sql: "SELECT …",
      columns: [
        { name: "edition", type: "VARCHAR", kind: "text" },
        { name: "cout_meur", type: "DECIMAL(18,3)", kind: "number" },
        { name: "ministere", type: "VARCHAR", kind: "text" },
      ],
      rows: [
        ["2016-11", "30.5", HOSTILE],
        ["2021-11", "15.25", "Intérieur"],
      ],
    },
  },
};

function builtPage(markdown: string, docs: string): string {
  const { ids } = cellsModule(markdown, docs, "/essai.md");
  const blocks = ids.map((id) => `${BLOCK}${LOADING}<!--:${id}:--></div>`).join("\n");
  return `<!DOCTYPE html><html lang="fr"><head><script type="module">\nregisterFile("./essai.json", {"name":"./essai.json","mimeType":"application/json","path":"./_file/essai.0123abcd.json","lastModified":1,"size":2});\n</script></head><body><main id="observablehq-main">${blocks}</main></body></html>`;
}

describe("scripts/prerender/main.ts", () => {
  let dir: string;
  let docs: string;
  let dist: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "panorama-prerender-pages-"));
    docs = join(dir, "docs");
    dist = join(dir, "dist");
    await mkdir(join(dist, "_file"), { recursive: true });
    await mkdir(docs, { recursive: true });
    await symlink(join(REPO, "docs", "components"), join(docs, "components"));
    await writeFile(join(dist, "_file", "essai.0123abcd.json"), JSON.stringify(PAYLOAD));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const prerender = (...args: string[]) =>
    run(TSX, [MAIN, "--docs", docs, "--dist", dist, ...args], { cwd: REPO }).catch((e: { stdout: string; stderr: string; code: number }) => e);

  it("draws the first chart at both widths in its cell, the data as text, and leaves the rest of the page as built", async () => {
    await writeFile(join(docs, "essai.md"), PAGE);
    await writeFile(join(docs, "essai.json.sql"), "-- name: parEdition\nSELECT 1\n");
    const before = builtPage(PAGE, docs);
    await writeFile(join(dist, "essai.html"), before);
    const { stdout, stderr } = await prerender();
    expect(stderr).toBe("");
    expect(stdout).toBe("prerender: first chart drawn at build time in 1 of 1 analysis page(s)\n");
    const after = await readFile(join(dist, "essai.html"), "utf-8");
    const { ids } = cellsModule(PAGE, docs, "/essai.md");
    const chartCell = ids[2]!;
    const start = after.indexOf(`<div class="prerendered-cell" data-prerendered-cell="${chartCell}">`);
    expect(start).toBeGreaterThan(0);
    const end = after.indexOf(`${LOADING}<!--:${chartCell}:-->`);
    // Only the chart was added, at its cell.
    expect(after.slice(0, start) + after.slice(end)).toBe(before);

    const cell = new JSDOM(after).window.document.querySelector(".prerendered-cell")!;
    const [wide, narrow] = [cell.querySelector(".prerendered-wide")!, cell.querySelector(".prerendered-narrow")!];
    expect(wide.getAttribute("width")).toBe("704");
    expect(narrow.getAttribute("width")).toBe("326");
    expect(wide.getAttribute("aria-label")).toBe("Coût par édition");
    // The page's own code ran: its tick format, its width test, and its data as text.
    expect([...wide.querySelectorAll("[aria-label='x-axis tick label'] text")].map((t) => t.textContent)).toEqual(
      ["2016-11", "2021-11"].map(formatEditionShort),
    );
    expect(wide.querySelector("[aria-label='x-axis tick label'] text")!.getAttribute("transform") ?? "").not.toContain("rotate");
    expect(narrow.querySelector("[aria-label='x-axis tick label'] text")!.getAttribute("transform")).toContain("rotate(-45)");
    expect(wide.querySelectorAll("[aria-label='bar'] rect")).toHaveLength(2);
    expect([...wide.querySelectorAll("[aria-label='text'] text")].map((t) => t.textContent)).toEqual([frenchSpacing(HOSTILE), "Intérieur"]);
    expect(after).not.toContain("<script>alert(1)");
    // Clip paths of the two charts do not share an id with each other or with the live chart.
    const ids2 = [...cell.querySelectorAll("[id]")].map((e) => e.id);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids2.every((id) => /^prerendered-(wide|narrow)-/.test(id))).toBe(true);
    expect(new Set(ids2).size).toBe(ids2.length);

    // Run again over the same dist/: nothing added twice.
    await prerender();
    expect(await readFile(join(dist, "essai.html"), "utf-8")).toBe(after);
  });

  // The page, changed before its chart; the built page must come out as it went in, with the reason.
  const leftToBrowser = async (before: string, args: string[], reason: RegExp) => {
    const page = PAGE.replace("resize((width) =>", `${before} || resize((width) =>`);
    await writeFile(join(docs, "essai.md"), page);
    const built = builtPage(page, docs);
    await writeFile(join(dist, "essai.html"), built);
    const { stdout, stderr } = await prerender(...args);
    expect(stderr).toMatch(reason);
    expect(stdout).toBe("prerender: first chart drawn at build time in 0 of 1 analysis page(s)\n");
    expect(await readFile(join(dist, "essai.html"), "utf-8")).toBe(built);
  };

  it("leaves a page whose chart needs the browser as built, and names the page and the reason", async () => {
    await leftToBrowser(
      "Generators.observe(() => {})",
      [],
      /^prerender: \/essai: first chart drawn in the browser only \([0-9a-f]{8}: ReferenceError: Generators is not defined\)\n$/,
    );
  });

  it("gives up on a page whose cells wait for what never comes, says so, and exits despite its timers", async () => {
    await leftToBrowser(
      "await new Promise(() => setInterval(() => {}, 1000))",
      ["--timeout-ms", "500"],
      /^prerender: \/essai: first chart drawn in the browser only \(its cells had not drawn a chart after 0\.5 s\)\n$/,
    );
  });

  it("refuses a timeout that is not a number of milliseconds", async () => {
    const { stderr, code } = (await prerender("--timeout-ms", "ten")) as { stderr: string; code: number };
    expect(code).toBe(1);
    expect(stderr).toBe("prerender: --timeout-ms: expected a positive whole number of milliseconds, got ten\n");
  });
});
