// Benchmark of issue 6: `panorama build` (cold, warm, incremental, peak memory), reading and
// normalizing each mirrored file in process, `npm run build`, and page weight and time to first
// chart in headless Chromium beside the official dashboard of November 2021.
// Prints one line per figure (value, target, met) and writes bench/results/latest.json.
//
// Usage: PANORAMA_MIRROR=../shared/panorama npm run bench [-- options]
//   --runs <n>           runs per timed figure (default 5)
//   --only <list>        any of ingest,incremental,site,pages (default: all)
//   --skip-site-build    measure the pages of the existing dist/ instead of building a copy
//   --dist <dir>         with --skip-site-build: the built site to measure (default dist/)
//   --edition <id>       edition changed for the incremental rebuild (default 2018-11)
//   --key <project_key>  project page to measure (default: the key present in most editions)
//   --out <file>         JSON output (default bench/results/latest.json)
//   --keep               keep the temporary folders
// Exit code: 0 when every target is met, 1 when one is missed or could not be measured, 2 on error.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { MB, REPO, removeTempDirs, type Options } from "./context.js";
import { dataFiles } from "./dist.js";
import { RESULT_SCHEMA, figuresOf, formatDataFiles, formatTable, validateResult, verdict, type Results, type Verdict } from "./figures.js";
import { incremental } from "./incremental.js";
import { ingestion } from "./ingest.js";
import { pages } from "./pages.js";
import { siteBuild } from "./site.js";

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" },
      only: { type: "string" },
      "skip-site-build": { type: "boolean", default: false },
      dist: { type: "string", default: join(REPO, "dist") },
      edition: { type: "string", default: "2018-11" },
      key: { type: "string" },
      out: { type: "string", default: join(REPO, "bench", "results", "latest.json") },
      keep: { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a positive integer, got ${values.runs}`);
  const all = ["ingest", "incremental", "site", "pages"];
  const only = new Set(values.only ? values.only.split(",").map((s) => s.trim()) : all);
  for (const o of only) if (!all.includes(o)) throw new Error(`--only: unknown part "${o}" (expected ${all.join(",")})`);
  let mirror = process.env.PANORAMA_MIRROR?.trim() || "";
  if (!mirror && existsSync(join(REPO, "..", "shared", "panorama"))) mirror = join(REPO, "..", "shared", "panorama");
  if (!mirror) throw new Error("PANORAMA_MIRROR is not set: set it to the folder of the Panorama files (laid out like ../shared/panorama)");
  mirror = resolve(mirror);
  if (!existsSync(join(mirror, "dashboards", "2021-11.html")))
    throw new Error(`${mirror}/dashboards/2021-11.html not found: PANORAMA_MIRROR must hold the official dashboard of November 2021`);
  return {
    runs,
    only,
    skipSiteBuild: values["skip-site-build"]!,
    dist: resolve(values.dist!),
    edition: values.edition!,
    key: values.key ?? null,
    out: resolve(values.out!),
    keep: values.keep!,
    mirror,
  };
}

function machine() {
  const chromium = spawnSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8" });
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryMB: Math.round(totalmem() / MB),
    freeMemoryMB: Math.round(freemem() / MB),
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    chromium: chromium.status === 0 ? chromium.stdout.trim() : null,
  };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const results: Results = {
    schema: RESULT_SCHEMA,
    startedAt,
    machine: machine(),
    options: { runs: opts.runs, only: [...opts.only], skipSiteBuild: opts.skipSiteBuild, edition: opts.edition, mirror: opts.mirror },
  };
  try {
    if (opts.only.has("ingest")) results.ingestion = await ingestion(opts);
    if (opts.only.has("incremental")) results.incremental = await incremental(opts);
    let dist = opts.dist;
    if (opts.only.has("site") && !opts.skipSiteBuild) {
      const site = await siteBuild(opts);
      results.site = site.result;
      dist = site.dist;
    } else results.site = null;
    if (opts.only.has("pages")) {
      if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist} has no index.html: run npm run build, or drop --skip-site-build`);
      results.dist = dist;
      results.pages = await pages(opts, dist);
      results.dataFiles = await dataFiles(dist, results.pages.crawl);
    }
  } finally {
    await removeTempDirs(opts.keep);
  }
  const figures = figuresOf(results);
  results.figures = figures;
  results.verdict = verdict(figures);
  results.finishedAt = new Date().toISOString();
  (results.machine as Record<string, unknown>).loadavgEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  const problems = validateResult(results);
  if (problems.length) throw new Error(`result shape: ${problems.join("; ")}`);
  await mkdir(dirname(opts.out), { recursive: true });
  await writeFile(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  const v = results.verdict as Verdict;
  const m = results.machine as ReturnType<typeof machine>;
  console.log(`\nPanorama benchmark — ${m.cpus} CPU (${m.cpuModel}), load ${m.loadavg.join(" ")}, Node ${m.node}, ${m.chromium ?? "no Chromium"}\n`);
  console.log(formatTable(figures));
  if (results.dataFiles?.length) console.log(`\n${formatDataFiles(results.dataFiles)}`);
  console.log(
    `\n${v.met.length} targets met, ${v.missed.length} missed${v.missed.length ? ` (${v.missed.join(", ")})` : ""}, ${v.unmeasured.length} not measured${v.unmeasured.length ? ` (${v.unmeasured.join(", ")})` : ""}.`,
  );
  console.log(`Details: ${relative(process.cwd(), opts.out) || opts.out}`);
  return v.missed.length === 0 && v.unmeasured.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`bench: error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(2);
    },
  );
}
