// Reproducible builds: the same sources, code and SOURCE_DATE_EPOCH give a byte-identical dist/.
// The tree (tracked and untracked files that git does not ignore) is copied to two folders at
// different places, each built from scratch by scripts/publish/build.sh, offline from
// PANORAMA_MIRROR; then the two dist/ are compared file by file.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, symlink } from "node:fs/promises";
import { copyFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { listFiles } from "../scripts/dist-files.js";
import { tempDir } from "./helpers.js";

const run = promisify(execFile);
const REPO = join(import.meta.dirname, "..");
const MIRROR = process.env.PANORAMA_MIRROR;
const EPOCH = "1764460800";

async function copyTree(target: string): Promise<void> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO, maxBuffer: 64 << 20 });
  for (const file of stdout.split("\0").filter((f) => f && f !== "node_modules")) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await copyFile(join(REPO, file), join(target, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }
  await symlink(join(REPO, "node_modules"), join(target, "node_modules"));
}

async function build(tree: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, PANORAMA_MIRROR: MIRROR, PANORAMA_OFFLINE: "1", SOURCE_DATE_EPOCH: EPOCH };
  await run("bash", [join(tree, "scripts/publish/build.sh")], { cwd: tree, env, maxBuffer: 256 << 20 });
}

describe.skipIf(!MIRROR)("a reproducible dist/ (needs PANORAMA_MIRROR: without editions there is nothing to build)", () => {
  it("two builds of the same tree, in two places, give the same files, byte for byte", async () => {
    const root = await tempDir();
    try {
      const [a, b] = [join(root, "a"), join(root, "elsewhere", "b")];
      await Promise.all([copyTree(a), copyTree(b)]);
      await Promise.all([build(a), build(b)]);
      const files = async (tree: string) => (await listFiles(join(tree, "dist"))).map((f) => relative(join(tree, "dist"), f)).sort();
      const [filesA, filesB] = await Promise.all([files(a), files(b)]);
      expect(filesA.length).toBeGreaterThan(100);
      expect(filesB).toEqual(filesA);
      const differing: string[] = [];
      for (const file of filesA) {
        const [x, y] = await Promise.all([readFile(join(a, "dist", file)), readFile(join(b, "dist", file))]);
        if (!x.equals(y)) differing.push(file);
      }
      expect(differing).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 1_500_000);
});
