import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  acquire,
  acquireFirst,
  cachePath,
  defaultAcquireOptions,
  DEFAULT_ALLOWED_HOSTS,
  mirrorReadmeRows,
  type AcquireOptions,
} from "../loaders/sources/acquire.js";
import { EDITIONS, type Edition, type SourceRef } from "../loaders/sources/catalogue.js";
import { PanoramaError } from "../loaders/errors.js";
import { sha256Hex } from "../loaders/sources/hash.js";

const GOOD = "Nom du projet;Coût\nSIRHEN;6,80\n";
const GOOD_SHA = sha256Hex(GOOD);
const OTHER = "autre contenu\n";
const ABSENT_SHA = sha256Hex("in no file of the mirror\n");
const COMMIT_RENAMED = "1111111111111111111111111111111111111111";

// ---- Local HTTP server ------------------------------------------------------------------------

let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const route = (req.url ?? "").split("?")[0];
    switch (route) {
      case "/good":
        res.writeHead(200, { "content-type": "text/csv" }).end(GOOD);
        return;
      case "/other":
        res.writeHead(200).end(OTHER);
        return;
      case "/redirect":
        res.writeHead(302, { location: "/hop" }).end();
        return;
      case "/hop":
        res.writeHead(301, { location: `${base}/good` }).end();
        return;
      case "/redirect-foreign":
        res.writeHead(302, { location: "https://evil.example.org/good" }).end();
        return;
      case "/redirect-localhost":
        res.writeHead(307, { location: `http://localhost:${(server.address() as AddressInfo).port}/good` }).end();
        return;
      case "/redirect-http":
        res.writeHead(302, { location: "http://www.data.gouv.fr/good" }).end();
        return;
      case "/loop":
        res.writeHead(302, { location: "/loop" }).end();
        return;
      case "/redirect-nowhere":
        res.writeHead(302).end();
        return;
      case "/404":
        res.writeHead(404).end("not found");
        return;
      case "/500":
        res.writeHead(500).end("boom");
        return;
      case "/hang":
        return; // never answers
      case "/big":
        res.writeHead(200, { "content-length": "1000" }).end("x".repeat(1000));
        return;
      case "/big-chunked":
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write("x".repeat(100));
        res.end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

// ---- Temp mirror and cache ----------------------------------------------------------------------

let root: string;
let mirror: string;
let cacheDir: string;

function put(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "panorama-acquire-"));
  mirror = join(root, "mirror");
  cacheDir = join(root, "cache");
  // Same shape as ../shared/panorama/README.md.
  put(
    join(mirror, "README.md"),
    [
      "# Mirror",
      "",
      "| mirror file | edition | upstream commit | upstream path | sha256 |",
      "|---|---|---|---|---|",
      `| spreadsheets/2099-01.csv | Jan 2099 | ${"0".repeat(40)} | raw-data/a.csv | ${GOOD_SHA} |`,
      `| spreadsheets/renamed-2099-02.csv | Feb 2099 | ${COMMIT_RENAMED} | raw-data/b.csv | ${GOOD_SHA} |`,
      "",
      "| upstream | probable edition |",
      "|---|---|",
      `| DISIC/panorama ${"2".repeat(40)} index.html | March 2099 |`,
      "",
    ].join("\n"),
  );
  put(join(mirror, "spreadsheets", "2099-01.csv"), GOOD);
  put(join(mirror, "spreadsheets", "renamed-2099-02.csv"), GOOD);
  put(join(mirror, "misc", "deep", "unnamed.bin"), "scan target\n");
  put(join(mirror, "spreadsheets", "2099-04.csv"), OTHER);
  hits.length = 0;
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function source(over: Partial<SourceRef> = {}): SourceRef {
  return {
    kind: "spreadsheet",
    format: "csv",
    url: `${base}/good`,
    altUrls: [],
    sha256: GOOD_SHA,
    mirrorPath: "spreadsheets/2099-09.csv",
    upstreamId: "9".repeat(40),
    ...over,
  };
}

function edition(id: string, sources: SourceRef[]): Edition {
  return { id, label: id, number: null, mirrored: false, inferred: false, sources };
}

function options(over: Partial<AcquireOptions> = {}): AcquireOptions {
  return {
    cacheDir,
    mirrorDir: mirror,
    online: false,
    timeoutMs: 5000,
    allowedHosts: ["127.0.0.1"],
    maxBytes: 10_000,
    allowInsecureLoopback: true,
    ...over,
  };
}

async function failure(p: Promise<unknown>): Promise<PanoramaError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PanoramaError);
    return err as PanoramaError;
  }
  throw new Error("expected a failure");
}

const cacheFiles = (id: string) => readdirSync(join(cacheDir, id)).sort();

// ---- Tests --------------------------------------------------------------------------------------

describe("defaultAcquireOptions", () => {
  it.each<[string, NodeJS.ProcessEnv, Partial<AcquireOptions>]>([
    ["empty env", {}, { mirrorDir: null, online: true, allowedHosts: DEFAULT_ALLOWED_HOSTS }],
    ["mirror relative to root", { PANORAMA_MIRROR: "../shared/panorama" }, { mirrorDir: "/work/shared/panorama" }],
    ["blank mirror", { PANORAMA_MIRROR: " " }, { mirrorDir: null }],
    ["offline", { PANORAMA_OFFLINE: "1" }, { online: false }],
    ["offline=0", { PANORAMA_OFFLINE: "0" }, { online: true }],
    ["hosts", { PANORAMA_ALLOWED_HOSTS: " Example.org, ,proxy.local" }, { allowedHosts: ["example.org", "proxy.local"] }],
  ])("%s", (_, env, expected) => {
    const opts = defaultAcquireOptions(env, "/work/main");
    expect(opts).toMatchObject({ cacheDir: "/work/main/.cache/panorama/sources", timeoutMs: 30_000, maxBytes: 50 * 1024 * 1024, ...expected });
    expect(opts.allowInsecureLoopback).toBeUndefined();
  });
});

describe("mirrorReadmeRows", () => {
  it.each([
    [COMMIT_RENAMED, ["spreadsheets/renamed-2099-02.csv"]],
    ["2".repeat(40), []], // first column is not a mirror file
    ["3".repeat(40), []],
  ])("%s → %j", (id, expected) => {
    expect(mirrorReadmeRows(readFileSync(join(mirror, "README.md"), "utf8"), id)).toEqual(expected);
  });
});

describe("acquire: cache and mirror", () => {
  it.each([
    ["sha256 known", GOOD_SHA],
    ["sha256 unknown", null],
  ])("cache hit (%s)", async (_, sha) => {
    const src = source({ sha256: sha, mirrorPath: "spreadsheets/2099-01.csv" });
    const ed = edition("2099-01", [src]);
    put(cachePath(ed, src, cacheDir), GOOD);
    const got = await acquire(ed, src, options());
    expect(got).toMatchObject({ origin: "cache", path: join(cacheDir, "2099-01", "2099-01.csv"), sha256: GOOD_SHA });
    expect(got.bytes.toString()).toBe(GOOD);
  });

  it.each<[string, Partial<SourceRef>, string]>([
    ["by path", { mirrorPath: "spreadsheets/2099-01.csv" }, "spreadsheets/2099-01.csv"],
    ["via the README row", { mirrorPath: "spreadsheets/2099-02.csv", upstreamId: COMMIT_RENAMED }, "spreadsheets/renamed-2099-02.csv"],
    ["via sha256 scan", { mirrorPath: "spreadsheets/2099-03.csv", sha256: sha256Hex("scan target\n") }, "misc/deep/unnamed.bin"],
  ])("mirror hit %s, read in place", async (_, over, file) => {
    const src = source(over);
    const got = await acquire(edition("2099-01", [src]), src, options());
    expect(got.origin).toBe("mirror");
    expect(got.path).toBe(join(mirror, file));
    expect(got.sha256).toBe(src.sha256);
    expect(got.bytes).toEqual(readFileSync(join(mirror, file)));
    expect(() => readdirSync(cacheDir)).toThrow(); // nothing copied into the cache
  });

  it("a cached copy with the wrong sha256 is ignored in favour of the mirror, and left as is", async () => {
    const src = source({ mirrorPath: "spreadsheets/2099-01.csv" });
    const ed = edition("2099-01", [src]);
    put(cachePath(ed, src, cacheDir), OTHER);
    const got = await acquire(ed, src, options());
    expect(got.origin).toBe("mirror");
    expect(readFileSync(cachePath(ed, src, cacheDir), "utf8")).toBe(OTHER);
  });

  it("refuses a mirror file whose sha256 differs, and says so", async () => {
    const src = source({ mirrorPath: "spreadsheets/2099-04.csv", sha256: ABSENT_SHA });
    const err = await failure(acquire(edition("2099-04", [src]), src, options()));
    expect(err.message).toContain(
      `mirror ${join(mirror, "spreadsheets", "2099-04.csv")}: refused, sha256 ${sha256Hex(OTHER)} differs from the expected ${ABSENT_SHA}`,
    );
    expect(err.message).toContain(`no file with sha256 ${ABSENT_SHA}`);
  });

  it("accepts any mirror file when the sha256 is unknown", async () => {
    const src = source({ mirrorPath: "spreadsheets/2099-04.csv", sha256: null });
    const got = await acquire(edition("2099-04", [src]), src, options());
    expect(got).toMatchObject({ origin: "mirror", sha256: sha256Hex(OTHER) });
  });

  it("offline and nowhere: the message lists every place looked and how to provide the file", async () => {
    const src = source({ sha256: ABSENT_SHA, url: "https://www.data.gouv.fr/api/1/datasets/r/abc", altUrls: ["https://www.data.gouv.fr/fr/datasets/r/abc"] });
    const ed = edition("2099-09", [src]);
    const err = await failure(acquire(ed, src, options()));
    const target = join(cacheDir, "2099-09", "2099-09.csv");
    expect(err.place).toEqual({ edition: "2099-09", file: "spreadsheets/2099-09.csv" });
    for (const part of [
      "edition 2099-09",
      `cache ${target}: absent`,
      `mirror ${join(mirror, "spreadsheets", "2099-09.csv")}: absent`,
      `mirror ${join(mirror, "README.md")}: no table row names ${"9".repeat(40)}`,
      `mirror ${mirror}: no file with sha256 ${ABSENT_SHA}`,
      "https://www.data.gouv.fr/api/1/datasets/r/abc: not tried, offline",
      "https://www.data.gouv.fr/fr/datasets/r/abc: not tried, offline",
      "set PANORAMA_MIRROR to a folder laid out like ../shared/panorama",
      `put the file at ${target}`,
      "run online",
    ]) {
      expect(err.message).toContain(part);
    }
  });

  it("says when the README names the upstream id without a mirror file", async () => {
    const src = source({ sha256: null, upstreamId: "2".repeat(40) });
    const err = await failure(acquire(edition("2099-09", [src]), src, options()));
    expect(err.message).toContain(`mirror ${join(mirror, "README.md")}: the row naming ${"2".repeat(40)} gives no mirror file`);
    expect(err.message).not.toContain("no file with sha256");
  });

  it("says when PANORAMA_MIRROR is not set or not a folder", async () => {
    const src = source();
    const ed = edition("2099-09", [src]);
    expect((await failure(acquire(ed, src, options({ mirrorDir: null })))).message).toContain("PANORAMA_MIRROR not set");
    expect((await failure(acquire(ed, src, options({ mirrorDir: join(root, "nope") })))).message).toContain(
      `mirror ${join(root, "nope")} (PANORAMA_MIRROR): not a folder`,
    );
  });
});

describe("acquire: download", () => {
  // The temp mirror holds GOOD (the sha256 scan would find it): downloads are tested without it.
  const online = (over: Partial<AcquireOptions> = {}) => options({ online: true, mirrorDir: null, ...over });

  it("downloads over redirects, checks sha256, writes the cache atomically", async () => {
    const src = source({ url: `${base}/redirect` });
    const ed = edition("2099-09", [src]);
    const got = await acquire(ed, src, online());
    expect(got).toMatchObject({ origin: "download", sha256: GOOD_SHA, path: join(cacheDir, "2099-09", "2099-09.csv") });
    expect(hits).toEqual(["/redirect", "/hop", "/good"]);
    expect(readFileSync(got.path, "utf8")).toBe(GOOD);
    expect(cacheFiles("2099-09")).toEqual(["2099-09.csv"]); // no temp file left
    // second call: served from the cache
    expect((await acquire(ed, src, online())).origin).toBe("cache");
    expect(hits).toHaveLength(3);
  });

  it("tries altUrls after url", async () => {
    const src = source({ url: `${base}/404`, altUrls: [`${base}/500`, `${base}/good`] });
    const got = await acquire(edition("2099-09", [src]), src, online());
    expect(got.origin).toBe("download");
    expect(hits).toEqual(["/404", "/500", "/good"]);
  });

  it.each<[string, string, Partial<AcquireOptions>, string]>([
    ["HTTP 404", "/404", {}, "HTTP 404"],
    ["HTTP 500", "/500", {}, "HTTP 500"],
    ["timeout", "/hang", { timeoutMs: 200 }, "timed out after 200 ms"],
    ["oversize (Content-Length)", "/big", { maxBytes: 100 }, "larger than the limit of 100 bytes"],
    ["oversize (streamed)", "/big-chunked", { maxBytes: 100 }, "larger than the limit of 100 bytes"],
    ["redirect to a host not allowed", "/redirect-foreign", {}, "host evil.example.org is not allowed"],
    ["redirect to another loopback name not allowed", "/redirect-localhost", {}, "host localhost is not allowed"],
    [
      "redirect to plain http",
      "/redirect-http",
      { allowedHosts: ["127.0.0.1", "www.data.gouv.fr"] },
      "refused http://www.data.gouv.fr/good: only https is allowed",
    ],
    ["redirect loop", "/loop", {}, "more than 5 redirects"],
    ["redirect without Location", "/redirect-nowhere", {}, "redirect without a Location header"],
  ])("%s → refused with a message", async (_, route, over, expected) => {
    const src = source({ url: `${base}${route}` });
    const ed = edition("2099-09", [src]);
    const err = await failure(acquire(ed, src, online(over)));
    expect(err.message).toContain(`${base}${route}: `);
    expect(err.message).toContain(expected);
    expect(hits).not.toContain("/good");
    expect(() => readdirSync(join(cacheDir, "2099-09"))).toThrow();
  });

  it("plain http, even on loopback, is refused unless allowInsecureLoopback is set", async () => {
    const src = source();
    const err = await failure(acquire(edition("2099-09", [src]), src, online({ allowInsecureLoopback: false })));
    expect(err.message).toContain(`refused ${base}/good: only https is allowed`);
    expect(hits).toEqual([]);
  });

  it("a host not in allowedHosts is never contacted", async () => {
    const src = source();
    const err = await failure(acquire(edition("2099-09", [src]), src, online({ allowedHosts: ["www.data.gouv.fr"] })));
    expect(err.message).toContain("host 127.0.0.1 is not allowed");
    expect(hits).toEqual([]);
  });

  it("a download with the wrong sha256 is not kept, and the previous cached copy stays", async () => {
    const src = source({ url: `${base}/other` });
    const ed = edition("2099-09", [src]);
    const target = cachePath(ed, src, cacheDir);
    put(target, "ancienne copie\n");
    const err = await failure(acquire(ed, src, online()));
    expect(err.message).toContain(`cache ${target}: present but sha256 ${sha256Hex("ancienne copie\n")} differs`);
    expect(err.message).toContain(`${base}/other: downloaded ${OTHER.length} bytes with sha256 ${sha256Hex(OTHER)}, expected ${GOOD_SHA} (not kept)`);
    expect(readFileSync(target, "utf8")).toBe("ancienne copie\n");
    expect(cacheFiles("2099-09")).toEqual(["2099-09.csv"]);
  });

  it("a good download replaces a stale cached copy", async () => {
    const src = source();
    const ed = edition("2099-09", [src]);
    const target = cachePath(ed, src, cacheDir);
    put(target, "ancienne copie\n");
    const got = await acquire(ed, src, online());
    expect(got.origin).toBe("download");
    expect(readFileSync(target, "utf8")).toBe(GOOD);
  });
});

describe("acquire: data.gouv.fr redirects with the default hosts (injected fetch)", () => {
  const rid = "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db";
  const src = source({
    format: "ods",
    url: `https://www.data.gouv.fr/api/1/datasets/r/${rid}`,
    altUrls: [`https://www.data.gouv.fr/fr/datasets/r/${rid}`],
    sha256: null,
    mirrorPath: "spreadsheets/2099-09.ods",
  });

  function fakeFetch(location: string) {
    const calls: { url: string; redirect: RequestRedirect | undefined }[] = [];
    const impl = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, redirect: init?.redirect });
      if (url.startsWith("https://www.data.gouv.fr/")) return new Response(null, { status: 302, headers: { location } });
      if (url === "https://static.data.gouv.fr/resources/panorama/2021-11.ods") return new Response("ods bytes");
      return new Response("nope", { status: 404 });
    }) as typeof fetch;
    return { calls, impl };
  }

  it("follows www.data.gouv.fr → static.data.gouv.fr", async () => {
    const { calls, impl } = fakeFetch("https://static.data.gouv.fr/resources/panorama/2021-11.ods");
    const opts = { ...defaultAcquireOptions({}, root), mirrorDir: null, fetch: impl };
    const got = await acquire(edition("2099-09", [src]), src, opts);
    expect(got).toMatchObject({ origin: "download", path: join(root, ".cache/panorama/sources/2099-09/2099-09.ods") });
    expect(got.bytes.toString()).toBe("ods bytes");
    expect(calls).toEqual([
      { url: src.url, redirect: "manual" },
      { url: "https://static.data.gouv.fr/resources/panorama/2021-11.ods", redirect: "manual" },
    ]);
  });

  it.each([
    ["http://static.data.gouv.fr/resources/panorama/2021-11.ods", "only https is allowed"],
    ["https://files.example.com/2021-11.ods", "host files.example.com is not allowed"],
  ])("refuses a redirect to %s, for url and altUrls alike", async (location, reason) => {
    const { calls, impl } = fakeFetch(location);
    const opts = { ...defaultAcquireOptions({}, root), mirrorDir: null, fetch: impl };
    const err = await failure(acquire(edition("2099-09", [src]), src, opts));
    expect(err.message).toContain(`${src.url}: refused ${location}: ${reason}`);
    expect(err.message).toContain(`${src.altUrls[0]}: refused ${location}: ${reason}`);
    expect(calls.map((c) => c.url)).toEqual([src.url, src.altUrls[0]]);
  });
});

describe("acquireFirst", () => {
  const page = source({ kind: "dashboard", format: "html", mirrorPath: "dashboards/2099-01.html", sha256: null, url: `${base}/404` });

  it("returns null when the edition has no source of that kind", async () => {
    expect(await acquireFirst(edition("2099-01", [page]), "spreadsheet", options())).toBeNull();
  });

  it("returns the first source that can be had", async () => {
    const missing = source({ mirrorPath: "spreadsheets/2099-01.ods", format: "ods", sha256: null });
    const present = source({ mirrorPath: "spreadsheets/2099-01.csv" });
    const got = await acquireFirst(edition("2099-01", [missing, present, page]), "spreadsheet", options());
    expect(got?.source).toBe(present);
  });

  it("throws with every source's places when none can be had", async () => {
    const a = source({ mirrorPath: "spreadsheets/2099-05.ods", format: "ods", sha256: null });
    const b = source({ mirrorPath: "spreadsheets/2099-05.xls", format: "xls", sha256: null });
    const err = await failure(acquireFirst(edition("2099-05", [a, b, page]), "spreadsheet", options()));
    expect(err.message).toContain("none of the 2 spreadsheet sources can be had");
    expect(err.message).toContain(join(mirror, "spreadsheets", "2099-05.ods"));
    expect(err.message).toContain(join(mirror, "spreadsheets", "2099-05.xls"));
  });
});

describe.skipIf(!process.env.PANORAMA_MIRROR)("real mirror (PANORAMA_MIRROR)", () => {
  const mirrored = EDITIONS.filter((e) => e.mirrored).flatMap((e) =>
    e.sources.filter((s) => s.sha256 !== null).map((s) => [e.id, s.mirrorPath, e, s] as const),
  );

  it("covers the 11 mirrored files", () => {
    expect(mirrored).toHaveLength(11);
  });

  it.each(mirrored)("%s %s is found in the mirror with its sha256", async (_, __, e, s) => {
    const opts = { ...defaultAcquireOptions(process.env, root), online: false };
    const got = await acquire(e, s, opts);
    expect(got.origin).toBe("mirror");
    expect(got.sha256).toBe(s.sha256);
    expect(sha256Hex(got.bytes)).toBe(s.sha256);
  });
});
