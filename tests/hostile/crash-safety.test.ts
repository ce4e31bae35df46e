// Crash safety of the writer: a process killed while writing, or a run that
// fails, leaves the previous panorama.duckdb and Parquet files byte-identical
// and readable; temp folders left by a killed run are removed by the next
// successful one.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TABLES } from "../../loaders/schema.js";
import { LOCK_FILE, removeStaleTempDirs, TEMP_PREFIX, writeOutputs } from "../../loaders/output/write.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { expectReadable, expectUnchanged, GOOD_PAGE, hostile, previousOutputs, snapshot } from "../fixtures/hostile/support.js";

const WRITER = hostile("write-large.ts");

let dir: string;
let out: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await tempDir("panorama-crash-");
  out = join(dir, "out");
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await removeDir(dir);
});

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const tempDirs = async (folder: string) => (await readdir(folder)).filter((f) => f.startsWith(TEMP_PREFIX));

function start(args: string[]): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.on("exit", (code, signal) => ok({ code, signal })));
  return { child, exited };
}

/** Waits until the writer has a temp folder holding a database file being written. */
async function writingStarted(folder: string, exited: Promise<unknown>): Promise<string> {
  let done = false;
  void exited.then(() => (done = true));
  for (let waited = 0; waited < 90_000; waited += 5) {
    for (const tmp of await tempDirs(folder)) {
      const inside: string[] = await readdir(join(folder, tmp)).catch(() => []);
      if (inside.includes("panorama.duckdb")) return tmp;
    }
    if (done) throw new Error("the writer ended before it was seen writing");
    await sleep(5);
  }
  throw new Error("the writer never started writing");
}

describe("a writer killed mid-write", () => {
  it("leaves the previous outputs byte-identical and readable; the next run removes its temp folder", { timeout: 120_000 }, async () => {
    const before = await previousOutputs(out);
    const { child, exited } = start([WRITER, out, "300000"]);
    const tmp = await writingStarted(out, exited);
    child.kill("SIGKILL");
    expect(await exited).toEqual({ code: null, signal: "SIGKILL" });

    // Killed while its database was being written: the temp folder and its lock are left, the outputs are not touched.
    expect(tmp).toMatch(new RegExp(`^\\${TEMP_PREFIX}${child.pid}-`));
    const after = await snapshot(out);
    expect(after.leftovers).toEqual([tmp]);
    expect(JSON.parse(after.files.get(LOCK_FILE)!.toString("utf8"))).toMatchObject({ pid: child.pid });
    after.files.delete(LOCK_FILE);
    expect([...after.files.keys()]).toEqual([...before.files.keys()]);
    for (const [name, bytes] of before.files) expect(after.files.get(name)!.equals(bytes), `${name} changed`).toBe(true);
    await expectReadable(out);
    const db = join(out, "panorama.duckdb");
    expect(await queryDuckdb(db, "SELECT DISTINCT edition FROM projects")).toEqual([{ edition: "2099-01" }]);

    // The next successful run writes its outputs and removes the dead writer's folder.
    const next = await runCli(["ingest", GOOD_PAGE, "--out", out]);
    expect(next.code, next.err).toBe(0);
    expect(await tempDirs(out)).toEqual([]);
    expect((await readdir(out)).filter((f) => f.includes("lock"))).toEqual([]);
    expect(await queryDuckdb(db, "SELECT DISTINCT edition FROM projects")).toEqual([{ edition: "2021-11" }]);
  });

  it("a writer that is let finish replaces the outputs (the kill above is what kept them)", { timeout: 120_000 }, async () => {
    await previousOutputs(out);
    const { exited } = start([WRITER, out, "1000"]);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await queryDuckdb(join(out, "panorama.duckdb"), "SELECT count(*)::INTEGER AS n FROM projects")).toEqual([{ n: 1000 }]);
    expect(await tempDirs(out)).toEqual([]);
  });
});

describe("stale temp folders", () => {
  it("are those of processes that no longer run, or old ones without a process id", async () => {
    await mkdir(out, { recursive: true });
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    children.push(sleeper);
    const dead = start(["-e", "0"]);
    await dead.exited;
    const folders = {
      dead: `${TEMP_PREFIX}${dead.child.pid}-aaaaaa`,
      alive: `${TEMP_PREFIX}${sleeper.pid}-bbbbbb`,
      mine: `${TEMP_PREFIX}${process.pid}-cccccc`,
      oldNoPid: `${TEMP_PREFIX}dddddd`,
      recentNoPid: `${TEMP_PREFIX}eeeeee`,
    };
    for (const name of Object.values(folders)) {
      await mkdir(join(out, name));
      await writeFile(join(out, name, "panorama.duckdb"), "partial");
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(out, folders.oldNoPid), twoHoursAgo, twoHoursAgo);
    await writeFile(join(out, `${TEMP_PREFIX}not-a-folder`), "x");

    const removed = await removeStaleTempDirs(out);
    expect(removed.map((p) => p.slice(out.length + 1)).sort()).toEqual([folders.dead, folders.oldNoPid].sort());
    expect((await tempDirs(out)).sort()).toEqual([folders.alive, folders.mine, folders.recentNoPid, `${TEMP_PREFIX}not-a-folder`].sort());
  });
});

describe("a run that fails leaves the outputs intact", () => {
  it("an edition that fails among good ones: nothing is written", async () => {
    const before = await previousOutputs(out);
    const run = await runCli(["ingest", GOOD_PAGE, hostile("page-no-table.html"), "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/page-no-table\.html: no project table/);
    await expectUnchanged(out, before);
  });

  it("an output path taken by a folder: refused before any file is replaced", async () => {
    const before = await previousOutputs(out);
    await mkdir(join(out, "extra.parquet"));
    const rows = [{ edition: "2099-08", previous_edition: "2099-07", project_key: "x", movement: "entered" }];
    const error = await writeOutputs(
      [
        { name: "projects", columns: TABLES.projects, rows: [] },
        { name: "extra", columns: TABLES.movements, rows },
      ],
      out,
    ).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/extra\.parquet: an output file cannot be replaced: this path is a folder; no output was changed/);
    const after = await snapshot(out);
    expect(after.leftovers).toEqual(["extra.parquet"]);
    for (const [name, bytes] of before.files) expect(after.files.get(name)!.equals(bytes), `${name} changed`).toBe(true);
    await expectReadable(out);
  });
});
