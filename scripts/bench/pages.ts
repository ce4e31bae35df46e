// Pages of the built site beside the official dashboard of November 2021, each in a fresh browser.
import { existsSync } from "node:fs";
import { copyFile, readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { measurePage, summarize, type PageRun, type PageTarget } from "./browser.js";
import { REPO, log, tempDir, type Options } from "./context.js";
import { ANALYSIS_PAGE, EXPLORER_PAGE, analystPaths, builtPage, pageKind, sitePath } from "./dist.js";
import { ingestEnv } from "./runner.js";

async function chooseProjectKey(opts: Options, dist: string): Promise<string | null> {
  if (opts.key) return opts.key;
  const { buildFromCatalogue, loadCatalogue, defaultAcquireOptions } = await import("../../loaders/index.js");
  const dataset = await buildFromCatalogue(loadCatalogue(REPO), defaultAcquireOptions(ingestEnv(opts.mirror), await tempDir("keys")), null);
  const count = new Map<string, number>();
  for (const p of dataset.projects) count.set(p.project_key, (count.get(p.project_key) ?? 0) + 1);
  const keys = [...count].filter(([key]) => builtPage(dist, `/projets/${key}`)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return keys[0]?.[0] ?? null;
}

export async function pages(opts: Options, dist: string) {
  const { startServer } = await import("../../tests/e2e/server.js");
  const { CHROMIUM_PATH } = await import("../../tests/e2e/browser.js");
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: run bash scripts/ensure-chromium.sh (or set CHROMIUM_PATH)`);
  const official = await tempDir("official");
  await copyFile(join(opts.mirror, "dashboards", "2021-11.html"), join(official, "index.html"));
  const key = await chooseProjectKey(opts, dist);
  const targets: PageTarget[] = [
    { name: "official dashboard 2021-11", path: "/", kind: "reference", server: "official", metric: "chart" },
    { name: "home (/)", path: "/", kind: "narrative", server: "site", metric: "chart" },
    { name: "explorer (/projets)", path: EXPLORER_PAGE, kind: "explorer", server: "site", metric: "rows" },
  ];
  if (key) targets.push({ name: `project page (/projets/${key})`, path: `/projets/${key}`, kind: "narrative", server: "site", metric: "chart" });
  // Issue 12: the example analysis page (SQL run at build time) and the Atelier (DuckDB-WASM at open).
  targets.push(
    { name: `analysis page (${ANALYSIS_PAGE})`, path: ANALYSIS_PAGE, kind: "analyst", server: "site", metric: "chart", id: "analysis" },
    { name: "Atelier SQL (/atelier)", path: "/atelier", kind: "analyst", server: "site", metric: "query", id: "atelier" },
  );
  const site = await startServer(dist);
  const ref = await startServer(official);
  const timeoutMs = 15_000;
  try {
    const present = targets.filter((t) => t.server === "official" || builtPage(dist, t.path));
    const urlOf = (t: PageTarget) => `${t.server === "official" ? ref.url : site.url}${t.path}`;
    log(`pages: warm-up, then ${opts.runs} runs of ${present.map((t) => t.name).join(", ")}`);
    for (const t of present) await measurePage(urlOf(t), t, timeoutMs);
    const runs = new Map<PageTarget, PageRun[]>(present.map((t) => [t, []]));
    // Interleaved (run 1 of every page, then run 2…) so that a busy moment of the machine hits them all.
    for (let i = 0; i < opts.runs; i++) for (const t of present) runs.get(t)!.push(await measurePage(urlOf(t), t, timeoutMs));
    const measured = targets.map((t) => {
      const rs = runs.get(t);
      return {
        name: t.name,
        path: t.path,
        kind: t.kind,
        metric: t.metric,
        id: t.id ?? null,
        exists: rs !== undefined,
        runs: rs ?? [],
        median: rs ? summarize(rs) : null,
      };
    });
    log("pages: every built page once, for the data files and DuckDB-WASM requests");
    const crawl = await crawlPages(dist, site.url, key, timeoutMs);
    return { projectKey: key, pages: measured, crawl };
  } finally {
    await site.close();
    await ref.close();
  }
}

/** Every top-level page (and the measured project page), once each: what it downloads. */
async function crawlPages(dist: string, origin: string, key: string | null, timeoutMs: number) {
  const sidebar = await readFile(join(REPO, "pages.json"), "utf8").then(
    (t) => JSON.parse(t) as unknown,
    () => null,
  );
  const analyst = analystPaths(sidebar);
  const files = (await readdir(dist)).filter((f) => f.endsWith(".html") && f !== "404.html").map((f) => sitePath(f));
  if (existsSync(join(dist, "projets", "index.html"))) files.push("/projets");
  if (key) files.push(`/projets/${key}`);
  const out = [];
  for (const path of [...new Set(files)].sort()) {
    const kind = pageKind(path, analyst);
    const r = await measurePage(`${origin}${path}`, { name: path, path, kind, server: "site", metric: null }, timeoutMs);
    out.push({
      path,
      kind,
      bytes: r.bytes,
      gzipBytes: r.gzipBytes,
      requests: r.requests,
      firstChartMs: r.firstChartMs,
      dataFiles: r.dataFiles,
      duckdb: r.duckdb,
      external: r.external,
      failed: r.failed,
      consoleErrors: r.consoleErrors,
    });
  }
  return out;
}
