// Spawns a process (panorama build, npm run build) and measures its wall time, CPU time and peak RSS.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { REPO, tempDir } from "./context.js";
import { median } from "./stats.js";

export interface ProcessRun {
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
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook's own template literal, in its source text.
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>{const f=process.env.PANORAMA_BENCH_RSS_FILE;const u=process.resourceUsage();if(f)writeFileSync(f,`${u.maxRSS} ${u.userCPUTime+u.systemCPUTime}`)})';

export async function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; rss?: boolean }): Promise<ProcessRun> {
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
      ok({
        code,
        ms,
        peakRssMB: rss === null ? null : rss / 1024,
        cpuMs: cpu === null ? null : cpu / 1000,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}

export function checkRun(what: string, r: ProcessRun): ProcessRun {
  if (r.code !== 0) throw new Error(`${what} exited with ${r.code}:\n${r.stderr.split("\n").slice(-30).join("\n")}`);
  return r;
}

export function ingestEnv(mirror: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PANORAMA_MIRROR: mirror, PANORAMA_OFFLINE: "1", OBSERVABLE_TELEMETRY_DISABLE: "true" };
  delete env.PANORAMA_NO_CACHE;
  return env;
}

export interface TimedRuns {
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

export const PANORAMA_BIN = join(REPO, "bin", "panorama.js");

export async function panoramaBuild(bin: string, cwd: string, mirror: string): Promise<ProcessRun> {
  return checkRun("panorama build", await run(process.execPath, [bin, "build", "--out", join(cwd, "out")], { cwd, env: ingestEnv(mirror), rss: true }));
}
