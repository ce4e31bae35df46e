import { copyFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import type { Edition } from "../loaders/sources/catalogue.js";
import { editionCacheKey, editionCodeHash, readCachedEdition } from "../loaders/build/edition-cache.js";
import { tablesHash } from "../loaders/output/manifest.js";
import { loadEdition } from "../loaders/build/pipeline.js";
import { LOADERS_DIR, removeDir, runCli, tempDir } from "./helpers.js";

const PAGE = join(import.meta.dirname, "fixtures", "read", "dashboard.html");
const CSV = join(import.meta.dirname, "fixtures", "editions", "edition.csv");

const edition: Edition = {
  id: "2021-11",
  label: "novembre 2021",
  number: 14,
  mirrored: true,
  inferred: false,
  sources: [
    {
      kind: "dashboard",
      format: "html",
      url: "https://raw.githubusercontent.com/DISIC/panorama/0000000000000000000000000000000000000000/index.html",
      altUrls: [],
      sha256: null,
      mirrorPath: "dashboards/2021-11.html",
      upstreamId: "0000000000000000000000000000000000000000",
    },
  ],
};

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  await mkdir(join(dir, "mirror", "dashboards"), { recursive: true });
  await copyFile(PAGE, join(dir, "mirror", "dashboards", "2021-11.html"));
});
afterEach(async () => {
  await removeDir(dir);
});

describe("incremental rebuild", () => {
  const opts = () => ({ ...defaultAcquireOptions({ PANORAMA_MIRROR: join(dir, "mirror"), PANORAMA_OFFLINE: "1" }, dir) });

  it("caches a normalized edition under the hash of its sources and reuses it while they do not change", async () => {
    const cacheDir = { dir: join(dir, "editions"), code: await editionCodeHash(LOADERS_DIR) };
    const first = await loadEdition(edition, opts(), cacheDir);
    const cachedFile = join(cacheDir.dir, "2021-11.json");
    const written = (await stat(cachedFile)).mtimeMs;
    const second = await loadEdition(edition, opts(), cacheDir);
    expect(second).toEqual(first);
    expect((await stat(cachedFile)).mtimeMs).toBe(written);

    // A changed source is read again: its project count changes.
    const html = (await readFile(PAGE, "utf8")).replace('"data":[["PAYSAGE"', '"data":[["PAYSAGE MODIFIÉ"');
    await writeFile(join(dir, "mirror", "dashboards", "2021-11.html"), html);
    const third = await loadEdition(edition, opts(), cacheDir);
    expect(third.projects[0]!.name).toBe("PAYSAGE MODIFIÉ");
  });

  it("hashes the code an edition goes through (build/pipeline.ts and its imports), not the rest", async () => {
    const loaders = join(dir, "loaders");
    const write = async (path: string, text: string) => {
      await mkdir(join(loaders, path, ".."), { recursive: true });
      await writeFile(join(loaders, path), text);
    };
    await write("build/pipeline.ts", 'import { read } from "../read/index.js";\nexport const x = read;\n');
    await write("read/index.ts", 'export type { Row } from "./types.js";\nexport const read = 1;\n');
    await write("read/types.ts", "export type Row = string;\n");
    await write("report/chapter.ts", 'import { x } from "../build/pipeline.js";\nexport const y = x;\n');
    const base = await editionCodeHash(loaders);
    await write("report/chapter.ts", "export const y = 2;\n");
    expect(await editionCodeHash(loaders)).toBe(base);
    await write("read/types.ts", "export type Row = number;\n");
    expect(await editionCodeHash(loaders)).not.toBe(base);
  });

  it("keys the cache by code, edition record and source hashes", async () => {
    const base = editionCacheKey("code", edition, ["a"]);
    expect(editionCacheKey("code", edition, ["a"])).toBe(base);
    expect(editionCacheKey("code2", edition, ["a"])).not.toBe(base);
    expect(editionCacheKey("code", { ...edition, label: "autre" }, ["a"])).not.toBe(base);
    expect(editionCacheKey("code", edition, ["b"])).not.toBe(base);
    expect(await readCachedEdition(join(dir, "nowhere"), "2021-11", base)).toBeNull();
  });

  it("rewrites no output when the tables have not changed, and rewrites when they have", async () => {
    const out = join(dir, "out");
    const first = await runCli(["ingest", CSV, "--edition", "2099-01", "--out", out]);
    expect(first.out).toMatch(/^wrote /m);
    const before = (await stat(join(out, "panorama.duckdb"))).mtimeMs;
    const second = await runCli(["ingest", CSV, "--edition", "2099-01", "--out", out]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^unchanged: /m);
    expect((await stat(join(out, "panorama.duckdb"))).mtimeMs).toBe(before);
    const third = await runCli(["ingest", CSV, "--edition", "2099-02", "--out", out]);
    expect(third.out).toMatch(/^wrote /m);
  });

  it("hashes tables by content", () => {
    const columns = [{ name: "a", type: "DOUBLE" as const, description: "" }];
    expect(tablesHash([{ name: "t", columns, rows: [{ a: 1 }] }])).toBe(tablesHash([{ name: "t", columns, rows: [{ a: 1 }] }]));
    expect(tablesHash([{ name: "t", columns, rows: [{ a: 1 }] }])).not.toBe(tablesHash([{ name: "t", columns, rows: [{ a: 2 }] }]));
  });
});
