// Outputs change all at once (loaders/output/write.ts): the new files are switched in by renames,
// and when any step fails (a rename refused by a sticky bit, a full disk) the steps already made
// are undone. Each step is failed in turn through the writer's file-system seam (OutputFs), a
// run stopped at each step is rolled back by the next one, and the command itself (node:fs
// renames refused) exits 1 with the previous outputs byte-identical.

import { cp, readdir, rename as realRename, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ingestFiles } from "../../loaders/build/index.js";
import { PanoramaError } from "../../loaders/errors.js";
import {
  datasetTables,
  LOCK_FILE,
  MANIFEST_FILE,
  NODE_OUTPUT_FS,
  removeStaleTempDirs,
  TEMP_PREFIX,
  writeIfChanged,
  type OutputFs,
  type TableData,
} from "../../loaders/output/index.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { expectUnchanged, GOOD_PAGE, previousOutputs, snapshot, type Snapshot } from "../fixtures/hostile/support.js";

// node:fs renames into or out of `faults.dir` fail from the `faults.from`-th one on (for the command-level test).
const faults = vi.hoisted(() => ({ dir: "", from: -1, to: -1, seen: 0 }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    rename: vi.fn(async (from: string, to: string) => {
      if (faults.dir && (String(from).startsWith(faults.dir) || String(to).startsWith(faults.dir))) {
        const k = faults.seen++;
        if (k >= faults.from && k <= faults.to) throw errno("rename", String(from), String(to));
      }
      return real.rename(from, to);
    }),
  };
});

function errno(syscall: string, path: string, dest?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EPERM: operation not permitted, ${syscall} '${path}'${dest ? ` -> '${dest}'` : ""}`), { code: "EPERM", syscall, path, dest });
}

/** The writer's file operations, numbered; those for which `fails(k)` is true throw EPERM, those for which `hangs(k)` never return. */
function seam(fails: (k: number, step: string) => boolean, hangs: (k: number) => boolean = () => false): { fs: OutputFs; steps: string[] } {
  const steps: string[] = [];
  const step = <A extends unknown[]>(name: keyof OutputFs, run: (...args: A) => Promise<void>) =>
    (async (...args: A) => {
      const paths = name === "rename" ? args.slice(0, 2) : args.slice(0, 1);
      const k = steps.push(`${name} ${paths.join(" → ")}`) - 1;
      if (hangs(k)) return new Promise<void>(() => {});
      if (fails(k, steps[k]!)) throw errno(name, String(args[0]), typeof args[1] === "string" ? args[1] : undefined);
      return run(...args);
    }) as never;
  return {
    fs: { rename: step("rename", NODE_OUTPUT_FS.rename), writeFile: step("writeFile", NODE_OUTPUT_FS.writeFile), rm: step("rm", NODE_OUTPUT_FS.rm) },
    steps,
  };
}

let dir: string;
let base: string;
let before: Snapshot;
let tables: TableData[];
let steps: string[];
beforeAll(async () => {
  dir = await tempDir("panorama-outputs-");
  base = join(dir, "base");
  before = await previousOutputs(base);
  tables = datasetTables(await ingestFiles([GOOD_PAGE], null));
  // A successful switch, recorded: the steps that the tests below fail one by one.
  const recorded = seam(() => false);
  const out = await copy("recorded");
  expect(await writeIfChanged(tables, out, { fs: recorded.fs })).not.toBeNull();
  steps = recorded.steps;
  return () => removeDir(dir);
});
beforeEach(() => {
  Object.assign(faults, { dir: "", from: -1, to: -1, seen: 0 });
});
afterEach(() => {
  faults.dir = "";
});

async function copy(name: string): Promise<string> {
  const out = join(dir, name);
  await rm(out, { recursive: true, force: true });
  await cp(base, out, { recursive: true });
  return out;
}

const editionOf = async (out: string) => queryDuckdb(join(out, "panorama.duckdb"), "SELECT DISTINCT edition FROM projects");

describe("a switch that fails at any step leaves the previous outputs", () => {
  it("the switch has a step per file moved aside and moved in, a plan and a done mark; the manifest goes first and comes last", () => {
    const files = [...before.files.keys()];
    expect(steps).toHaveLength(2 * files.length + 2);
    expect(steps[0]).toMatch(/^writeFile .*replace\.json$/);
    expect(steps[1]).toMatch(new RegExp(`^rename .*/${MANIFEST_FILE.replaceAll(".", "\\.")} → .*/previous/`));
    expect(steps.at(-2)).toMatch(new RegExp(`^rename .* → .*/recorded/${MANIFEST_FILE.replaceAll(".", "\\.")}$`));
    expect(steps.at(-1)).toMatch(/^writeFile .*\/done$/);
  });

  it("each step failing in turn: a PanoramaError, the previous outputs byte-identical, nothing left behind", async () => {
    for (let k = 0; k < steps.length; k++) {
      const out = await copy(`fail-${k}`);
      const { fs } = seam((i) => i === k);
      const error = await writeIfChanged(tables, out, { fs }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `step ${k}: ${steps[k]}`).toBeInstanceOf(PanoramaError);
      expect((error as Error).message).toMatch(
        /: the outputs could not be replaced \((rename|writeFile) .*: EPERM\); the previous outputs were restored, nothing changed\. Check that you may replace the files/,
      );
      await expectUnchanged(out, before);
      await rm(out, { recursive: true, force: true });
    }
  });

  it("a file that can never be moved (another user's, under a sticky bit): the others are put back", async () => {
    const out = await copy("sticky");
    const { fs } = seam((_, step) => step.startsWith(`rename ${join(out, "projects.parquet")} `));
    const error = (await writeIfChanged(tables, out, { fs }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/projects\.parquet.*EPERM\); the previous outputs were restored/);
    await expectUnchanged(out, before);
  });

  it("when putting back fails too, the error says where the previous files are, and the next run puts them back", async () => {
    const movedIn = steps.findIndex((s) => s.includes("/previous/") === false && s.startsWith("rename"));
    const k = movedIn + 2;
    const out = await copy("undo-fails");
    const { fs } = seam((i) => i >= k);
    const error = (await writeIfChanged(tables, out, { fs }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(PanoramaError);
    expect(error.message).toMatch(
      /the outputs could not be replaced \(.*EPERM\), nor the previous ones put back \(.*EPERM\); the previous files are in .*\.panorama-tmp-.*\/previous\./,
    );
    // That process ends (its temp folder is then another's, dead): the next run rolls back first.
    const [tmp] = (await readdir(out)).filter((f) => f.startsWith(TEMP_PREFIX));
    await realRename(join(out, tmp!), join(out, `${TEMP_PREFIX}999999999-x`));
    expect(await removeStaleTempDirs(out)).toHaveLength(1);
    await expectUnchanged(out, before);
  });

  it("a run stopped at each step (killed): the next run rolls the switch back", async () => {
    for (let k = 0; k < steps.length; k++) {
      const out = await copy(`killed-${k}`);
      const hung = seam(
        () => false,
        (i) => i === k,
      );
      void writeIfChanged(tables, out, { fs: hung.fs });
      // Wait until the run hangs at step k, then let it "die": its pid is gone, its lock is left.
      while (hung.steps.length <= k) await new Promise((r) => setTimeout(r, 20));
      const [tmp] = (await readdir(out)).filter((f) => f.startsWith(TEMP_PREFIX));
      await realRename(join(out, tmp!), join(out, `${TEMP_PREFIX}999999999-x`));
      await rm(join(out, LOCK_FILE));
      expect(await removeStaleTempDirs(out)).toHaveLength(1);
      await expectUnchanged(out, before);
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe("through panorama ingest", () => {
  it.each([
    ["the first rename (the manifest moved aside)", 0, 0],
    ["a rename in the middle", 5, 5],
    ["the last rename (the manifest moved in)", -1, -1],
    ["every rename from the third on (putting back fails too, then the next run repairs)", 2, 10_000],
  ])("%s refused: exit 1, the message, previous outputs byte-identical", async (name, from, to) => {
    const out = await copy(`cli-${from}-${to}`);
    // Two renames per file: moved aside, moved in.
    const renames = 2 * before.files.size;
    Object.assign(faults, { dir: out, from: from < 0 ? renames + from : from, to: to < 0 ? renames + to : to, seen: 0 });
    const run = await runCli(["ingest", GOOD_PAGE, "--out", out]);
    faults.dir = "";
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    if (to < 10_000) {
      expect(run.err).toMatch(
        new RegExp(
          `^panorama: error: file ${out}: the outputs could not be replaced \\(rename .*: EPERM\\); the previous outputs were restored, nothing changed\\.`,
        ),
      );
    } else {
      expect(run.err).toMatch(/nor the previous ones put back .*; the previous files are in /);
      const [tmp] = (await readdir(out)).filter((f) => f.startsWith(TEMP_PREFIX));
      await realRename(join(out, tmp!), join(out, `${TEMP_PREFIX}999999999-x`));
      await removeStaleTempDirs(out);
    }
    await expectUnchanged(out, before);
    expect(name).toBeTruthy();
    // Once renames work again, the same command replaces the outputs.
    const again = await runCli(["ingest", GOOD_PAGE, "--out", out]);
    expect(again.code, again.err).toBe(0);
    expect(await editionOf(out)).toEqual([{ edition: "2021-11" }]);
    expect((await snapshot(out)).leftovers).toEqual([]);
  });
});
