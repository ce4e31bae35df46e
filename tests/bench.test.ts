import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { firstContentProbe, isDuckdbWasmUrl } from "../scripts/bench/browser.js";
import { analystPaths, dataFileRefs, gzipSize, pageKind, sitePath } from "../scripts/bench/dist.js";
import {
  RESULT_SCHEMA,
  figure,
  figuresOf,
  formatDataFiles,
  formatTable,
  formatTarget,
  formatValue,
  meets,
  validateResult,
  verdict,
  wallNote,
  type Figure,
  type Target,
} from "../scripts/bench/figures.js";
import { changedEntries, type FileStamp } from "../scripts/bench/incremental.js";
import { timed } from "../scripts/bench/runner.js";
import { median, ratio } from "../scripts/bench/stats.js";
import { isPage } from "../scripts/dist-files.js";

describe("median", () => {
  it.each([
    [[], null],
    [[3], 3],
    [[5, 1], 3],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
    [[2, NaN, 4, Infinity], 3],
    [[NaN], null],
  ])("median(%j) = %j", (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("ratio", () => {
  it.each([
    [100, 300, 1 / 3],
    [0, 300, 0],
    [300, 0, null],
    [300, -1, null],
    [null, 300, null],
    [300, null, null],
    [undefined, 300, null],
    [NaN, 300, null],
  ])("ratio(%j, %j) = %j", (value, reference, expected) => {
    expect(ratio(value, reference)).toBe(expected);
  });
});

describe("target checks", () => {
  it.each<[number | null, Target, boolean | null]>([
    [1999, { op: "<", limit: 2000 }, true],
    [2000, { op: "<", limit: 2000 }, false],
    [1 / 3, { op: "<=", limit: 1 / 3 }, true],
    [0.34, { op: "<=", limit: 1 / 3 }, false],
    [0, { op: "=", limit: 0 }, true],
    [2, { op: "=", limit: 1 }, false],
    [null, { op: "<", limit: 2000 }, null],
    [NaN, { op: "<", limit: 2000 }, null],
  ])("meets(%j, %j) = %j", (value, target, expected) => {
    expect(meets(value, target)).toBe(expected);
  });

  it("a figure without a target is information: met is null", () => {
    expect(figure("x", "x", 12, "ms").met).toBeNull();
    expect(figure("x", "x", 12, "ms", { op: "<", limit: 10 }).met).toBe(false);
  });

  it("sorts figures into met, missed and not measured; information figures are in none", () => {
    const figures = [
      figure("a", "a", 1, "ms", { op: "<", limit: 2 }),
      figure("b", "b", 3, "ms", { op: "<", limit: 2 }),
      figure("c", "c", null, "ratio", { op: "<=", limit: 0.5 }),
      figure("d", "d", 7, "ms"),
    ];
    expect(verdict(figures)).toEqual({ met: ["a"], missed: ["b"], unmeasured: ["c"] });
  });
});

describe("process runs", () => {
  it("summarizes wall time, CPU time and peak memory of several runs", () => {
    const t = timed([
      { ms: 1200.4, cpuMs: 900, peakRssMB: 170 },
      { ms: 2400, cpuMs: 950, peakRssMB: 180 },
      { ms: 1100, cpuMs: null, peakRssMB: null },
    ]);
    expect(t).toEqual({ runsMs: [1200, 2400, 1100], medianMs: 1200.4, minMs: 1100, cpuRunsMs: [900, 950], medianCpuMs: 925, peakRssMB: [170, 180] });
    expect(wallNote(t)).toBe("CPU 925 ms, fastest 1,100 ms");
  });

  it("has nothing to say about no run", () => {
    const t = timed([]);
    expect(t).toMatchObject({ medianMs: null, minMs: null, medianCpuMs: null });
    expect(wallNote(t)).toBeUndefined();
  });
});

describe("formatting", () => {
  it.each([
    [1234.4, "ms", "1,234 ms"],
    [23_456, "ms", "23.5 s"],
    [176.49, "MB", "176.5 MB"],
    [512, "bytes", "512 B"],
    [83_379, "bytes", "81.4 KB"],
    [3_201_826, "bytes", "3.05 MB"],
    [0.3333, "ratio", "0.33"],
    [4009.4, "rows/s", "4,009 rows/s"],
    [null, "ms", "n/a"],
  ] as const)("formatValue(%j, %s) = %s", (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it("formats targets with their unit", () => {
    expect(formatTarget({ op: "<", limit: 2000 }, "ms")).toBe("< 2,000 ms");
    expect(formatTarget({ op: "<=", limit: 1 / 4 }, "ratio")).toBe("<= 0.25");
    expect(formatTarget(null, "ms")).toBe("");
  });

  it("prints one aligned line per figure with value, target and verdict", () => {
    const table = formatTable([
      figure("cold", "panorama build, cold", 1100, "ms", { op: "<", limit: 2000 }),
      figure("ratio", "home: first chart / official", 0.5, "ratio", { op: "<=", limit: 1 / 3 }, "slow"),
      figure("none", "home: bytes / official", null, "ratio", { op: "<=", limit: 1 / 4 }, "page not built"),
      figure("info", "npm run build, warm", 30_000, "ms"),
    ]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^figure\s+value\s+target\s+met\?\s+note$/);
    expect(lines[2]).toMatch(/^panorama build, cold\s+1,100 ms\s+< 2,000 ms\s+yes$/);
    expect(lines[3]).toMatch(/0\.50\s+<= 0\.33\s+NO\s+slow$/);
    expect(lines[4]).toMatch(/n\/a\s+<= 0\.25\s+NOT MEASURED\s+page not built$/);
    expect(lines[5]).toMatch(/^npm run build, warm\s+30\.0 s$/);
    // Values are right-aligned: every value ends where the second dash group ends.
    const end = /^-+ +-+/.exec(lines[1]!)![0].length;
    for (const line of lines.slice(2)) expect([line[end - 1] !== " ", line[end] === " " || line[end] === undefined]).toEqual([true, true]);
  });
});

describe("data files", () => {
  it("lists the loaded files, largest compressed first, and counts the others", () => {
    const text = formatDataFiles([
      { path: "data/report.1.json", bytes: 16_279, gzipBytes: 2_536, loadedBy: ["/", "/evolution"] },
      { path: "data/projects.2.json", bytes: 466_058, gzipBytes: 73_630, loadedBy: ["/projets"] },
      { path: "data/panorama.3.duckdb", bytes: 1_585_152, gzipBytes: 72_420, loadedBy: [] },
      { path: "data/projets/a.4.json", bytes: 2_520, gzipBytes: 1_072, loadedBy: [] },
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^data file\s+raw\s+gzip\s+loaded by$/);
    expect(lines[2]).toMatch(/^data\/projects\.2\.json\s+455\.1 KB\s+71\.9 KB\s+\/projets$/);
    expect(lines[3]).toMatch(/^data\/report\.1\.json\s+15\.9 KB\s+2\.5 KB\s+\/, \/evolution$/);
    expect(lines[4]).toBe("(2 other files under _file/data/ not loaded by the pages measured; largest: data/panorama.3.duckdb, gzip 70.7 KB)");
    expect(lines).toHaveLength(5);
  });
});

describe("page and file helpers", () => {
  it.each([
    ["http://127.0.0.1:4000/_npm/@duckdb/duckdb-wasm@1.29.0/_esm.js", true],
    ["http://127.0.0.1:4000/_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm", true],
    ["http://127.0.0.1:4000/_npm/x/duckdb-browser-eh.worker.js", true],
    ["http://127.0.0.1:4000/_file/data/panorama.1a2b3c4d.duckdb", true],
    ["http://127.0.0.1:4000/_file/data/panorama.1a2b3c4d.duckdb?x=1", true],
    ["http://127.0.0.1:4000/_file/data/headline.1a2b3c4d.json", false],
    ["http://127.0.0.1:4000/_npm/@observablehq/plot@0.6.17/_esm.js", false],
    ["http://127.0.0.1:4000/duckdb-guide.html", false],
  ])("isDuckdbWasmUrl(%s) = %s", (url, expected) => {
    expect(isDuckdbWasmUrl(url)).toBe(expected);
  });

  it("lists the data files a built page references, once each, sorted", () => {
    const html = `<script type="module">
registerFile("./data/report.json", {"name":"./data/report.json","mimeType":"application/json","path":"../_file/data/report.6f1e2d3c.json","lastModified":1});
registerFile("./data/panorama.duckdb", {"path":"../_file/data/panorama.0a1b2c3d.duckdb"});
</script><a href="../_file/data/report.6f1e2d3c.json">JSON</a><img src="./_file/assets/logo.svg">`;
    expect(dataFileRefs(html)).toEqual(["data/panorama.0a1b2c3d.duckdb", "data/report.6f1e2d3c.json"]);
    expect(dataFileRefs("<p>no data</p>")).toEqual([]);
  });

  it.each([
    ["index.html", "/"],
    ["zones.html", "/zones"],
    ["projets.html", "/projets"],
    ["projets/index.html", "/projets"],
    ["projets/archipel.html", "/projets/archipel"],
  ])("sitePath(%s) = %s", (file, path) => {
    expect(sitePath(file)).toBe(path);
  });

  const sidebar = [
    { name: "Analyses", pages: [{ name: "Ministères", path: "/ministeres" }] },
    { name: "Analyses complémentaires", pages: [{ name: "Interministériels", path: "/interministeriels" }] },
    { name: "Données", pages: [{ name: "Atelier SQL", path: "/atelier" }] },
  ];

  it.each([
    ["/", "narrative"],
    ["/ministeres", "narrative"],
    ["/projets/archipel", "narrative"],
    ["/projets", "explorer"],
    ["/atelier", "analyst"],
    ["/guide", "analyst"],
    ["/interministeriels", "analyst"],
  ])("pageKind(%s) = %s with the analyst pages of the sidebar", (path, kind) => {
    expect(pageKind(path, analystPaths(sidebar))).toBe(kind);
  });

  it.each([
    ["/d/index.html", true],
    ["/d/projets/archipel.html", true],
    ["/d/_file/data/prerender/projets-table.0123abcd.html", false],
    ["/d/_observablehq/x.html", false],
    ["/d/_file/data/report.0123abcd.json", false],
  ])("isPage(/d, %s) = %s", (path, expected) => {
    expect(isPage("/d", path)).toBe(expected);
  });

  it("analyst pages are the fixed ones when the sidebar is missing or malformed", () => {
    expect([...analystPaths(null)].sort()).toEqual(["/atelier", "/guide"]);
    expect([...analystPaths([{ name: "Analyses complémentaires", pages: "x" }, null])].sort()).toEqual(["/atelier", "/guide"]);
    expect(pageKind("/interministeriels")).toBe("narrative");
  });

  it("finds the cache entries rewritten or added between two snapshots", () => {
    const stamp = (ino: number, mtimeMs = 1, size = 10): FileStamp => ({ ino, mtimeMs, size });
    const before = { "2016-11": stamp(1), "2017-02": stamp(2), "2018-11": stamp(3) };
    expect(changedEntries(before, { ...before })).toEqual([]);
    // An atomic rename gives a new inode; an in-place write a new mtime or size.
    expect(changedEntries(before, { ...before, "2018-11": stamp(9), "2017-02": stamp(2, 5), "2021-11": stamp(4) })).toEqual(["2017-02", "2018-11", "2021-11"]);
    expect(changedEntries(before, { "2016-11": stamp(1, 1, 11) })).toEqual(["2016-11"]);
  });

  it("gzipSize is the length of a gzip stream that restores the input", () => {
    const text = "Panorama ".repeat(1000);
    const size = gzipSize(text);
    expect(size).toBeLessThan(text.length / 10);
    expect(size).toBeGreaterThan(0);
  });

  it("the probe injected in pages is a self-contained script with the selectors", () => {
    const script = firstContentProbe({ chart: "svg.highcharts-root", rows: "table td" });
    expect(script).toContain('"chart":"svg.highcharts-root"');
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/__name|require\(|import /);
  });
});

describe("result file", () => {
  const valid = () => {
    const figures: Figure[] = [figure("ingest.cold", "cold", 1100, "ms", { op: "<", limit: 2000 }), figure("site.warm", "warm", 30_000, "ms")];
    return {
      schema: RESULT_SCHEMA,
      startedAt: "2026-11-28T19:00:00.000Z",
      finishedAt: "2026-11-28T19:04:00.000Z",
      machine: { cpus: 2, node: "v20.20.2" },
      figures,
      verdict: verdict(figures),
    };
  };

  it("accepts a well-formed result, also after a JSON round trip", () => {
    expect(validateResult(valid())).toEqual([]);
    expect(validateResult(JSON.parse(JSON.stringify(valid())))).toEqual([]);
  });

  it.each<[string, (r: ReturnType<typeof valid>) => unknown, RegExp]>([
    ["wrong schema", (r) => ({ ...r, schema: "other" }), /^schema/],
    ["no finish date", (r) => ({ ...r, finishedAt: "yesterday" }), /^finishedAt/],
    ["no machine", (r) => ({ ...r, machine: undefined }), /^machine/],
    ["figures not an array", (r) => ({ ...r, figures: {} }), /^figures/],
    ["duplicate id", (r) => ({ ...r, figures: [r.figures[0], r.figures[0]] }), /duplicate ingest\.cold/],
    ["value as text", (r) => ({ ...r, figures: [{ ...r.figures[0], value: "1100" }] }), /value/],
    ["bad target", (r) => ({ ...r, figures: [{ ...r.figures[0], target: { op: "≤", limit: 1 } }] }), /target/],
    ["met that contradicts the value", (r) => ({ ...r, figures: [{ ...r.figures[0], met: false }] }), /does not match/],
    ["no verdict", (r) => ({ ...r, verdict: null }), /^verdict/],
  ])("rejects a result with %s", (_, mutate, problem) => {
    const problems = validateResult(mutate(valid()));
    expect(problems.some((p) => problem.test(p))).toBe(true);
  });

  it("rejects what is not an object", () => {
    expect(validateResult(null)).toEqual(["not an object"]);
    expect(validateResult([])).toEqual(["not an object"]);
  });
});

describe("figures from measurements", () => {
  const page = (name: string, path: string, kind: "narrative" | "explorer" | "reference", m: Partial<Record<string, number | null>> | null, runs = 5) => ({
    name,
    path,
    kind,
    metric: kind === "explorer" ? "rows" : "chart",
    exists: m !== null,
    runs: Array.from({ length: m ? runs : 0 }, () => ({})),
    median: m ? { firstChartMs: null, firstRowsMs: null, bytes: null, gzipBytes: null, chartFoundIn: runs, rowsFoundIn: runs, ...m } : null,
  });

  it("computes the ratios against the official dashboard and checks the targets", () => {
    const results = {
      pages: {
        projectKey: "archipel",
        pages: [
          page("official", "/", "reference", { firstChartMs: 900, bytes: 3_200_000, gzipBytes: 1_200_000 }),
          page("home (/)", "/", "narrative", { firstChartMs: 250, bytes: 400_000, gzipBytes: 120_000 }),
          page("explorer (/projets)", "/projets", "explorer", { firstRowsMs: 600, bytes: 900_000, gzipBytes: 300_000 }),
          page("project", "/projets/archipel", "narrative", null),
        ],
        crawl: [
          { path: "/", kind: "narrative", duckdb: [], external: [] },
          { path: "/atelier", kind: "analyst", duckdb: ["x/duckdb-eh.wasm"], external: [] },
        ],
      },
      dataFiles: [
        { path: "data/report.json", gzipBytes: 20 * 1024, loadedByReaderPage: true },
        { path: "data/panorama.duckdb", gzipBytes: 900 * 1024, loadedByReaderPage: false },
      ],
    };
    const figures = figuresOf(results as never);
    const byId = new Map(figures.map((f) => [f.id, f]));
    expect(byId.get("home.firstChartRatio")).toMatchObject({ value: 250 / 900, met: true });
    expect(byId.get("home.bytesRatio")).toMatchObject({ value: 0.125, met: true });
    expect(byId.get("explorer.firstRowsRatio")).toMatchObject({ value: 600 / 900, met: false });
    expect(byId.get("project.firstChartRatio")).toMatchObject({ value: null, met: null, note: "page not built" });
    // DuckDB-WASM on an analyst page is allowed; the data-file target covers the pages for readers only.
    expect(byId.get("narrative.duckdb")).toMatchObject({ value: 0, met: true });
    expect(byId.get("data.largestGzip")).toMatchObject({ value: 20, met: true, note: "data/report.json" });
    expect(
      validateResult({
        schema: RESULT_SCHEMA,
        startedAt: "2026-01-01T00:00:00Z",
        finishedAt: "2026-01-01T00:01:00Z",
        machine: { cpus: 1, node: "v20" },
        figures,
        verdict: verdict(figures),
      }),
    ).toEqual([]);
  });

  it("reports the analysis page against its targets (1,5 MB, a third of the official time, no DuckDB-WASM) and the Atelier's time to a first query", () => {
    const analysis = (m: Record<string, number>, duckdb: string[] = []) => ({
      ...page("analysis page (/interministeriels)", "/interministeriels", "narrative", m),
      kind: "analyst",
      id: "analysis",
      runs: [{ duckdb }],
    });
    const atelier = {
      ...page("Atelier SQL (/atelier)", "/atelier", "narrative", { queryReadyMs: 4200, bytes: 40e6, gzipBytes: 9e6 }),
      kind: "analyst",
      id: "atelier",
    };
    const figures = (a: ReturnType<typeof analysis>) =>
      new Map(
        figuresOf({
          pages: {
            projectKey: null,
            pages: [page("official", "/", "reference", { firstChartMs: 900, bytes: 3_200_000, gzipBytes: 1e6 }), a, atelier],
            crawl: [],
          },
        } as never).map((f) => [f.id, f]),
      );
    const light = figures(analysis({ firstChartMs: 240, bytes: 1_200_000, gzipBytes: 300_000 }));
    expect(light.get("analysis.bytes")).toMatchObject({ value: 1_200_000, target: { op: "<=", limit: 1.5e6 }, met: true });
    expect(light.get("analysis.firstChartRatio")).toMatchObject({ value: 240 / 900, met: true });
    expect(light.get("analysis.duckdb")).toMatchObject({ value: 0, met: true });
    expect(light.get("atelier.queryReady")).toMatchObject({ value: 4200, target: null });
    const heavy = figures(analysis({ firstChartMs: 2000, bytes: 40e6, gzipBytes: 9e6 }, ["x/duckdb-eh.wasm"]));
    expect(heavy.get("analysis.bytes")!.met).toBe(false);
    expect(heavy.get("analysis.firstChartRatio")!.met).toBe(false);
    expect(heavy.get("analysis.duckdb")).toMatchObject({ value: 1, met: false });
  });

  it("flags the incremental rebuild when another edition was re-read", () => {
    const inc = (reRead: string[][]) =>
      figuresOf({
        incremental: { edition: "2018-11", changedFile: "dashboards/2018-11.html", coldMs: 1000, rebuildMedianMs: 400, reRead, ratioToCold: 0.4 },
      } as never).find((f) => f.id === "incremental.reRead")!;
    expect(inc([["2018-11"], ["2018-11"]])).toMatchObject({ value: 2, target: { op: "=", limit: 2 }, met: true, note: "only 2018-11" });
    expect(inc([["2018-11"], ["2016-11", "2018-11"]])).toMatchObject({ value: 1, met: false, note: "also re-read: 2016-11" });
    expect(inc([["2016-11"]])).toMatchObject({ value: 0, met: false, note: "also re-read: 2016-11; 2018-11 not re-read in 1 runs" });
    expect(inc([[]])).toMatchObject({ value: 0, met: false, note: "only 2018-11; 2018-11 not re-read in 1 runs" });
  });
});

it("gzip sizes are those of real gzip streams", () => {
  const bytes = Buffer.from("x".repeat(5000));
  expect(gunzipSync(gzipSync(bytes)).equals(bytes)).toBe(true);
  expect(gzipSize(bytes)).toBe(gzipSync(bytes).length);
});
