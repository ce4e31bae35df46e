import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mimeType, parseRange, resolveFile, startServer, type StaticServer } from "./server.js";

describe("static server for dist/", () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "panorama-server-"));
    await mkdir(join(root, "guide"));
    await mkdir(join(root, "_npm"));
    await writeFile(join(root, "index.html"), "<p>accueil</p>");
    await writeFile(join(root, "ministeres.html"), "<p>ministères</p>");
    await writeFile(join(root, "guide", "index.html"), "<p>guide</p>");
    await writeFile(join(root, "404.html"), "<p>introuvable</p>");
    await writeFile(join(root, "_npm", "duckdb.wasm"), Buffer.from("0123456789"));
    server = await startServer(root);
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ["/", "index.html"],
    ["/ministeres", "ministeres.html"],
    ["/ministeres.html", "ministeres.html"],
    ["/guide/", join("guide", "index.html")],
    ["/_npm/duckdb.wasm", join("_npm", "duckdb.wasm")],
    ["/minist%C3%A8res", null],
    ["/absent", null],
    ["/guide", null],
    ["/../etc/passwd", null],
    ["/%2e%2e/%2e%2e/etc/passwd", null],
    ["/%E0%A4%A", null],
  ])("resolves %s to %s", (url, expected) => {
    expect(resolveFile(root, url)).toBe(expected === null ? null : join(root, expected));
  });

  it.each([
    [undefined, null],
    ["bytes=0-3", { start: 0, end: 3 }],
    ["bytes=4-", { start: 4, end: 9 }],
    ["bytes=-3", { start: 7, end: 9 }],
    ["bytes=8-20", { start: 8, end: 9 }],
    ["bytes=10-12", "invalid"],
    ["bytes=5-2", "invalid"],
    ["bytes=-", "invalid"],
    ["items=0-1", "invalid"],
  ])("reads range %s of a 10-byte file as %j", (header, expected) => {
    expect(parseRange(header, 10)).toEqual(expected);
  });

  it.each([
    ["a.wasm", "application/wasm"],
    ["a.js", "text/javascript; charset=utf-8"],
    ["a.css", "text/css; charset=utf-8"],
    ["a.html", "text/html; charset=utf-8"],
    ["a.json", "application/json; charset=utf-8"],
    ["a.duckdb", "application/octet-stream"],
    ["a.parquet", "application/vnd.apache.parquet"],
    ["a.svg", "image/svg+xml"],
    ["a.unknown", "application/octet-stream"],
  ])("serves %s as %s", (file, expected) => {
    expect(mimeType(file)).toBe(expected);
  });

  it("listens on 127.0.0.1 only", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves clean URLs and the 404 page", async () => {
    const page = await fetch(`${server.url}/ministeres`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe("<p>ministères</p>");
    const missing = await fetch(`${server.url}/absent`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<p>introuvable</p>");
  });

  it("answers range requests as DuckDB-WASM sends them", async () => {
    const head = await fetch(`${server.url}/_npm/duckdb.wasm`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe("10");
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    const part = await fetch(`${server.url}/_npm/duckdb.wasm`, { headers: { Range: "bytes=2-5" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 2-5/10");
    expect(part.headers.get("content-type")).toBe("application/wasm");
    expect(await part.text()).toBe("2345");
    const beyond = await fetch(`${server.url}/_npm/duckdb.wasm`, { headers: { Range: "bytes=10-" } });
    expect(beyond.status).toBe(416);
  });
});
