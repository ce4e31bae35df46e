// One page in headless Chromium (playwright-core): time to first chart or rows, bytes, requests.
import { gzipSize, type PageKind } from "./dist.js";
import { median } from "./stats.js";

/** DuckDB-WASM: its module, workers or wasm binaries, and .duckdb files it would open. */
export function isDuckdbWasmUrl(url: string): boolean {
  const path = url.split(/[?#]/)[0]!;
  return /@duckdb\/duckdb-wasm|\/duckdb-[^/]*\.wasm$|\/duckdb-browser[^/]*$|\.duckdb$/.test(path);
}

// Runs in the page before any of its scripts: records when the first chart and the first table
// rows appear (performance.now(), i.e. ms since the navigation started). A string, not a function:
// tsx's transform would add helpers that do not exist in the page.
export function firstContentProbe(selectors: { chart: string; rows: string; query?: string }): string {
  return `(() => {
  const sel = ${JSON.stringify({ query: null, ...selectors })};
  const state = (window.__bench = { chart: null, rows: null, query: null });
  const hasChart = () => [...document.querySelectorAll(sel.chart)].some((el) => !(el instanceof HTMLImageElement) || (el.complete && el.naturalWidth > 0));
  const hasRows = () => [...document.querySelectorAll(sel.rows)].some((td) => !td.closest("details:not([open])"));
  let observer = null;
  const check = () => {
    const now = performance.now();
    if (state.chart === null && hasChart()) state.chart = now;
    if (state.rows === null && hasRows()) state.rows = now;
    if (state.query === null && sel.query && document.querySelector(sel.query)) state.query = now;
    if (state.chart !== null && state.rows !== null && (state.query !== null || !sel.query) && observer) observer.disconnect();
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["open"] });
  document.addEventListener("load", check, true);
  document.addEventListener("DOMContentLoaded", check);
})();`;
}

const OUR_CHART = "#observablehq-main svg[aria-label], #observablehq-main figure svg, #observablehq-main img[src$='.svg']";
const OUR_ROWS = "#observablehq-main table tbody tr td";
// The Atelier's editor has answered its first query (a table or an error): the engine is ready.
const OUR_QUERY = ".sql-editor tbody tr td, .sql-editor .query-error";
const OFFICIAL_CHART = "svg.highcharts-root";
const OFFICIAL_ROWS = "table.dataTable tbody tr td";

export interface PageTarget {
  name: string;
  path: string;
  kind: PageKind;
  server: "site" | "official";
  /** what to wait for before the network is idle: the figure the targets use, or nothing */
  metric: "chart" | "rows" | "query" | null;
  /** figure id prefix (default: from the kind and path) */
  id?: string;
}

export interface PageRun {
  firstChartMs: number | null;
  firstRowsMs: number | null;
  /** the Atelier: until its editor has answered a query */
  queryReadyMs: number | null;
  domContentLoadedMs: number | null;
  loadMs: number | null;
  firstContentfulPaintMs: number | null;
  bytes: number;
  headerBytes: number;
  gzipBytes: number;
  requests: number;
  duckdb: string[];
  external: string[];
  failed: string[];
  consoleErrors: string[];
  dataFiles: string[];
}

export async function measurePage(url: string, target: PageTarget, timeoutMs: number): Promise<PageRun> {
  const { launchBrowser } = await import("../../tests/e2e/browser.js");
  type Request = import("playwright-core").Request;
  const browser = await launchBrowser();
  try {
    const { context } = browser;
    await context.addInitScript({
      content: firstContentProbe(
        target.server === "official" ? { chart: OFFICIAL_CHART, rows: OFFICIAL_ROWS } : { chart: OUR_CHART, rows: OUR_ROWS, query: OUR_QUERY },
      ),
    });
    const page = await context.newPage();
    const r: PageRun = {
      firstChartMs: null,
      firstRowsMs: null,
      queryReadyMs: null,
      domContentLoadedMs: null,
      loadMs: null,
      firstContentfulPaintMs: null,
      bytes: 0,
      headerBytes: 0,
      gzipBytes: 0,
      requests: 0,
      duckdb: [],
      external: [],
      failed: [],
      consoleErrors: [],
      dataFiles: [],
    };
    context.on("request", (request) => {
      const href = request.url();
      if (href.startsWith("data:") || href.startsWith("blob:")) return;
      r.requests++;
      if (isDuckdbWasmUrl(href)) r.duckdb.push(href);
      if (new URL(href).hostname !== "127.0.0.1") r.external.push(href);
      const data = /\/_file\/(data\/[^?#]+)/.exec(href);
      if (data) r.dataFiles.push(data[1]!);
    });
    context.on("requestfailed", (request) => r.failed.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
    // Sizes and bodies are read once the page is measured: reading (and gzipping) them while it loads
    // would slow the server, which runs in this process, and the browser.
    const finished: Request[] = [];
    context.on("requestfinished", (request) => {
      if (!request.url().startsWith("data:")) finished.push(request);
    });
    page.on("console", (m) => {
      if (m.type() === "error") r.consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => r.consoleErrors.push(`uncaught: ${e.message}`));
    await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
    if (target.metric)
      await page.waitForFunction(`window.__bench && window.__bench.${target.metric} !== null`, undefined, { timeout: timeoutMs }).catch(() => {});
    await page.waitForLoadState("networkidle", { timeout: timeoutMs }).catch(() => {});
    const probe = (await page.evaluate(
      `(() => { const nav = performance.getEntriesByType("navigation")[0]; const b = window.__bench; const fcp = performance.getEntriesByName("first-contentful-paint")[0]; return { chart: b.chart, rows: b.rows, query: b.query, dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null, fcp: fcp ? fcp.startTime : null }; })()`,
    )) as { chart: number | null; rows: number | null; query: number | null; dcl: number | null; load: number | null; fcp: number | null };
    for (const request of finished) {
      try {
        const s = await request.sizes();
        r.bytes += s.responseBodySize;
        r.headerBytes += s.responseHeadersSize;
        const body = await (await request.response())?.body().catch(() => null);
        if (body) r.gzipBytes += gzipSize(body);
      } catch {
        // A request of a worker that has gone: its size is unknown.
      }
    }
    Object.assign(r, {
      firstChartMs: probe.chart,
      firstRowsMs: probe.rows,
      queryReadyMs: probe.query,
      domContentLoadedMs: probe.dcl,
      loadMs: probe.load,
      firstContentfulPaintMs: probe.fcp,
    });
    r.dataFiles = [...new Set(r.dataFiles)].sort();
    return r;
  } finally {
    await browser.close();
  }
}

export function summarize(runs: PageRun[]) {
  const pick = (f: (r: PageRun) => number | null) => median(runs.map(f).filter((v): v is number => v !== null));
  return {
    firstChartMs: pick((r) => r.firstChartMs),
    firstRowsMs: pick((r) => r.firstRowsMs),
    queryReadyMs: pick((r) => r.queryReadyMs),
    domContentLoadedMs: pick((r) => r.domContentLoadedMs),
    loadMs: pick((r) => r.loadMs),
    firstContentfulPaintMs: pick((r) => r.firstContentfulPaintMs),
    bytes: pick((r) => r.bytes),
    gzipBytes: pick((r) => r.gzipBytes),
    requests: pick((r) => r.requests),
    chartFoundIn: runs.filter((r) => r.firstChartMs !== null).length,
    rowsFoundIn: runs.filter((r) => r.firstRowsMs !== null).length,
  };
}
