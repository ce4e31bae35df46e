// `panorama build` over a real HTTPS server: downloads that fail (HTTP error,
// redirect to a host not allowed, wrong sha256, an error page instead of the
// file) skip their edition with a message, keep any cached copy, and the other
// editions still build. The unit cases of acquire() (timeout, oversize, http,
// redirects, allow-list) are in tests/acquire.test.ts.

import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../loaders/sources/hash.js";
import { queryDuckdb, removeDir, tempDir } from "../helpers.js";
import { GOOD_CSV } from "../fixtures/hostile/support.js";

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, "..", "..", "bin", "panorama.js");

let dir: string;
let server: Server;
let base: string;
const hits: string[] = [];
let good: Buffer;

async function opensslAvailable(): Promise<boolean> {
  return exec("openssl", ["version"]).then(
    () => true,
    () => false,
  );
}
const hasOpenssl = await opensslAvailable();

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = await tempDir("panorama-network-");
  good = await readFile(GOOD_CSV);
  // A throwaway certificate for 127.0.0.1, trusted by the child process through NODE_EXTRA_CA_CERTS.
  await exec("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    join(dir, "key.pem"),
    "-out",
    join(dir, "cert.pem"),
  ]);
  server = createServer({ key: await readFile(join(dir, "key.pem")), cert: await readFile(join(dir, "cert.pem")) }, (req, res) => {
    hits.push(req.url ?? "");
    switch (req.url) {
      case "/good.csv":
        res.writeHead(200, { "content-type": "text/csv" }).end(good);
        return;
      case "/500.csv":
        res.writeHead(500).end("boom");
        return;
      case "/redirect.csv":
        res.writeHead(302, { location: "https://evil.example.org/good.csv" }).end();
        return;
      case "/other.csv":
        res.writeHead(200).end("Nom du projet;Ministère porteur\nAUTRE;MI\n");
        return;
      case "/error-page.csv":
        res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>");
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (!hasOpenssl) return;
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await removeDir(dir);
});

const STALE = "ancienne copie, sha256 inattendu\n";

describe.skipIf(!hasOpenssl)("panorama build with failing downloads (needs openssl for a local HTTPS server)", () => {
  it("skips the editions that cannot be had, with the reason, builds the others, keeps cached copies", { timeout: 120_000 }, async () => {
    const goodSha = sha256Hex(good);
    const source = (path: string, sha256: string | null = goodSha) => ({ kind: "spreadsheet", format: "csv", url: `${base}${path}`, sha256 });
    const catalogue = [
      { id: "2099-01", sources: [source("/good.csv")] },
      { id: "2099-02", sources: [source("/500.csv")] },
      { id: "2099-03", sources: [source("/redirect.csv")] },
      { id: "2099-04", sources: [source("/other.csv")] },
      { id: "2099-05", sources: [source("/500.csv")] },
      { id: "2099-06", sources: [source("/error-page.csv", null)] },
    ];
    const root = join(dir, "project");
    await mkdir(root, { recursive: true });
    await writeFile(join(root, "editions.local.json"), JSON.stringify(catalogue));
    const cache = join(root, ".cache", "panorama", "sources");
    // 2099-04: a stale cached copy, that the wrong download must not replace; 2099-05: a good cached copy, used without a download.
    await mkdir(join(cache, "2099-04"), { recursive: true });
    await writeFile(join(cache, "2099-04", "2099-04.csv"), STALE);
    await mkdir(join(cache, "2099-05"), { recursive: true });
    await writeFile(join(cache, "2099-05", "2099-05.csv"), good);

    const out = join(root, "out");
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, "cert.pem"), PANORAMA_ALLOWED_HOSTS: "127.0.0.1", PANORAMA_NO_CACHE: "1" };
    delete env.PANORAMA_MIRROR;
    delete env.PANORAMA_OFFLINE;
    const run = await exec(process.execPath, [BIN, "build", "--out", out], { cwd: root, env }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    const stdout = run.stdout;
    const stderr = run.stderr;
    expect((run as { code?: number }).code ?? 0).toBe(0);

    // Built: the download and the cached copy.
    expect(stdout).toMatch(/^2099-01 {2}5 rows .*\(spreadsheet\)$/m);
    expect(stdout).toMatch(/^2099-05 {2}5 rows .*\(spreadsheet\)$/m);
    const editions = await queryDuckdb(join(out, "panorama.duckdb"), "SELECT edition, sha256 FROM editions ORDER BY edition");
    expect(editions).toEqual([
      { edition: "2099-01", sha256: goodSha },
      { edition: "2099-05", sha256: goodSha },
    ]);

    // Skipped, each with its reason.
    const warnings = stderr.split(/^(?=warning: )/m);
    const skipped = (id: string) => warnings.find((w) => w.startsWith(`warning: edition ${id} skipped: `)) ?? "";
    expect(skipped("2099-02")).toMatch(new RegExp(`${base}/500\\.csv: HTTP 500`));
    expect(skipped("2099-02")).toMatch(/edition 2099-02, file spreadsheets\/2099-02\.csv: cannot get the spreadsheet \(csv\)/);
    expect(skipped("2099-03")).toMatch(
      new RegExp(
        `${base}/redirect\\.csv: refused https://evil\\.example\\.org/good\\.csv: host evil\\.example\\.org is not allowed \\(allowed: 127\\.0\\.0\\.1; see PANORAMA_ALLOWED_HOSTS\\)`,
      ),
    );
    expect(skipped("2099-04")).toMatch(/present but sha256 [0-9a-f]{64} differs from the expected/);
    expect(skipped("2099-04")).toMatch(new RegExp(`${base}/other\\.csv: downloaded \\d+ bytes with sha256 [0-9a-f]{64}, expected ${goodSha} \\(not kept\\)`));
    expect(skipped("2099-06")).toMatch(/skipped: file 2099-06\.csv: no project table in the dashboard page.*Note: file 2099-06\.csv is actually HTML, not CSV/);
    // The built-in editions are refused without a request (their host is not in the allow-list).
    expect(skipped("2021-11")).toMatch(/host raw\.githubusercontent\.com is not allowed/);
    expect(stderr).not.toMatch(/\n\s+at /);

    // The cache: the download kept, the stale copy untouched, the good copy used without a request.
    expect(await readFile(join(cache, "2099-01", "2099-01.csv"))).toEqual(good);
    expect(await readFile(join(cache, "2099-04", "2099-04.csv"), "utf8")).toBe(STALE);
    expect(hits.filter((h) => h === "/500.csv")).toHaveLength(1); // 2099-02 only: 2099-05 came from the cache
  });
});
