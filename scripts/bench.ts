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
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { appendFile, copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { isPage } from "./dist-files.js";

// ---- Pure helpers (tested in tests/bench.test.ts) ---------------------------------------------

export const RESULT_SCHEMA = "panorama-bench/1";

export function median(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** value / reference; null when either is unknown or the reference is not positive. */
export function ratio(value: number | null | undefined, reference: number | null | undefined): number | null {
  if (value == null || reference == null || !Number.isFinite(value) || !Number.isFinite(reference) || reference <= 0) return null;
  return value / reference;
}

export type Comparison = "<" | "<=" | "=";
export interface Target {
  op: Comparison;
  limit: number;
}
export type Unit = "ms" | "MB" | "KB" | "bytes" | "ratio" | "count" | "rows/s";

/** Whether a value meets its target; null when the value could not be measured. */
export function meets(value: number | null, target: Target): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (target.op) {
    case "<":
      return value < target.limit;
    case "<=":
      return value <= target.limit;
    case "=":
      return value === target.limit;
  }
}

export interface Figure {
  id: string;
  label: string;
  value: number | null;
  unit: Unit;
  target: Target | null;
  /** null: no target (information), or the value could not be measured */
  met: boolean | null;
  note?: string;
}

export function figure(id: string, label: string, value: number | null, unit: Unit, target: Target | null = null, note?: string): Figure {
  const f: Figure = { id, label, value, unit, target, met: target ? meets(value, target) : null };
  if (note) f.note = note;
  return f;
}

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return "n/a";
  switch (unit) {
    case "ms":
      return value >= 10_000 ? `${ONE.format(value / 1000)} s` : `${INT.format(value)} ms`;
    case "MB":
      return `${ONE.format(value)} MB`;
    case "KB":
      return `${ONE.format(value)} KB`;
    case "bytes":
      return value >= 1024 * 1024 ? `${TWO.format(value / 1024 / 1024)} MB` : value >= 1024 ? `${ONE.format(value / 1024)} KB` : `${INT.format(value)} B`;
    case "ratio":
      return TWO.format(value);
    case "count":
      return INT.format(value);
    case "rows/s":
      return `${INT.format(value)} rows/s`;
  }
}

export function formatTarget(target: Target | null, unit: Unit): string {
  if (!target) return "";
  const limit = unit === "ratio" ? TWO.format(target.limit) : formatValue(target.limit, unit);
  return `${target.op === "=" ? "=" : target.op} ${limit}`;
}

export function formatMet(f: Figure): string {
  if (!f.target) return "";
  if (f.met === null) return "NOT MEASURED";
  return f.met ? "yes" : "NO";
}

/** Plain-text table: figure, value, target, met?, note. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = [["figure", "value", "target", "met?", "note"], ...figures.map((f) => [f.label, formatValue(f.value, f.unit), formatTarget(f.target, f.unit), formatMet(f), f.note ?? ""])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  ").trimEnd(), ...rows.slice(1).map(line)].join("\n");
}

export interface DataFileRow {
  path: string;
  bytes: number;
  gzipBytes: number;
  loadedBy: string[];
}

/** The data files pages load, largest compressed first; the others are counted on the last line. */
export function formatDataFiles(files: readonly DataFileRow[]): string {
  const loaded = files.filter((f) => f.loadedBy.length > 0).sort((a, b) => b.gzipBytes - a.gzipBytes || a.path.localeCompare(b.path));
  const rows = [["data file", "raw", "gzip", "loaded by"], ...loaded.map((f) => [f.path, formatValue(f.bytes, "bytes"), formatValue(f.gzipBytes, "bytes"), f.loadedBy.join(", ")])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd();
  const rest = files.length - loaded.length;
  const others = files.filter((f) => f.loadedBy.length === 0);
  const largest = others.reduce<DataFileRow | null>((a, f) => (!a || f.gzipBytes > a.gzipBytes ? f : a), null);
  return [
    line(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
    ...(rest > 0 ? [`(${rest} other files under _file/data/ not loaded by the pages measured; largest: ${largest!.path}, gzip ${formatValue(largest!.gzipBytes, "bytes")})`] : []),
  ].join("\n");
}

export interface Verdict {
  met: string[];
  missed: string[];
  unmeasured: string[];
}

export function verdict(figures: readonly Figure[]): Verdict {
  const withTarget = figures.filter((f) => f.target);
  return {
    met: withTarget.filter((f) => f.met === true).map((f) => f.id),
    missed: withTarget.filter((f) => f.met === false).map((f) => f.id),
    unmeasured: withTarget.filter((f) => f.met === null).map((f) => f.id),
  };
}

/** DuckDB-WASM: its module, workers or wasm binaries, and .duckdb files it would open. */
export function isDuckdbWasmUrl(url: string): boolean {
  const path = url.split(/[?#]/)[0]!;
  return /@duckdb\/duckdb-wasm|\/duckdb-[^/]*\.wasm$|\/duckdb-browser[^/]*$|\.duckdb$/.test(path);
}

/** Paths under _file/data/ that a built page references (Framework's registerFile entries, links). */
export function dataFileRefs(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/_file\/(data\/[^"'`\s)?#]+)/g)) out.add(m[1]!);
  return [...out].sort();
}

export interface FileStamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

/** Names whose file appeared or was rewritten between two snapshots of a folder. */
export function changedEntries(before: Readonly<Record<string, FileStamp>>, after: Readonly<Record<string, FileStamp>>): string[] {
  return Object.keys(after)
    .filter((name) => {
      const a = before[name];
      const b = after[name]!;
      return !a || a.ino !== b.ino || a.mtimeMs !== b.mtimeMs || a.size !== b.size;
    })
    .sort();
}

export function gzipSize(bytes: Uint8Array | string): number {
  return gzipSync(bytes).length;
}

export type PageKind = "narrative" | "explorer" | "analyst" | "reference";

/** Pages that may load DuckDB-WASM: the SQL workshop, the analyst's guide, and the pages analysts add
 * with `npm run new-page` (pages.json section « Analyses complémentaires », SQL over panorama.duckdb). */
export const ANALYST_PAGES = ["/atelier", "/guide"] as const;
export const ANALYST_SECTION = "Analyses complémentaires";
export const EXPLORER_PAGE = "/projets";

/** Analyst pages: the fixed ones and those of the sidebar's analyst section (pages.json content). */
export function analystPaths(sidebar: unknown): Set<string> {
  const out = new Set<string>(ANALYST_PAGES);
  if (!Array.isArray(sidebar)) return out;
  for (const section of sidebar as { name?: unknown; pages?: { path?: unknown }[] }[]) {
    if (section?.name !== ANALYST_SECTION || !Array.isArray(section.pages)) continue;
    for (const page of section.pages) if (typeof page?.path === "string") out.add(page.path);
  }
  return out;
}

/** Every page is narrative except the explorer (its own target) and analyst pages. */
export function pageKind(path: string, analyst: ReadonlySet<string> = new Set(ANALYST_PAGES)): PageKind {
  if (analyst.has(path)) return "analyst";
  if (path === EXPLORER_PAGE) return "explorer";
  return "narrative";
}

/** Site path of a built HTML file relative to dist/: index.html → /, projets/index.html → /projets, zones.html → /zones. */
export function sitePath(relativeHtml: string): string {
  const clean = relativeHtml.split(sep).join("/").replace(/\.html$/, "");
  if (clean === "index") return "/";
  return `/${clean.replace(/\/index$/, "")}`;
}

/** Checks the shape of a result file; returns the problems (empty when valid). */
export function validateResult(json: unknown): string[] {
  const problems: string[] = [];
  const obj = json as Record<string, unknown> | null;
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return ["not an object"];
  if (obj.schema !== RESULT_SCHEMA) problems.push(`schema: expected ${RESULT_SCHEMA}`);
  for (const key of ["startedAt", "finishedAt"]) {
    if (typeof obj[key] !== "string" || Number.isNaN(Date.parse(obj[key] as string))) problems.push(`${key}: expected an ISO date`);
  }
  const machine = obj.machine as Record<string, unknown> | undefined;
  if (!machine || typeof machine.cpus !== "number" || typeof machine.node !== "string") problems.push("machine: expected {cpus, node, …}");
  if (!Array.isArray(obj.figures)) problems.push("figures: expected an array");
  else {
    const ids = new Set<string>();
    (obj.figures as unknown[]).forEach((raw, i) => {
      const f = raw as Partial<Figure> | null;
      if (!f || typeof f !== "object") return problems.push(`figures[${i}]: expected an object`);
      if (typeof f.id !== "string" || f.id === "") problems.push(`figures[${i}].id: expected a string`);
      else if (ids.has(f.id)) problems.push(`figures[${i}].id: duplicate ${f.id}`);
      else ids.add(f.id);
      if (typeof f.label !== "string") problems.push(`figures[${i}].label: expected a string`);
      if (f.value !== null && typeof f.value !== "number") problems.push(`figures[${i}].value: expected a number or null`);
      if (f.target !== null && (typeof f.target !== "object" || typeof f.target?.limit !== "number" || !["<", "<=", "="].includes(f.target?.op as string))) {
        problems.push(`figures[${i}].target: expected null or {op, limit}`);
      }
      if (f.met !== null && typeof f.met !== "boolean") problems.push(`figures[${i}].met: expected a boolean or null`);
      if (f.target && typeof f.value === "number" && f.met !== meets(f.value, f.target)) problems.push(`figures[${i}].met: does not match value and target`);
      return undefined;
    });
  }
  const v = obj.verdict as Partial<Verdict> | undefined;
  if (!v || !Array.isArray(v.met) || !Array.isArray(v.missed) || !Array.isArray(v.unmeasured)) problems.push("verdict: expected {met, missed, unmeasured}");
  return problems;
}

// ---- Runner -----------------------------------------------------------------------------------

const REPO = fileURLToPath(new URL("..", import.meta.url));
const KB = 1024;
const MB = 1024 * 1024;

interface Options {
  runs: number;
  only: Set<string>;
  skipSiteBuild: boolean;
  dist: string;
  edition: string;
  key: string | null;
  out: string;
  keep: boolean;
  mirror: string;
}

const temps: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `panorama-bench-${prefix}-`));
  temps.push(dir);
  return dir;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

interface ProcessRun {
  code: number | null;
  ms: number;
  /** ru_maxrss of the node process, when measured */
  peakRssMB: number | null;
  /** user + system CPU time of the node process, when measured: unlike wall time, barely affected by other load */
  cpuMs: number | null;
  stdout: string;
  stderr: string;
}

// Written into the measured node process with --import: its own ru_maxrss (KB) and CPU time (µs) at
// exit, exact for every thread (DuckDB's included), no external tool needed.
const RSS_HOOK =
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>{const f=process.env.PANORAMA_BENCH_RSS_FILE;const u=process.resourceUsage();if(f)writeFileSync(f,`${u.maxRSS} ${u.userCPUTime+u.systemCPUTime}`)})';

async function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; rss?: boolean }): Promise<ProcessRun> {
  const rssFile = opts.rss ? join(await tempDir("rss"), "maxrss") : null;
  const env = rssFile ? { ...opts.env, PANORAMA_BENCH_RSS_FILE: rssFile } : opts.env;
  const finalArgs = rssFile ? ["--import", RSS_HOOK, ...args] : args;
  const started = performance.now();
  return new Promise((ok, fail) => {
    const child = spawn(command, finalArgs, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", fail);
    child.on("close", async (code) => {
      const ms = performance.now() - started;
      const [rssKB, cpuUs] = rssFile ? (await readFile(rssFile, "utf8").catch(() => "")).split(" ").map(Number) : [];
      const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
      const rss = finite(rssKB);
      const cpu = finite(cpuUs);
      ok({ code, ms, peakRssMB: rss === null ? null : rss / 1024, cpuMs: cpu === null ? null : cpu / 1000, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

function checkRun(what: string, r: ProcessRun): ProcessRun {
  if (r.code !== 0) throw new Error(`${what} exited with ${r.code}:\n${r.stderr.split("\n").slice(-30).join("\n")}`);
  return r;
}

function ingestEnv(mirror: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PANORAMA_MIRROR: mirror, PANORAMA_OFFLINE: "1", OBSERVABLE_TELEMETRY_DISABLE: "true" };
  delete env.PANORAMA_NO_CACHE;
  return env;
}

async function snapshot(dir: string): Promise<Record<string, FileStamp>> {
  const out: Record<string, FileStamp> = {};
  if (!existsSync(dir)) return out;
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".json")) continue;
    const s = await stat(join(dir, name));
    out[name.replace(/\.json$/, "")] = { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  }
  return out;
}

// ---- 1. Ingestion ------------------------------------------------------------------------------

interface TimedRuns {
  runsMs: number[];
  medianMs: number | null;
  minMs: number | null;
  cpuRunsMs: number[];
  medianCpuMs: number | null;
  peakRssMB: number[];
}

export function timed(runs: readonly Pick<ProcessRun, "ms" | "cpuMs" | "peakRssMB">[]): TimedRuns {
  const cpu = runs.map((r) => r.cpuMs).filter((v): v is number => v !== null);
  return {
    runsMs: runs.map((r) => Math.round(r.ms)),
    medianMs: median(runs.map((r) => r.ms)),
    minMs: runs.length ? Math.min(...runs.map((r) => r.ms)) : null,
    cpuRunsMs: cpu.map(Math.round),
    medianCpuMs: median(cpu),
    peakRssMB: runs.map((r) => r.peakRssMB).filter((v): v is number => v !== null),
  };
}

/** Note beside a wall time: the CPU time and the fastest run, which show what an idle machine would give. */
export function wallNote(t: Pick<TimedRuns, "minMs" | "medianCpuMs">): string | undefined {
  const parts = [t.medianCpuMs !== null ? `CPU ${formatValue(t.medianCpuMs, "ms")}` : "", t.minMs !== null ? `fastest ${formatValue(t.minMs, "ms")}` : ""].filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

const PANORAMA_BIN = join(REPO, "bin", "panorama.js");

/** A copy of bin/ and loaders/ (node_modules linked): its CLI bundle cache is empty. */
async function freshCliRoot(): Promise<string> {
  const root = await tempDir("cli");
  await cp(join(REPO, "bin"), join(root, "bin"), { recursive: true });
  await cp(join(REPO, "loaders"), join(root, "loaders"), { recursive: true });
  await copyFile(join(REPO, "package.json"), join(root, "package.json"));
  await symlink(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}

async function panoramaBuild(bin: string, cwd: string, mirror: string): Promise<ProcessRun> {
  return checkRun("panorama build", await run(process.execPath, [bin, "build", "--out", join(cwd, "out")], { cwd, env: ingestEnv(mirror), rss: true }));
}

interface FileThroughput {
  edition: string;
  file: string;
  format: string;
  bytes: number;
  rows: number;
  firstMs: number;
  readMs: number | null;
  normalizeMs: number | null;
  totalMs: number | null;
  rowsPerSecond: number | null;
  megabytesPerSecond: number | null;
}

async function inProcess(opts: Options) {
  const { readSource } = await import("../loaders/read/index.js");
  const { normalizeSheet } = await import("../loaders/normalize/sheet.js");
  const { projectSheet, loadEdition } = await import("../loaders/build/pipeline.js");
  const { EDITIONS } = await import("../loaders/sources/catalogue.js");
  const { defaultAcquireOptions } = await import("../loaders/sources/acquire.js");
  const iterations = Math.max(opts.runs, 5);
  const files: FileThroughput[] = [];
  for (const folder of ["spreadsheets", "dashboards"]) {
    const dir = join(opts.mirror, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!statSync(path).isFile()) continue;
      const bytes = await readFile(path);
      const edition = basename(name, extname(name));
      const kind = folder === "dashboards" ? "dashboard" : "spreadsheet";
      const readMs: number[] = [];
      const normalizeMs: number[] = [];
      let rows = 0;
      let format = extname(name).slice(1);
      let firstMs = 0;
      for (let i = 0; i <= iterations; i++) {
        const t0 = performance.now();
        const read = readSource(bytes, name);
        const t1 = performance.now();
        const sheet = projectSheet(read);
        if (!sheet) throw new Error(`${path}: no table`);
        const normalized = normalizeSheet(sheet, { edition, sourceKind: kind, file: name });
        const t2 = performance.now();
        rows = normalized.projects.length;
        format = read.format;
        // The first iteration pays module loading and JIT warm-up: reported apart.
        if (i === 0) firstMs = t2 - t0;
        else {
          readMs.push(t1 - t0);
          normalizeMs.push(t2 - t1);
        }
      }
      const total = median(readMs.map((r, i) => r + normalizeMs[i]!));
      files.push({
        edition,
        file: `${folder}/${name}`,
        format,
        bytes: bytes.length,
        rows,
        firstMs,
        readMs: median(readMs),
        normalizeMs: median(normalizeMs),
        totalMs: total,
        rowsPerSecond: total ? rows / (total / 1000) : null,
        megabytesPerSecond: total ? bytes.length / MB / (total / 1000) : null,
      });
    }
  }
  const formats = [...new Set(files.map((f) => f.format))].sort();
  const perFormat = formats.map((format) => {
    const of = files.filter((f) => f.format === format);
    const rows = of.reduce((s, f) => s + f.rows, 0);
    const totalMs = of.reduce((s, f) => s + (f.totalMs ?? 0), 0);
    return { format, files: of.length, rows, bytes: of.reduce((s, f) => s + f.bytes, 0), totalMs, rowsPerSecond: totalMs > 0 ? rows / (totalMs / 1000) : null };
  });
  // Per edition: the whole loadEdition (mirror, sha256, every source read, normalization), no cache.
  const acquireOpts = defaultAcquireOptions(ingestEnv(opts.mirror), await tempDir("acquire"));
  const perEdition = [];
  for (const edition of EDITIONS.filter((e) => e.mirrored)) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i <= iterations; i++) {
      const t0 = performance.now();
      const result = await loadEdition(edition, acquireOpts, null);
      if (i > 0) times.push(performance.now() - t0);
      rows = result.projects.length;
    }
    const ms = median(times);
    perEdition.push({ edition: edition.id, source: files.find((f) => f.edition === edition.id && f.file.startsWith("spreadsheets/"))?.format ?? "html", rows, medianMs: ms, rowsPerSecond: ms ? rows / (ms / 1000) : null });
  }
  return { iterations, perFile: files, perFormat, perEdition };
}

async function ingestion(opts: Options) {
  log("ingestion: panorama build, first run ever (empty CLI bundle cache and edition cache)");
  const firstEver: ProcessRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const root = await freshCliRoot();
    firstEver.push(await panoramaBuild(join(root, "bin", "panorama.js"), root, opts.mirror));
  }
  // Makes sure the repository's CLI bundle exists before the cold-data runs.
  await panoramaBuild(PANORAMA_BIN, await tempDir("prime"), opts.mirror);
  log("ingestion: panorama build, cold data (empty edition cache and out dir) and warm");
  const cold: ProcessRun[] = [];
  const warm: ProcessRun[] = [];
  let lastCwd = "";
  for (let i = 0; i < opts.runs; i++) {
    lastCwd = await tempDir("cold");
    cold.push(await panoramaBuild(PANORAMA_BIN, lastCwd, opts.mirror));
  }
  for (let i = 0; i < opts.runs; i++) {
    const r = await panoramaBuild(PANORAMA_BIN, lastCwd, opts.mirror);
    if (!/unchanged:/.test(r.stdout)) throw new Error(`warm panorama build rewrote its outputs:\n${r.stdout}`);
    warm.push(r);
  }
  const editions = cold[0]!.stdout.split("\n").filter((l) => /^\d{4}-\d{2}\s/.test(l)).length;
  const rows = cold[0]!.stdout.split("\n").reduce((s, l) => s + Number(/\s(\d+) rows/.exec(l)?.[1] ?? 0), 0);
  log("ingestion: readSource + normalizeSheet per mirrored file, in process");
  const perFile = await inProcess(opts);
  return { editions, rows, firstRunEver: timed(firstEver), cold: timed(cold), warm: timed(warm), ...perFile };
}

// ---- 2. Incremental rebuild --------------------------------------------------------------------

async function incremental(opts: Options) {
  const { EDITIONS } = await import("../loaders/sources/catalogue.js");
  const edition = EDITIONS.find((e) => e.id === opts.edition && e.mirrored);
  if (!edition) throw new Error(`--edition ${opts.edition}: not a mirrored edition`);
  const page = edition.sources.find((s) => s.kind === "dashboard");
  if (!page) throw new Error(`edition ${opts.edition} has no dashboard page to change`);
  log(`incremental: change ${page.mirrorPath} in a copy of the mirror, rebuild`);
  const cwd = await tempDir("incremental");
  const mirror = join(cwd, "mirror");
  await cp(opts.mirror, mirror, { recursive: true });
  // The copied page will change: a local catalogue record without sha256 lets the loader accept it.
  // The record is in place from the first build, so the catalogue is the same in every run.
  const local = [{ id: edition.id, sources: edition.sources.map((s) => ({ kind: s.kind, format: s.format, url: s.url, altUrls: [...s.altUrls], sha256: null, mirrorPath: s.mirrorPath, upstreamId: s.upstreamId })) }];
  await writeFile(join(cwd, "editions.local.json"), JSON.stringify(local, null, 2));
  const cacheDir = join(cwd, ".cache", "panorama", "editions");
  const cold = await panoramaBuild(PANORAMA_BIN, cwd, mirror);
  let before = await snapshot(cacheDir);
  const warm = await panoramaBuild(PANORAMA_BIN, cwd, mirror);
  let after = await snapshot(cacheDir);
  const warmReRead = changedEntries(before, after);
  const rebuilds: ProcessRun[] = [];
  const reRead: string[][] = [];
  for (let i = 0; i < opts.runs; i++) {
    before = after;
    // Trailing whitespace after </html>: new bytes (new sha256), same table.
    await appendFile(join(mirror, ...page.mirrorPath.split("/")), "\n");
    rebuilds.push(await panoramaBuild(PANORAMA_BIN, cwd, mirror));
    after = await snapshot(cacheDir);
    reRead.push(changedEntries(before, after));
  }
  const rebuildMedianMs = median(rebuilds.map((r) => r.ms));
  return {
    rebuild: timed(rebuilds),
    coldCpuMs: cold.cpuMs,
    edition: edition.id,
    changedFile: page.mirrorPath,
    editionsCached: Object.keys(after).length,
    coldMs: Math.round(cold.ms),
    warmMs: Math.round(warm.ms),
    warmReRead,
    rebuildRunsMs: rebuilds.map((r) => Math.round(r.ms)),
    rebuildMedianMs,
    reRead,
    ratioToCold: ratio(rebuildMedianMs, cold.ms),
  };
}

// ---- 3. Site build -----------------------------------------------------------------------------

const NOT_COPIED = new Set(["node_modules", "dist", ".git", ".cache", "out"]);

/** A copy of the working tree (node_modules linked, no caches), where `npm run build` cannot disturb dist/. */
async function siteCopy(): Promise<string> {
  const root = await tempDir("site");
  await cp(REPO, root, {
    recursive: true,
    filter: (src) => {
      const rel = relative(REPO, src).split(sep);
      if (rel.length === 1 && NOT_COPIED.has(rel[0]!)) return false;
      if (rel[0] === "bench" && rel[1] === "results") return false;
      if (rel[0] === "docs" && rel[1] === ".observablehq" && rel[2] === "cache") return false;
      return !src.endsWith(".log");
    },
  });
  await symlink(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}

async function siteBuild(opts: Options) {
  const root = await siteCopy();
  const env = ingestEnv(opts.mirror);
  const npm = (script: string) => run("npm", ["run", "--silent", script], { cwd: root, env });
  log("site: npm run clean && npm run build (cold: empty Framework and edition caches)");
  checkRun("npm run clean", await npm("clean"));
  const cold = checkRun("npm run build (cold)", await npm("build"));
  log("site: npm run build (warm)");
  const warm = checkRun("npm run build (warm)", await npm("build"));
  const dist = join(root, "dist");
  const pages = (await walk(dist)).filter((f) => isPage(dist, f)).length;
  return { root, dist, result: { coldMs: Math.round(cold.ms), warmMs: Math.round(warm.ms), pages } };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

// ---- 4. Pages ----------------------------------------------------------------------------------

// Runs in the page before any of its scripts: records when the first chart and the first table
// rows appear (performance.now(), i.e. ms since the navigation started). A string, not a function:
// tsx's transform would add helpers that do not exist in the page.
export function firstContentProbe(selectors: { chart: string; rows: string }): string {
  return `(() => {
  const sel = ${JSON.stringify(selectors)};
  const state = (window.__bench = { chart: null, rows: null });
  const hasChart = () => [...document.querySelectorAll(sel.chart)].some((el) => !(el instanceof HTMLImageElement) || (el.complete && el.naturalWidth > 0));
  const hasRows = () => [...document.querySelectorAll(sel.rows)].some((td) => !td.closest("details:not([open])"));
  let observer = null;
  const check = () => {
    const now = performance.now();
    if (state.chart === null && hasChart()) state.chart = now;
    if (state.rows === null && hasRows()) state.rows = now;
    if (state.chart !== null && state.rows !== null && observer) observer.disconnect();
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["open"] });
  document.addEventListener("load", check, true);
  document.addEventListener("DOMContentLoaded", check);
})();`;
}

const OUR_CHART = "#observablehq-main svg[aria-label], #observablehq-main figure svg, #observablehq-main img[src$='.svg']";
const OUR_ROWS = "#observablehq-main table tbody tr td";
const OFFICIAL_CHART = "svg.highcharts-root";
const OFFICIAL_ROWS = "table.dataTable tbody tr td";

interface PageTarget {
  name: string;
  path: string;
  kind: PageKind;
  server: "site" | "official";
  /** what to wait for before the network is idle: the figure the targets use, or nothing */
  metric: "chart" | "rows" | null;
}

interface PageRun {
  firstChartMs: number | null;
  firstRowsMs: number | null;
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

async function measurePage(url: string, target: PageTarget, timeoutMs: number): Promise<PageRun> {
  const { launchBrowser } = await import("../tests/e2e/browser.js");
  type Request = import("playwright-core").Request;
  const browser = await launchBrowser();
  try {
    const { context } = browser;
    await context.addInitScript({ content: firstContentProbe(target.server === "official" ? { chart: OFFICIAL_CHART, rows: OFFICIAL_ROWS } : { chart: OUR_CHART, rows: OUR_ROWS }) });
    const page = await context.newPage();
    const r: PageRun = { firstChartMs: null, firstRowsMs: null, domContentLoadedMs: null, loadMs: null, firstContentfulPaintMs: null, bytes: 0, headerBytes: 0, gzipBytes: 0, requests: 0, duckdb: [], external: [], failed: [], consoleErrors: [], dataFiles: [] };
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
    if (target.metric) await page.waitForFunction(`window.__bench && window.__bench.${target.metric} !== null`, undefined, { timeout: timeoutMs }).catch(() => {});
    await page.waitForLoadState("networkidle", { timeout: timeoutMs }).catch(() => {});
    const probe = (await page.evaluate(
      `(() => { const nav = performance.getEntriesByType("navigation")[0]; const b = window.__bench; const fcp = performance.getEntriesByName("first-contentful-paint")[0]; return { chart: b.chart, rows: b.rows, dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null, fcp: fcp ? fcp.startTime : null }; })()`,
    )) as { chart: number | null; rows: number | null; dcl: number | null; load: number | null; fcp: number | null };
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
    Object.assign(r, { firstChartMs: probe.chart, firstRowsMs: probe.rows, domContentLoadedMs: probe.dcl, loadMs: probe.load, firstContentfulPaintMs: probe.fcp });
    r.dataFiles = [...new Set(r.dataFiles)].sort();
    return r;
  } finally {
    await browser.close();
  }
}

function summarize(runs: PageRun[]) {
  const pick = (f: (r: PageRun) => number | null) => median(runs.map(f).filter((v): v is number => v !== null));
  return {
    firstChartMs: pick((r) => r.firstChartMs),
    firstRowsMs: pick((r) => r.firstRowsMs),
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

function builtPage(dist: string, path: string): string | null {
  const base = path === "/" ? "index" : path.slice(1);
  for (const candidate of [`${base}.html`, `${base}/index.html`]) if (existsSync(join(dist, candidate))) return candidate;
  return null;
}

async function chooseProjectKey(opts: Options, dist: string): Promise<string | null> {
  if (opts.key) return opts.key;
  const { buildFromCatalogue, loadCatalogue, defaultAcquireOptions } = await import("../loaders/index.js");
  const dataset = await buildFromCatalogue(loadCatalogue(REPO), defaultAcquireOptions(ingestEnv(opts.mirror), await tempDir("keys")), null);
  const count = new Map<string, number>();
  for (const p of dataset.projects) count.set(p.project_key, (count.get(p.project_key) ?? 0) + 1);
  const keys = [...count].filter(([key]) => builtPage(dist, `/projets/${key}`)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return keys[0]?.[0] ?? null;
}

async function pages(opts: Options, dist: string) {
  const { startServer } = await import("../tests/e2e/server.js");
  const { CHROMIUM_PATH } = await import("../tests/e2e/browser.js");
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
      return { name: t.name, path: t.path, kind: t.kind, metric: t.metric, exists: rs !== undefined, runs: rs ?? [], median: rs ? summarize(rs) : null };
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
  const sidebar = await readFile(join(REPO, "pages.json"), "utf8").then((t) => JSON.parse(t) as unknown, () => null);
  const analyst = analystPaths(sidebar);
  const files = (await readdir(dist)).filter((f) => f.endsWith(".html") && f !== "404.html").map((f) => sitePath(f));
  if (existsSync(join(dist, "projets", "index.html"))) files.push("/projets");
  if (key) files.push(`/projets/${key}`);
  const out = [];
  for (const path of [...new Set(files)].sort()) {
    const kind = pageKind(path, analyst);
    const r = await measurePage(`${origin}${path}`, { name: path, path, kind, server: "site", metric: null }, timeoutMs);
    out.push({ path, kind, bytes: r.bytes, gzipBytes: r.gzipBytes, requests: r.requests, firstChartMs: r.firstChartMs, dataFiles: r.dataFiles, duckdb: r.duckdb, external: r.external, failed: r.failed, consoleErrors: r.consoleErrors });
  }
  return out;
}

async function dataFiles(dist: string, crawl: { path: string; kind: PageKind; dataFiles: string[] }[]) {
  const dir = join(dist, "_file", "data");
  const html = (await walk(dist)).filter((f) => isPage(dist, f));
  const referencedBy = new Map<string, Set<string>>();
  for (const file of html) {
    for (const ref of dataFileRefs(await readFile(file, "utf8"))) {
      if (!referencedBy.has(ref)) referencedBy.set(ref, new Set());
      referencedBy.get(ref)!.add(sitePath(relative(dist, file)));
    }
  }
  if (!existsSync(dir)) return [];
  const out = [];
  for (const file of (await walk(dir)).sort()) {
    const rel = relative(join(dist, "_file"), file).split(sep).join("/");
    const bytes = await readFile(file);
    const loadedBy = crawl.filter((c) => c.dataFiles.includes(rel));
    const pagesReferencing = [...(referencedBy.get(rel) ?? [])].sort();
    out.push({
      path: rel,
      bytes: bytes.length,
      gzipBytes: gzipSize(bytes),
      loadedBy: loadedBy.map((c) => c.path),
      loadedByReaderPage: loadedBy.some((c) => c.kind === "narrative" || c.kind === "explorer"),
      referencedBy: pagesReferencing.length > 20 ? [...pagesReferencing.slice(0, 20), `… ${pagesReferencing.length - 20} more`] : pagesReferencing,
      referencedByPages: pagesReferencing.length,
    });
  }
  return out;
}

// ---- Figures and main ----------------------------------------------------------------------------

type Results = Record<string, unknown> & {
  ingestion?: Awaited<ReturnType<typeof ingestion>>;
  incremental?: Awaited<ReturnType<typeof incremental>>;
  site?: Awaited<ReturnType<typeof siteBuild>>["result"] | null;
  pages?: Awaited<ReturnType<typeof pages>>;
  dataFiles?: Awaited<ReturnType<typeof dataFiles>>;
};

export function figuresOf(r: Results): Figure[] {
  const out: Figure[] = [];
  const ing = r.ingestion;
  if (ing) {
    out.push(figure("ingest.firstRunEver", "panorama build, first run ever (CLI bundle + cold data)", ing.firstRunEver.medianMs, "ms", { op: "<", limit: 2000 }, wallNote(ing.firstRunEver)));
    out.push(figure("ingest.cold", `panorama build, cold (${ing.editions} editions, ${ing.rows} rows)`, ing.cold.medianMs, "ms", { op: "<", limit: 2000 }, wallNote(ing.cold)));
    out.push(figure("ingest.warm", "panorama build, warm (nothing changed)", ing.warm.medianMs, "ms", { op: "<", limit: 500 }, wallNote(ing.warm)));
    const rss = [...ing.firstRunEver.peakRssMB, ...ing.cold.peakRssMB, ...ing.warm.peakRssMB];
    out.push(figure("ingest.peakRss", "panorama build, peak RSS (max of all runs)", rss.length ? Math.max(...rss) : null, "MB", { op: "<", limit: 300 }));
    for (const f of ing.perFormat) out.push(figure(`ingest.format.${f.format}`, `read + normalize, ${f.format} (${f.files} files, ${f.rows} rows)`, f.rowsPerSecond, "rows/s"));
  }
  const inc = r.incremental;
  if (inc) {
    const exact = inc.reRead.filter((names) => names.length === 1 && names[0] === inc.edition).length;
    const others = [...new Set(inc.reRead.flat())].filter((e) => e !== inc.edition);
    const missed = inc.reRead.filter((names) => !names.includes(inc.edition)).length;
    const note = [others.length ? `also re-read: ${others.join(", ")}` : `only ${inc.edition}`, missed ? `${inc.edition} not re-read in ${missed} runs` : ""].filter(Boolean).join("; ");
    out.push(figure("incremental.reRead", `incremental: rebuilds re-reading only ${inc.changedFile}'s edition`, exact, "count", { op: "=", limit: inc.reRead.length }, note));
    out.push(figure("incremental.rebuild", "incremental: rebuild after one edition changed", inc.rebuildMedianMs, "ms", null, [`cold ${formatValue(inc.coldMs, "ms")}`, inc.rebuild ? wallNote(inc.rebuild) : ""].filter(Boolean).join("; ")));
    out.push(figure("incremental.ratio", "incremental: rebuild / cold", inc.ratioToCold, "ratio"));
  }
  if (r.site) {
    out.push(figure("site.cold", "npm run build, cold (after npm run clean)", r.site.coldMs, "ms", null, `${r.site.pages} pages`));
    out.push(figure("site.warm", "npm run build, warm", r.site.warmMs, "ms"));
  }
  const pg = r.pages;
  if (pg) {
    const reference = pg.pages.find((p) => p.kind === "reference");
    const ref = reference?.median ?? null;
    const blocked = [...new Set((reference?.runs ?? []).flatMap((run) => run.external ?? []).map((u) => new URL(u).hostname))];
    out.push(figure("official.firstChart", "official dashboard: time to first chart", ref?.firstChartMs ?? null, "ms", null, blocked.length ? `blocked, not counted: ${blocked.join(", ")}` : undefined));
    out.push(figure("official.bytes", "official dashboard: bytes", ref?.bytes ?? null, "bytes", null, ref ? `gzip ${formatValue(ref.gzipBytes, "bytes")}` : undefined));
    for (const p of pg.pages.filter((x) => x.kind !== "reference")) {
      const m = p.median;
      const absent = p.exists ? undefined : "page not built";
      const id = p.kind === "explorer" ? "explorer" : p.path === "/" ? "home" : "project";
      if (p.kind === "explorer") {
        out.push(figure(`${id}.firstRows`, `${p.name}: time to first rows`, m?.firstRowsMs ?? null, "ms", null, absent ?? (m && m.rowsFoundIn < p.runs.length ? `rows in ${m.rowsFoundIn}/${p.runs.length} runs` : undefined)));
        out.push(figure(`${id}.firstRowsRatio`, `${p.name}: first rows / official first chart`, ratio(m?.firstRowsMs, ref?.firstChartMs), "ratio", { op: "<=", limit: 1 / 2 }, absent));
        out.push(figure(`${id}.bytes`, `${p.name}: bytes`, m?.bytes ?? null, "bytes", null, absent ?? (m ? `gzip ${formatValue(m.gzipBytes, "bytes")}` : undefined)));
      } else {
        const noChart = m && m.chartFoundIn < p.runs.length ? `chart in ${m.chartFoundIn}/${p.runs.length} runs` : undefined;
        out.push(figure(`${id}.firstChart`, `${p.name}: time to first chart`, m?.firstChartMs ?? null, "ms", null, absent ?? noChart));
        out.push(figure(`${id}.firstChartRatio`, `${p.name}: first chart / official`, ratio(m?.firstChartMs, ref?.firstChartMs), "ratio", { op: "<=", limit: 1 / 3 }, absent));
        out.push(figure(`${id}.bytes`, `${p.name}: bytes`, m?.bytes ?? null, "bytes", null, absent ?? (m ? `gzip ${formatValue(m.gzipBytes, "bytes")}` : undefined)));
        out.push(figure(`${id}.bytesRatio`, `${p.name}: bytes / official`, ratio(m?.bytes, ref?.bytes), "ratio", { op: "<=", limit: 1 / 4 }, absent ?? (m && ref ? `gzip: ${formatValue(ratio(m.gzipBytes, ref.gzipBytes), "ratio")}` : undefined)));
      }
    }
    const narrative = pg.crawl.filter((c) => c.kind === "narrative");
    const withDuckdb = narrative.filter((c) => c.duckdb.length > 0);
    out.push(figure("narrative.duckdb", `DuckDB-WASM requests on narrative pages (${narrative.length} pages)`, withDuckdb.reduce((s, c) => s + c.duckdb.length, 0), "count", { op: "=", limit: 0 },
      withDuckdb.length ? withDuckdb.map((c) => c.path).join(", ") : undefined));
    const external = pg.crawl.reduce((s, c) => s + c.external.length, 0);
    out.push(figure("site.external", "requests leaving 127.0.0.1 (every page)", external, "count", { op: "=", limit: 0 }));
  }
  if (r.dataFiles) {
    const shipped = r.dataFiles.filter((f) => f.loadedByReaderPage);
    const largest = shipped.reduce<(typeof shipped)[number] | null>((a, f) => (!a || f.gzipBytes > a.gzipBytes ? f : a), null);
    out.push(figure("data.largestGzip", `largest data file loaded by narrative pages or the explorer, gzip (${shipped.length} files)`, largest ? largest.gzipBytes / KB : shipped.length === 0 ? 0 : null, "KB", { op: "<", limit: 100 }, largest?.path));
  }
  return out;
}

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
  if (!existsSync(join(mirror, "dashboards", "2021-11.html"))) throw new Error(`${mirror}/dashboards/2021-11.html not found: PANORAMA_MIRROR must hold the official dashboard of November 2021`);
  return { runs, only, skipSiteBuild: values["skip-site-build"]!, dist: resolve(values.dist!), edition: values.edition!, key: values.key ?? null, out: resolve(values.out!), keep: values.keep!, mirror };
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
  const results: Results = { schema: RESULT_SCHEMA, startedAt, machine: machine(), options: { runs: opts.runs, only: [...opts.only], skipSiteBuild: opts.skipSiteBuild, edition: opts.edition, mirror: opts.mirror } };
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
    if (!opts.keep) for (const dir of temps) await rm(dir, { recursive: true, force: true });
    else log(`kept ${temps.length} temporary folders under ${tmpdir()}`);
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
  console.log(`\n${v.met.length} targets met, ${v.missed.length} missed${v.missed.length ? ` (${v.missed.join(", ")})` : ""}, ${v.unmeasured.length} not measured${v.unmeasured.length ? ` (${v.unmeasured.join(", ")})` : ""}.`);
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
