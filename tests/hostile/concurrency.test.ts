// Commands that run at once lose nothing: real `bin/panorama.js` processes started together in one
// checkout take turns on the local catalogue, the caches and an output folder (lock files,
// loaders/sources/lock.ts); a lock left by a process that died is broken, a live one is waited for.

import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, lockPathFor, withLock } from "../../loaders/sources/lock.js";
import { MANIFEST_FILE } from "../../loaders/output/index.js";
import { PanoramaError } from "../../loaders/errors.js";
import { queryDuckdb, removeDir, tempDir } from "../helpers.js";
import { GOOD_CSV, GOOD_PAGE, snapshot } from "../fixtures/hostile/support.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "panorama.js");
const ENV = { ...process.env, PANORAMA_OFFLINE: "1", PANORAMA_MIRROR: "", NODE_OPTIONS: "" };

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function panorama(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, env: ENV, timeout: 120_000 }, (_e, out, err) =>
      resolve({ code: child.exitCode, out, err }),
    );
  });
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir("panorama-concurrency-");
});
afterEach(async () => {
  await removeDir(dir);
});

/** `n` distinct editions of the good CSV: the project names differ, so their sha256 do. */
async function editionFiles(n: number): Promise<string[]> {
  const text = await readFile(GOOD_CSV, "utf8");
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const path = join(dir, `edition-${i}.csv`);
      await writeFile(path, text.replace("PORTAIL TEST", `PORTAIL TEST ${i}`));
      return path;
    }),
  );
}

describe("four `panorama editions add` at once", () => {
  it("all record their edition, and editions.local.json keeps every record (3 rounds)", { timeout: 300_000 }, async () => {
    const files = await editionFiles(4);
    for (let round = 0; round < 3; round++) {
      const root = join(dir, `checkout-${round}`);
      await mkdir(root);
      const runs = await Promise.all(files.map((file, i) => panorama(["editions", "add", file, "--edition", `2099-0${i + 1}`], root)));
      for (const run of runs) {
        expect(run.err).toBe("");
        expect(run.code).toBe(0);
        expect(run.out).toMatch(/^recorded edition 2099-0\d /m);
      }
      const records = JSON.parse(await readFile(join(root, "editions.local.json"), "utf8")) as { id: string }[];
      expect(records.map((r) => r.id)).toEqual(["2099-01", "2099-02", "2099-03", "2099-04"]);
      for (let i = 1; i <= 4; i++) expect(await readdir(join(root, ".cache", "panorama", "sources", `2099-0${i}`))).toEqual([`2099-0${i}.csv`]);
      // No lock left behind.
      expect((await readdir(root)).filter((f) => f.includes("lock"))).toEqual([]);
    }
  });
});

describe("three `panorama ingest` into one output folder at once", () => {
  it("all succeed; the folder holds one of them whole, as its manifest says, and nothing else", { timeout: 300_000 }, async () => {
    const out = join(dir, "out");
    const inputs = [[GOOD_CSV, "--edition", "2099-01"], [GOOD_PAGE], [GOOD_CSV, "--edition", "2099-02"]];
    const runs = await Promise.all(inputs.map((args) => panorama(["ingest", ...args, "--out", out], dir)));
    for (const run of runs) expect(run.code, run.err).toBe(0);
    const [{ edition }] = (await queryDuckdb(join(out, "panorama.duckdb"), "SELECT DISTINCT edition FROM projects")) as [{ edition: string }];
    expect(["2099-01", "2021-11", "2099-02"]).toContain(edition);
    // The Parquet files are those of the same run as the database.
    const parquet = join(out, "projects.parquet").replaceAll("'", "''");
    expect(await queryDuckdb(join(out, "panorama.duckdb"), `SELECT DISTINCT edition FROM read_parquet('${parquet}')`)).toEqual([{ edition }]);
    const manifest = JSON.parse(await readFile(join(out, MANIFEST_FILE), "utf8")) as { files: string[] };
    const after = await snapshot(out);
    expect([...after.files.keys()].sort()).toEqual([MANIFEST_FILE, ...manifest.files].sort());
    expect(after.leftovers).toEqual([]);
    // The run that wrote last is unchanged when run again: its manifest describes the folder.
    const again = await panorama(["ingest", ...inputs[["2099-01", "2021-11", "2099-02"].indexOf(edition)]!, "--out", out], dir);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/^unchanged: /m);
  });
});

describe("lock files", () => {
  it("a lock left by a process that no longer runs is broken: the command goes on", { timeout: 120_000 }, async () => {
    const root = join(dir, "checkout");
    await mkdir(root);
    const lock = lockPathFor(join(root, "editions.local.json"));
    await writeFile(lock, JSON.stringify({ pid: 999_999_999, host: hostname(), since: new Date().toISOString() }));
    const [file] = await editionFiles(1);
    const run = await panorama(["editions", "add", file!, "--edition", "2099-01"], root);
    expect(run.code, run.err).toBe(0);
    expect((await readdir(root)).filter((f) => f.includes("lock"))).toEqual([]);
  });

  it("a lock held by a live process is waited for, then the wait ends with an error naming the holder", async () => {
    const path = join(dir, ".x.lock");
    const held = await acquireLock(path, "the thing");
    const error = await acquireLock(path, "the thing", { timeoutMs: 300 }).catch((e: unknown) => e as PanoramaError);
    expect(error).toBeInstanceOf(PanoramaError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^file ${path.replaceAll(".", "\\.")}: the thing is locked by another panorama command \\(process ${process.pid} on .*, since .*\\); waited 0 s\\. Wait for that command to finish`,
      ),
    );
    await held.release();
    await (await acquireLock(path, "the thing", { timeoutMs: 300 })).release();
  });

  it("a lock older than its stale age is broken even when its process id runs (ids are reused)", async () => {
    const path = join(dir, ".x.lock");
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date(Date.now() - 60_000).toISOString() }));
    await (await acquireLock(path, "the thing", { timeoutMs: 300, staleMs: 1000 })).release();
  });

  it("many writers of one file in this process: every read-modify-write is kept", async () => {
    const file = join(dir, "counter");
    await writeFile(file, "0");
    const bump = () =>
      withLock(lockPathFor(file), "the counter", async () => {
        const n = Number(await readFile(file, "utf8"));
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        await writeFile(file, String(n + 1));
      });
    await Promise.all(Array.from({ length: 40 }, bump));
    expect(await readFile(file, "utf8")).toBe("40");
  });
});
