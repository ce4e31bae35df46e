// DuckDB never reaches the network: every instance in Node is opened by openDuckDB (extension
// autoinstall and autoload off), and output paths that DuckDB would read as an address or a remote
// database (s3://, http://, "md:", ":memory:") are refused before anything is written. A local
// server counts the requests: there must be none.

import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDuckDB } from "../../loaders/output/index.js";
import { removeDir, runCli, tempDir } from "../helpers.js";
import { GOOD_CSV, expectUnchanged, previousOutputs, snapshot } from "../fixtures/hostile/support.js";

const ROOT = join(import.meta.dirname, "..", "..");

let server: Server;
let base: string;
const requests: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end("a,b\n1,2\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let dir: string;
beforeEach(async () => {
  dir = await tempDir("panorama-duckdb-");
  requests.length = 0;
});
afterEach(async () => {
  await removeDir(dir);
});

/** The error of a query, or null when it succeeds. */
async function failure(run: () => Promise<unknown>): Promise<string | null> {
  return run().then(
    () => null,
    (e: unknown) => (e as Error).message,
  );
}

describe("openDuckDB", () => {
  it("installs and loads no extension by itself", async () => {
    const { connection, close } = await openDuckDB();
    try {
      const settings = await connection.runAndReadAll(
        "SELECT current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load, current_setting('allow_community_extensions') AS community",
      );
      expect(settings.getRowObjectsJson()).toEqual([{ install: false, load: false, community: false }]);
    } finally {
      close();
    }
  });

  it.each([
    ["read_csv over http", (b: string) => `SELECT * FROM read_csv('${b}/x.csv')`, /requires the extension httpfs to be loaded/],
    ["read_json over http", (b: string) => `SELECT * FROM read_json('${b}/x.json')`, /requires the extension httpfs to be loaded/],
    ["read_parquet on s3", () => "SELECT * FROM read_parquet('s3://bucket/x.parquet')", /requires the extension httpfs to be loaded/],
    ["ATTACH over http", (b: string) => `ATTACH '${b}/x.duckdb' AS remote`, /requires the extension httpfs to be loaded/],
    ["ATTACH a MotherDuck database", () => "ATTACH 'md:panorama'", /motherduck|"md"/i],
  ])("%s fails cleanly, without a request, even with the extension repository pointed at a server", async (_, sql, message) => {
    const { connection, close } = await openDuckDB();
    try {
      // Were autoinstall on, the extension would be fetched from this repository: the local server.
      await connection.run(`SET custom_extension_repository = '${base}'`);
      expect(await failure(() => connection.run(sql(base)))).toMatch(message);
    } finally {
      close();
    }
    expect(requests).toEqual([]);
  });

  it("the same query on a DuckDB opened with its defaults does reach the network (what the settings prevent)", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      await connection.run(`SET custom_extension_repository = '${base}'`);
      await connection.run(`SET extension_directory = '${join(dir, "extensions").replaceAll("'", "''")}'`);
      await failure(() => connection.run(`SELECT * FROM read_csv('${base}/x.csv')`));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(requests.some((r) => /httpfs/.test(r))).toBe(true);
  });

  it("is the only way the loaders, scripts and tests open DuckDB in Node", async () => {
    const offenders: string[] = [];
    for (const folder of ["loaders", "scripts", "tests", join("docs", "data")]) {
      for (const entry of await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
        if (!/\.(ts|js|mts|mjs)$/.test(entry.name) || entry.parentPath.includes("node_modules")) continue;
        const path = join(entry.parentPath, entry.name);
        const rel = relative(ROOT, path);
        if (rel === join("loaders", "output", "duckdb.ts") || rel === join("tests", "hostile", "duckdb-offline.test.ts")) continue;
        if (/DuckDBInstance\s*\.\s*(create|fromCache)\b|new\s+DuckDBInstance\b/.test(await readFile(path, "utf8"))) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("output paths that are not plain local folders", () => {
  it.each([
    ["an s3:// address", "s3://bucket/panorama"],
    ["an http:// address (the local server)", "BASE/out"],
    ["a MotherDuck database", "md:panorama"],
    ["DuckDB's in-memory name", ":memory:"],
    ["a file: URL", "file:///tmp/out"],
  ])("%s: refused as a usage error (exit 2), nothing written, no request", async (_, given) => {
    const out = given.replace("BASE", base);
    const run = await runCli(["ingest", GOOD_CSV, "--edition", "2099-01", "--out", out], process.env, dir);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `panorama: error: --out "${out}" is refused: it is an address or a DuckDB special name, not a local folder. Give a folder on this computer, e.g. --out out.`,
    );
    expect(run.out).toBe("");
    expect(await readdir(dir)).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("a local folder whose name looks like an address is written when given as a path (./s3:), by absolute path", async () => {
    const out = join(dir, "s3:", "bucket");
    const run = await runCli(["ingest", GOOD_CSV, "--edition", "2099-01", "--out", out], process.env, dir);
    expect(run.code, run.err).toBe(0);
    expect((await snapshot(out)).files.has("panorama.duckdb")).toBe(true);
    expect(requests).toEqual([]);
  });

  it("an --out that is a file is refused, previous outputs unchanged", async () => {
    const out = join(dir, "out");
    const before = await previousOutputs(out);
    const run = await runCli(["ingest", GOOD_CSV, "--edition", "2099-01", "--out", join(out, "panorama.duckdb")]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`--out ${join(out, "panorama.duckdb")} is a file, not a folder.`);
    await expectUnchanged(out, before);
  });
});
