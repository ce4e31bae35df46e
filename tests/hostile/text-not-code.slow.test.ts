// Class: text from the data is never interpreted, through the real data loaders. An edition whose
// names carry replacement patterns, markup and backslashes is recorded with `panorama editions add`;
// the site's own loaders (docs/data/prerender/*.ts) draw the explorer's table and each project's
// chart from it, and scripts/finalize-build.js then scripts/inline-prerender.js put them in pages
// laid out as Framework writes them: every page holds one document, each name once per place, as text.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDuckdb, runCli } from "../helpers.js";
import { GOOD_CSV } from "../fixtures/hostile/support.js";
import { HOSTILE_NAMES } from "./pages.js";

const run = promisify(execFile);
const REPO = join(import.meta.dirname, "..", "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");

const csvCell = (s: string) => `"${s.replaceAll('"', '""')}"`;
const PAGE = (body: string) => `<!DOCTYPE html>\n<html>\n<head>\n</head>\n<body>\n<main id="observablehq-main">${body}</main>\n</body>\n</html>\n`;
/** Text as an HTML serializer writes it in an element. */
const escapeText = (s: string) => s.replaceAll("&", "&amp;").replaceAll("\u00a0", "&nbsp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The members of a ustar archive. */
function untar(bytes: Buffer): Map<string, string> {
  const members = new Map<string, string>();
  for (let at = 0; at + 512 <= bytes.length; ) {
    const name = bytes
      .subarray(at, at + 100)
      .toString("utf-8")
      .replace(/\0.*$/s, "");
    if (name === "") break;
    const size = Number.parseInt(
      bytes
        .subarray(at + 124, at + 136)
        .toString("ascii")
        .replace(/\0.*$/s, "")
        .trim(),
      8,
    );
    members.set(name, bytes.subarray(at + 512, at + 512 + size).toString("utf-8"));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "panorama-hostile-text-site-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("an edition with hostile names, through the site's loaders and the post-build scripts", () => {
  it("builds pages with one document each and the names as text", async () => {
    const header = (await readFile(GOOD_CSV, "utf-8")).split("\r\n")[0]!;
    const rows = HOSTILE_NAMES.map(
      (name, i) => `MI,Ministère de l'Intérieur,${csvCell(`${name} #${i}`)},Non,${csvCell(name)},,2019-03-01,2,Conception,${i + 1},,,,,2099-01-03,,,`,
    );
    const csv = join(root, "hostile.csv");
    await writeFile(csv, [header, ...rows, ""].join("\r\n"));
    const env = { ...process.env, PANORAMA_OFFLINE: "1", PANORAMA_MIRROR: join(root, "no-mirror") };
    const add = await runCli(["editions", "add", csv, "--edition", "2099-01"], env, root);
    expect(add.code, add.err).toBe(0);

    const loader = async (path: string) =>
      (await run(TSX, [join(REPO, "docs", "data", "prerender", path)], { cwd: root, env, encoding: "buffer", maxBuffer: 64 << 20 })).stdout;
    const table = (await loader("projets-table.html.ts")).toString("utf-8");
    const charts = untar(await loader("projets.tar.ts"));

    // The names as the dataset holds them (cleaned of tags by the loaders), and their keys.
    const out = join(root, "out");
    expect((await runCli(["ingest", csv, "--edition", "2099-01", "--out", out], env, root)).code).toBe(0);
    const projects = (await queryDuckdb(join(out, "panorama.duckdb"), "SELECT project_key, name FROM projects ORDER BY source_row")) as {
      project_key: string;
      name: string;
    }[];
    expect(projects).toHaveLength(HOSTILE_NAMES.length);
    expect(projects.map((p) => p.name)).toContain("A $& B #0");
    expect(projects.map((p) => p.name)).toContain("C $` D #1");

    const dist = join(root, "dist");
    const files: Record<string, string> = {
      "projets.html": PAGE('<div class="prerender-slot" data-prerender="projets-table"><observablehq-loading></observablehq-loading></div>'),
      "_file/data/prerender/projets-table.0123abcd.html": table,
    };
    for (const { project_key: key } of projects) {
      expect(charts.has(`${key}.svg`), key).toBe(true);
      files[`projets/${key}.html`] = PAGE('<div class="prerender-slot" data-prerender="projets/[key]"></div>');
      files[`_file/data/prerender/projets/${key}.89abcdef.svg`] = charts.get(`${key}.svg`)!;
    }
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dist, path)), { recursive: true });
      await writeFile(join(dist, path), text);
    }
    for (const script of ["finalize-build.js", "inline-prerender.js"]) {
      const { stderr } = await run(process.execPath, [join(REPO, "scripts", script), dist]);
      expect(stderr).toBe("");
    }

    const explorer = await readFile(join(dist, "projets.html"), "utf-8");
    expect(explorer).toBe(
      PAGE(`<div class="prerender-slot">${table.trim()}<observablehq-loading></observablehq-loading></div>`).replace("<html>", () => '<html lang="fr">'),
    );
    expect(explorer.split("<!DOCTYPE html>")).toHaveLength(2);
    for (const { project_key: key, name } of projects) {
      // The link's address ends in .html or not, as the site's links are written; the name is text either way.
      const links = [`<a href="./projets/${key}">`, `<a href="./projets/${key}.html">`].map((open) => `${open}${escapeText(name)}</a>`);
      expect(
        links.some((link) => explorer.includes(link)),
        name,
      ).toBe(true);
      const page = await readFile(join(dist, "projets", `${key}.html`), "utf-8");
      expect(page.split("<!DOCTYPE html>")).toHaveLength(2);
      expect(page).toContain(`<div class="prerender-slot">${charts.get(`${key}.svg`)!.trim()}</div>`);
    }
  });
});
