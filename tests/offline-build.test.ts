import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles as files } from "../scripts/dist-files.js";
import { buildFixtureSite, REPO, type FixtureSite } from "./e2e/fixture-site.js";

const duckdbWasmVersion = /DUCKDB_WASM_VERSION = "([^"]+)"/.exec(
  readFileSync(join(REPO, "node_modules", "@observablehq", "framework", "dist", "duckdb.js"), "utf-8"),
)?.[1];

describe("offline build of the fixture site", () => {
  let site: FixtureSite;

  beforeAll(async () => {
    site = await buildFixtureSite();
  }, 300_000);

  afterAll(async () => {
    await site?.cleanup();
  });

  it("downloads nothing (Framework logs each download as npm:… or duckdb:…)", () => {
    expect(site.log).not.toMatch(/^(npm|duckdb):/m);
    expect(site.log).toMatch(/^finalize-build: 3 page\(s\) in French, no third-party load$/m);
  });

  it.each(["index", "explicit", "sql"])("%s.html is in French and its head loads only local files", async (name) => {
    const html = await readFile(join(site.dist, `${name}.html`), "utf-8");
    const head = html.slice(0, html.indexOf("</head>"));
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="fr">/);
    expect(head).not.toMatch(/(href|src)="(https?:)?\/\//);
    expect(head).not.toMatch(/googleapis|gstatic|jsdelivr/);
  });

  it.each(["index", "explicit", "sql"])("%s.html carries the site's stylesheet in its head instead of linking it", async (name) => {
    const html = await readFile(join(site.dist, `${name}.html`), "utf-8");
    const head = html.slice(0, html.indexOf("</head>"));
    expect(html).not.toMatch(/<link rel="(stylesheet|preload" as="style)/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(head)?.[1] ?? "";
    expect(style).toMatch(/prefers-color-scheme:\s*dark/);
    expect(style).toContain(".prerendered");
  });

  it("ships stylesheets that import no font from another host", async () => {
    const css = (await files(site.dist)).filter((f) => f.endsWith(".css"));
    expect(css.length).toBeGreaterThan(0);
    for (const file of css) expect(await readFile(file, "utf-8")).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//);
  });

  it.each(["duckdb-mvp.wasm", "duckdb-eh.wasm", /^duckdb-browser-mvp\.worker\.[0-9a-f]{8}\.js$/, /^duckdb-browser-eh\.worker\.[0-9a-f]{8}\.js$/])(
    "ships DuckDB-WASM's %s at the version Framework pins",
    async (name) => {
      expect(duckdbWasmVersion).toBeDefined();
      const dir = join(site.dist, "_npm", "@duckdb", `duckdb-wasm@${duckdbWasmVersion}`, "dist");
      const names = await readdir(dir);
      expect(names.some((n) => (typeof name === "string" ? n === name : name.test(n)))).toBe(true);
    },
  );

  it("resolves every static import of every page module to a file in dist/", async () => {
    const modules = (await files(join(site.dist, "_npm"))).filter((f) => f.endsWith(".js") && !f.includes(".worker."));
    expect(modules.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const entry of modules) {
      // esbuild fails on any static import it cannot resolve; lazy import() targets are left alone.
      await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: "esm",
        logLevel: "silent",
        plugins: [
          { name: "lazy", setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === "dynamic-import" ? { path: a.path, external: true } : undefined)) },
        ],
      }).catch((error: { errors?: { text: string }[] }) => missing.push(`${relative(site.dist, entry)}: ${error.errors?.map((e) => e.text).join("; ")}`));
    }
    expect(missing).toEqual([]);
  });

  it("serves each package at one version, so pages and libraries share one copy", async () => {
    const names = (await readdir(join(site.dist, "_npm"))).flatMap((n) => (n.startsWith("@") ? [] : [n.slice(0, n.lastIndexOf("@"))]));
    expect(names.length).toBeGreaterThan(30);
    expect(new Set(names).size).toBe(names.length);
  });

  it("leaves the cache as prepare-offline recorded it (Framework added nothing)", async () => {
    const stamp = JSON.parse(await readFile(join(site.root, ".observablehq", "cache", "panorama-offline.json"), "utf-8")) as { files: string[] };
    const cache = join(site.root, ".observablehq", "cache", "_npm");
    const listing = (await readdir(cache, { recursive: true })).map((p) => p.split("\\").join("/")).sort();
    expect(listing).toEqual(stamp.files);
    expect(existsSync(join(cache, `@duckdb/duckdb-wasm@${duckdbWasmVersion}`, "_esm.js"))).toBe(true);
  });
});

describe("offline guard (scripts/offline-guard.js)", () => {
  let loopback: string;
  let close: () => void;

  beforeAll(async () => {
    delete process.env.PANORAMA_ALLOW_NETWORK;
    await import(new URL("../scripts/offline-guard.js", import.meta.url).href);
    const server = createServer((_, response) => response.end("local"));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    loopback = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    close = () => server.close();
  });

  afterAll(() => close?.());

  it.each([
    "https://cdn.jsdelivr.net/npm/d3@7.9.2/+esm",
    "https://registry.npmjs.org/@observablehq/plot/latest",
    "https://extensions.duckdb.org/v1.1.1/wasm_eh/json.duckdb_extension.wasm",
    "https://events.observablehq.com/cli",
  ])("refuses %s with a hint", async (url) => {
    await expect(fetch(url)).rejects.toThrow(/offline build: Framework tried to fetch .*\n.*scripts\/prepare-offline\.js/);
  });

  it("lets requests to this machine through", async () => {
    expect(await (await fetch(loopback)).text()).toBe("local");
  });
});
