// Files of a built site (dist/), shared by the post-build scripts and the benchmark.
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/** Every file under dir, depth first. */
export async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Every file under dir, in the order of walk. */
export async function listFiles(dir) {
  const out = [];
  for await (const path of walk(dir)) out.push(path);
  return out;
}

/** A built page; an .html file under _file/ (or another _ folder) is data, such as a table drawn at build time. */
export function isPage(dist, path) {
  return path.endsWith(".html") && !relative(dist, path).startsWith("_");
}
