import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquire, defaultAcquireOptions } from "../loaders/sources/acquire.js";
import { addEdition, invalidateLoaderCache, newSource } from "../loaders/build/add-edition.js";
import { matchResources, type Resource } from "../loaders/sources/discover.js";
import { findEdition, loadCatalogue, type Edition } from "../loaders/sources/catalogue.js";
import { sha256Hex } from "../loaders/sources/hash.js";
import { MIRROR, NO_MIRROR_REASON, queryDuckdb, removeDir, runCli, tempDir } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const NEW_CSV = join(FIXTURES, "editions", "2099-01.csv");
const EDITION_CSV = join(FIXTURES, "editions", "edition.csv");
const PAGE = join(FIXTURES, "read", "dashboard.html");
const RESOURCE = "0f0e0d0c-1111-4222-8333-444455556666";

let root: string;
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => {
  await removeDir(root);
});

/** Offline, no mirror: only what `add` put in the temp root's cache can be had. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PANORAMA_OFFLINE: "1" };
  delete env.PANORAMA_MIRROR;
  delete env.PANORAMA_ALLOWED_HOSTS;
  return env;
}
const cli = (...args: string[]) => runCli(args, offlineEnv(), root);
const localCatalogue = async () => JSON.parse(await readFile(join(root, "editions.local.json"), "utf8"));
const cacheFile = (edition: string, name: string) => join(root, ".cache", "panorama", "sources", edition, name);

describe("panorama editions add", () => {
  it("records a local file in editions.local.json and the cache, and the next build includes it", async () => {
    const bytes = await readFile(NEW_CSV);
    const sha = sha256Hex(bytes);
    const run = await cli("editions", "add", NEW_CSV, "--edition", "2099-01");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain("rows       3 projects");
    expect(run.out).toContain(
      `recorded edition 2099-01 (janvier 2099) in editions.local.json: spreadsheet csv, sha256 ${sha}, no download address (local file)`,
    );
    expect(run.out).toContain("stored the file at .cache/panorama/sources/2099-01/2099-01.csv");
    expect(run.out).toMatch(/note: \.cache\/ is not committed/);
    expect(run.out).not.toMatch(/^result/m);

    expect(await localCatalogue()).toEqual([
      {
        id: "2099-01",
        label: "janvier 2099",
        sources: [{ kind: "spreadsheet", format: "csv", url: null, altUrls: [], sha256: sha, mirrorPath: "spreadsheets/2099-01.csv", upstreamId: "" }],
      },
    ]);
    expect(await readFile(cacheFile("2099-01", "2099-01.csv"))).toEqual(bytes);
    expect((await readdir(root)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const build = await cli("build", "--out", join(root, "out"));
    expect(build.code).toBe(0);
    expect(build.out).toMatch(/^2099-01 {2}3 rows {2}total cost 52\.5 M€ {2}0 anomalies {2}\(spreadsheet\)$/m);
    const db = join(root, "out", "panorama.duckdb");
    expect(await queryDuckdb(db, "SELECT edition, label, source_kind, source_url, sha256, project_count FROM editions")).toEqual([
      { edition: "2099-01", label: "janvier 2099", source_kind: "spreadsheet", source_url: "2099-01.csv", sha256: sha, project_count: 3 },
    ]);
    expect(await queryDuckdb(db, "SELECT name, cost_meur FROM projects ORDER BY name")).toEqual([
      { name: "ÉDITION TEST ALPHA", cost_meur: 12.5 },
      { name: "ÉDITION TEST BÊTA", cost_meur: 40 },
      { name: "ÉDITION TEST GAMMA", cost_meur: null },
    ]);
  });

  it("keeps the other local editions and writes them sorted", async () => {
    await writeFile(
      join(root, "editions.local.json"),
      JSON.stringify([{ id: "2099-05", sources: [{ kind: "dashboard", format: "html", url: "https://example.org/p.html" }] }]),
    );
    expect((await cli("editions", "add", NEW_CSV, "--edition", "2099-01")).code).toBe(0);
    const records = await localCatalogue();
    expect(records.map((r: { id: string }) => r.id)).toEqual(["2099-01", "2099-05"]);
    expect(records[1]).toEqual({ id: "2099-05", sources: [{ kind: "dashboard", format: "html", url: "https://example.org/p.html" }] });
  });

  it.each([
    [
      "a local edition",
      async () => void (await cli("editions", "add", NEW_CSV, "--edition", "2099-01")),
      EDITION_CSV,
      "2099-01",
      /edition 2099-01 is already in the catalogue \(editions\.local\.json\)/,
    ],
    [
      "a built-in edition",
      async () => {},
      EDITION_CSV,
      "2016-11",
      /edition 2016-11 is already in the catalogue \(built-in, loaders\/sources\/catalogue\.ts\).*add --replace \(its other sources are kept\)/,
    ],
  ])("refuses %s unless --replace", async (_name, before, file, edition, message) => {
    await before();
    const previous = existsSync(join(root, "editions.local.json")) ? await readFile(join(root, "editions.local.json"), "utf8") : null;
    const run = await cli("editions", "add", file, "--edition", edition);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
    expect(existsSync(join(root, "editions.local.json")) ? await readFile(join(root, "editions.local.json"), "utf8") : null).toBe(previous);
    const replaced = await cli("editions", "add", file, "--edition", edition, "--replace");
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(/replaces the (local|built-in) record/);
  });

  it("--replace on a built-in edition swaps its spreadsheets and keeps its dashboard page", async () => {
    const run = await cli("editions", "add", EDITION_CSV, "--edition", "2016-11", "--replace");
    expect(run.code).toBe(0);
    expect(run.out).toContain("replaces the built-in record of 2016-11; kept its dashboard html");
    const [record] = await localCatalogue();
    expect(record.id).toBe("2016-11");
    expect(record.number).toBe(1);
    expect(record.sources.map((s: { kind: string; format: string; url: string | null }) => [s.kind, s.format, s.url])).toEqual([
      ["spreadsheet", "csv", null],
      ["dashboard", "html", "https://raw.githubusercontent.com/DISIC/panorama/e3a459c74b81951af4eab6af7a630ff8b2223bbe/index.html"],
    ]);
    const edition = findEdition("2016-11", loadCatalogue(root))!;
    expect(edition.sources).toHaveLength(2);
  });

  it.each([
    [NEW_CSV, [], /the file does not state its edition\. Give it with --edition YYYY-MM\./],
    [EDITION_CSV, [], /Its publication dates suggest 2016-11: rerun with --edition 2016-11 if that is right\./],
    [PAGE, ["--edition", "2021-10"], /the page states the edition .* but 2021-10 was expected/],
  ])("exits 1 without writing when the edition is not certain: %s %j", async (file, args, message) => {
    const run = await cli("editions", "add", file, ...args);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
    expect(existsSync(join(root, "editions.local.json"))).toBe(false);
    expect(existsSync(join(root, ".cache"))).toBe(false);
  });

  it("exits 1 without writing when the file cannot be used", async () => {
    const bad = join(root, "bad.csv");
    await writeFile(bad, "Libellé,Ministère,Coût\nA,B,1\n");
    const run = await cli("editions", "add", bad, "--edition", "2099-01");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/lacks the required column\(s\) "Nom du projet".*one more entry in HEADER_ALIASES \(loaders\/normalize\/headers\.ts\)/s);
    expect(existsSync(join(root, "editions.local.json"))).toBe(false);
    expect(existsSync(join(root, ".cache"))).toBe(false);
  });

  it("exits 1 and leaves a broken local catalogue alone", async () => {
    await writeFile(join(root, "editions.local.json"), "[{");
    const run = await cli("editions", "add", NEW_CSV, "--edition", "2099-01");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/the local catalogue is not valid JSON/);
    expect(await readFile(join(root, "editions.local.json"), "utf8")).toBe("[{");
  });

  it("adding the same file again changes nothing in the catalogue", async () => {
    expect((await cli("editions", "add", NEW_CSV, "--edition", "2099-01")).code).toBe(0);
    const before = await readFile(join(root, "editions.local.json"), "utf8");
    const again = await cli("editions", "add", NEW_CSV, "--edition", "2099-01");
    expect(again.code).toBe(0);
    expect(again.out).toContain("this file is the catalogued spreadsheet (csv) of edition 2099-01 (janvier 2099); catalogue unchanged");
    expect(await readFile(join(root, "editions.local.json"), "utf8")).toBe(before);
  });

  it("only fills the cache when the file is a catalogued source (same sha256)", async () => {
    const sha = sha256Hex(await readFile(NEW_CSV));
    const local = [{ id: "2099-02", sources: [{ kind: "spreadsheet", format: "csv", url: "https://example.org/e.csv", sha256: sha }] }];
    await writeFile(join(root, "editions.local.json"), `${JSON.stringify(local)}\n`);
    const run = await cli("editions", "add", NEW_CSV);
    expect(run.code).toBe(0);
    expect(run.out).toContain("this file is the catalogued spreadsheet (csv) of edition 2099-02 (février 2099); catalogue unchanged");
    expect(await readFile(join(root, "editions.local.json"), "utf8")).toBe(`${JSON.stringify(local)}\n`);
    expect(existsSync(cacheFile("2099-02", "2099-02.csv"))).toBe(true);
    const clash = await cli("editions", "add", NEW_CSV, "--edition", "2099-03");
    expect(clash.code).toBe(1);
    expect(clash.err).toMatch(/this file is a source of edition 2099-02 in the catalogue, not of 2099-03/);
  });

  it("removes Framework's cached loader outputs, not its npm cache", async () => {
    const cache = join(root, "docs", ".observablehq", "cache");
    await mkdir(join(cache, "data"), { recursive: true });
    await mkdir(join(cache, "_npm", "d3@7.9.0"), { recursive: true });
    await writeFile(join(cache, "data", "panorama.duckdb"), "old");
    await writeFile(join(cache, "panorama-offline.json"), "{}");
    const run = await cli("editions", "add", NEW_CSV, "--edition", "2099-01");
    expect(run.code).toBe(0);
    expect(run.out).toContain("removed Framework's cached loader outputs (docs/.observablehq/cache/data)");
    expect((await readdir(cache)).sort()).toEqual(["_npm", "panorama-offline.json"]);
    expect(await invalidateLoaderCache(join(root, "nowhere"))).toEqual([]);
  });

  describe("from a URL", () => {
    let server: Server;
    let base: string;
    beforeEach(async () => {
      const bytes = await readFile(NEW_CSV);
      server = createServer((_req, res) => res.writeHead(200).end(bytes));
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      await new Promise((ok) => server.close(ok));
    });

    it("refuses to record a plain http address", async () => {
      const run = await runCli(["editions", "add", `${base}/e.csv`, "--edition", "2099-01"], { ...offlineEnv(), PANORAMA_OFFLINE: "" }, root);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(
        /the catalogue records https addresses only, not http:\/\/127\.0\.0\.1:\d+\/e\.csv\. Download the file and add it as a local file\./,
      );
      expect(existsSync(join(root, "editions.local.json"))).toBe(false);
    });

    it("records a data.gouv.fr address with its resource id, so that discover knows it", async () => {
      const bytes = await readFile(NEW_CSV);
      const url = `https://www.data.gouv.fr/fr/datasets/r/${RESOURCE}`;
      const result = await addEdition({ bytes, file: RESOURCE, url }, { root, cacheDir: join(root, "cache"), edition: "2099-01", replace: false });
      expect(result.action).toBe("recorded");
      expect(result.source).toEqual({
        kind: "spreadsheet",
        format: "csv",
        url,
        altUrls: [`https://www.data.gouv.fr/api/1/datasets/r/${RESOURCE}`],
        sha256: sha256Hex(bytes),
        mirrorPath: "spreadsheets/2099-01.csv",
        upstreamId: RESOURCE,
      });
      const resource = { id: RESOURCE, title: "t", format: "csv", url: "https://static.data.gouv.fr/x.csv", latest: null } as Resource;
      expect(matchResources([resource], loadCatalogue(root))[0]).toMatchObject({ edition: "2099-01", matchedBy: "resource id" });
    });
  });
});

describe("local-only sources (url: null)", () => {
  const edition = (): Edition => findEdition("2099-01", loadCatalogue(root))!;
  beforeEach(async () => {
    const local = [{ id: "2099-01", sources: [{ kind: "spreadsheet", format: "csv", url: null, sha256: sha256Hex(await readFile(NEW_CSV)) }] }];
    await writeFile(join(root, "editions.local.json"), JSON.stringify(local));
  });

  it("are read from the cache", async () => {
    await mkdir(join(root, ".cache", "panorama", "sources", "2099-01"), { recursive: true });
    await writeFile(cacheFile("2099-01", "2099-01.csv"), await readFile(NEW_CSV));
    const got = await acquire(edition(), edition().sources[0]!, defaultAcquireOptions(offlineEnv(), root));
    expect(got.origin).toBe("cache");
  });

  it("say there is no download address when the cache lacks them", async () => {
    const opts = { ...defaultAcquireOptions(offlineEnv(), root), online: true };
    await expect(acquire(edition(), edition().sources[0]!, opts)).rejects.toThrow(
      /no download address: the source was added from a local file \(panorama editions add\)/,
    );
  });

  it.each([
    [{ url: "http://example.org/x.csv" }, /is not an https URL/],
    [{ url: 12 }, /expected an https URL, or null for a file kept in the cache only/],
  ])("other url values are still refused: %j", async (over, message) => {
    await writeFile(join(root, "editions.local.json"), JSON.stringify([{ id: "2099-01", sources: [{ kind: "spreadsheet", format: "csv", ...over }] }]));
    expect(() => loadCatalogue(root)).toThrow(message);
  });

  it("newSource keeps https addresses only", () => {
    const report = { url: "ftp://example.org/x.csv", kind: "spreadsheet", format: "csv", sha256: "0".repeat(64) } as Parameters<typeof newSource>[0];
    expect(() => newSource(report, "2099-01")).toThrow(/https addresses only/);
  });
});

describe.skipIf(!MIRROR)(`panorama editions add over the real editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  it("puts a mirrored dashboard page in the cache of its catalogued edition without touching the catalogue", async () => {
    const run = await cli("editions", "add", join(MIRROR!, "dashboards", "2018-07.html"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("this file is the catalogued dashboard (html) of edition 2018-07 (juillet 2018); catalogue unchanged");
    expect(existsSync(join(root, "editions.local.json"))).toBe(false);
    const build = await cli("build", "--out", join(root, "out"));
    expect(build.code).toBe(0);
    expect(build.out).toMatch(/^2018-07 {2}56 rows/m);
  });
});
