// npm run build, cold and warm, in a copy of the working tree.
import { cp, symlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { isPage, listFiles } from "../dist-files.js";
import { REPO, log, tempDir, type Options } from "./context.js";
import { checkRun, ingestEnv, run } from "./runner.js";

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

export async function siteBuild(opts: Options) {
  const root = await siteCopy();
  const env = ingestEnv(opts.mirror);
  const npm = (script: string) => run("npm", ["run", "--silent", script], { cwd: root, env });
  log("site: npm run clean && npm run build (cold: empty Framework and edition caches)");
  checkRun("npm run clean", await npm("clean"));
  const cold = checkRun("npm run build (cold)", await npm("build"));
  log("site: npm run build (warm)");
  const warm = checkRun("npm run build (warm)", await npm("build"));
  const dist = join(root, "dist");
  const pages = (await listFiles(dist)).filter((f) => isPage(dist, f)).length;
  return { root, dist, result: { coldMs: Math.round(cold.ms), warmMs: Math.round(warm.ms), pages } };
}
