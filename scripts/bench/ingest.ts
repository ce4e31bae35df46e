// Ingestion: panorama build (first run ever, cold, warm) and reading + normalizing each mirrored file in process.
import { existsSync, readdirSync, statSync } from "node:fs";
import { copyFile, cp, readFile, symlink } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { MB, REPO, log, tempDir, type Options } from "./context.js";
import { PANORAMA_BIN, ingestEnv, panoramaBuild, timed, type ProcessRun } from "./runner.js";
import { median } from "./stats.js";

/** A copy of bin/ and loaders/ (node_modules linked): its CLI bundle cache is empty. */
async function freshCliRoot(): Promise<string> {
  const root = await tempDir("cli");
  await cp(join(REPO, "bin"), join(root, "bin"), { recursive: true });
  await cp(join(REPO, "loaders"), join(root, "loaders"), { recursive: true });
  await cp(join(REPO, "docs", "components"), join(root, "docs", "components"), { recursive: true });
  await copyFile(join(REPO, "package.json"), join(root, "package.json"));
  await symlink(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
  return root;
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
  const { readSource } = await import("../../loaders/read/index.js");
  const { normalizeSheet } = await import("../../loaders/normalize/sheet.js");
  const { projectSheet, loadEdition } = await import("../../loaders/build/pipeline.js");
  const { EDITIONS } = await import("../../loaders/sources/catalogue.js");
  const { defaultAcquireOptions } = await import("../../loaders/sources/acquire.js");
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
    perEdition.push({
      edition: edition.id,
      source: files.find((f) => f.edition === edition.id && f.file.startsWith("spreadsheets/"))?.format ?? "html",
      rows,
      medianMs: ms,
      rowsPerSecond: ms ? rows / (ms / 1000) : null,
    });
  }
  return { iterations, perFile: files, perFormat, perEdition };
}

export async function ingestion(opts: Options) {
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
