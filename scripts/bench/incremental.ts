// Incremental rebuild: one edition's page changes in a copy of the mirror; which editions are re-read.
import { existsSync } from "node:fs";
import { appendFile, cp, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { log, tempDir, type Options } from "./context.js";
import { PANORAMA_BIN, panoramaBuild, timed, type ProcessRun } from "./runner.js";
import { median, ratio } from "./stats.js";

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

export async function incremental(opts: Options) {
  const { EDITIONS } = await import("../../loaders/sources/catalogue.js");
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
  const local = [
    {
      id: edition.id,
      sources: edition.sources.map((s) => ({
        kind: s.kind,
        format: s.format,
        url: s.url,
        altUrls: [...s.altUrls],
        sha256: null,
        mirrorPath: s.mirrorPath,
        upstreamId: s.upstreamId,
      })),
    },
  ];
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
