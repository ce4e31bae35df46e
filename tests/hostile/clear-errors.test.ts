// Class: a clear error, never "unexpected error". Each hostile input or condition gives a
// PanoramaError naming the file, the place and what to do (usage errors exit 2), or is read
// correctly; previous outputs stay byte-identical.

import { execFile } from "node:child_process";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCostMeur, parseDurationYears, parseNumber } from "../../loaders/normalize/values.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { expectUnchanged, GOOD_CSV, previousOutputs } from "../fixtures/hostile/support.js";
import { dashboardPage, projectWidget, widget, widgetJson, widgetScript } from "./pages.js";

const REPO = join(import.meta.dirname, "..", "..");
let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir("panorama-hostile-errors-");
});
afterAll(async () => {
  await removeDir(dir);
});

/** Runs `args` (`OUT` stands for a folder holding previous outputs) and checks that those outputs did not change. */
async function againstPrevious(args: (out: string) => string[]): Promise<{ code: number; out: string; err: string }> {
  const out = join(dir, `out-${++n}`);
  const before = await previousOutputs(out);
  const run = await runCli(args(out), process.env, dir);
  await expectUnchanged(out, before);
  return run;
}

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("dashboard widgets that cannot be read", () => {
  it("a cell nested 100 000 levels deep: the row and column named, not a stack overflow", async () => {
    const deep = `${"[".repeat(100_000)}"x"${"]".repeat(100_000)}`;
    const json = widgetJson(projectWidget("d", 2)).replace('["P1","P2"]', `["P1",${deep}]`);
    const page = await file("deep.html", dashboardPage("mars 2099", [widgetScript("d", json)]));
    const run = await againstPrevious((out) => ["ingest", page, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^panorama: error: file .*deep\.html, row 2, column "Projet": the widget's cell holds a value nested too deeply to read.* Check that the file is a Panorama dashboard page/,
    );
    expect(run.err).not.toMatch(/unexpected|call stack/i);
  });

  it("widget JSON nested deeper than the parser allows elsewhere: read, the table found", async () => {
    const deep = `{"x":{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}}}`;
    const page = await file(
      "deep-other.html",
      dashboardPage("mars 2099", [widgetScript("z", `${deep.slice(0, -1)},"container":"","data":[]}`), widget(projectWidget("a", 2))]),
    );
    const run = await runCli(["editions", "check", page]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^rows {7}2 projects$/m);
  });

  it("columns of unequal length: the widget and each column's length named", async () => {
    const w = projectWidget("u", 3);
    w.columns[1] = w.columns[1]!.slice(0, 2);
    const page = await file("unequal.html", dashboardPage("mars 2099", [widget(w)]));
    const run = await againstPrevious((out) => ["ingest", page, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^panorama: error: file .*unequal\.html: no project table in the dashboard page: .*DT table widgets that cannot be read: htmlwidget-u: its columns have unequal lengths \(1 "Projet": 3, 2 "Ministère porteur": 2, 3 "Coût estimé": 3 values\)/,
    );
    expect(run.err).not.toContain("no DT table widget was found");
  });

  it("a column that is not a list, or more columns than labels: named", async () => {
    const notList = widgetJson(projectWidget("l", 2)).replace('["P1","P2"]', '{"P1":1}');
    const extra = projectWidget("e", 2);
    extra.headers.pop();
    const page = await file("shapes.html", dashboardPage("mars 2099", [widgetScript("l", notList), widget(extra)]));
    const run = await runCli(["editions", "check", page]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('htmlwidget-l: x.data[0] (column 1 "Projet") is not a list of values');
    expect(run.err).toContain("htmlwidget-e: x.container has 2 <th> labels for 3 columns in x.data");
  });
});

describe("--out that cannot be a folder of outputs", () => {
  it.each([
    ["is a file", (f: string) => f, /--out .*not-a-folder\.txt is a file, not a folder\. Give a folder/],
    [
      "is below a file",
      (f: string) => join(f, "sub", "out"),
      /--out .*not-a-folder\.txt\/sub\/out cannot be created: .*not-a-folder\.txt is a file, not a folder/,
    ],
  ])("%s: a usage error before any work, the file untouched", async (_, target, message) => {
    const path = await file("not-a-folder.txt", "keep me\n");
    for (const command of [["ingest", GOOD_CSV], ["build"]]) {
      const run = await runCli([...command, "--out", target(path)], process.env, dir);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(new RegExp(`^panorama: error: ${message.source}`));
      expect(await readFile(path, "utf-8")).toBe("keep me\n");
    }
  });

  it("that cannot be written: the folder and the reason named", async () => {
    let parent = "/proc/self";
    if (process.getuid?.() !== 0) {
      parent = join(dir, "read-only");
      await mkdir(parent, { mode: 0o555 });
    }
    const run = await runCli(["ingest", GOOD_CSV, "--edition", "2099-01", "--out", join(parent, "out")], process.env, dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^panorama: error: --out .*\/out: cannot write in .* \(access .* failed: (permission denied \(EACCES\)|operation not permitted \(EPERM\))\)\. Choose a folder you can write to/,
    );
    expect(run.err).not.toMatch(/manifest|unexpected/);
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [
      "ingest --edition 2099-13",
      (out: string) => ["ingest", GOOD_CSV, "--edition", "2099-13", "--out", out],
      /--edition "2099-13" is not an edition id\. Use the form YYYY-MM/,
    ],
    ["ingest --edition juin", (out: string) => ["ingest", GOOD_CSV, "--edition", "juin", "--out", out], /--edition "juin" is not an edition id/],
    ["editions check --edition 99-01", () => ["editions", "check", GOOD_CSV, "--edition", "99-01"], /--edition "99-01" is not an edition id/],
    ["editions add --edition 2099-00", () => ["editions", "add", GOOD_CSV, "--edition", "2099-00"], /--edition "2099-00" is not an edition id/],
    ["editions discover --api nonsense", () => ["editions", "discover", "--api", "not a url"], /--api "not a url" is not a URL/],
    ["ingest --replace", (out: string) => ["ingest", GOOD_CSV, "--replace", "--out", out], /ingest does not take --replace/],
    ["build --edition", (out: string) => ["build", "--edition", "2099-01", "--out", out], /build does not take --edition/],
  ])("%s", async (_, args, message) => {
    const run = await againstPrevious(args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`^panorama: error: ${message.source}`));
    await expect(stat(join(dir, "editions.local.json"))).rejects.toThrow();
  });
});

describe("addresses that do not parse", () => {
  it.each(["http://[::1", "https://exa%mple.com/x.csv", "https://"])("%s: named, not an unexpected error", async (address) => {
    const run = await runCli(["editions", "check", address], process.env, dir);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`panorama: error: "${address}" is not a valid address. Give an https address (or a local path) as the file to read.`);
  });
});

describe("numeric environment variables are range-checked", () => {
  it.each(["0", "-5", "1e3", "0x10", "3600001", "99999999999", "12.5", "abc", "1_000"])("PANORAMA_TIMEOUT_MS=%s", async (value) => {
    const run = await runCli(["editions", "check", "http://127.0.0.1:9/x.csv"], { ...process.env, PANORAMA_TIMEOUT_MS: value }, dir);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `panorama: error: PANORAMA_TIMEOUT_MS="${value}" is not a whole number of milliseconds from 1 to 3600000 (one hour). Set it to, for example, 30000, or unset it for the default.`,
    );
  });

  it.each(["abc", "-1", "1e12", "99999999999999"])(
    "SOURCE_DATE_EPOCH=%s stops the site's configuration with a clear message",
    async (value) => {
      const script = await file(`config-${value}.mts`, `await import(${JSON.stringify(join(REPO, "observablehq.config.ts"))});\n`);
      const error = await promisify(execFile)(join(REPO, "node_modules", ".bin", "tsx"), [script], {
        cwd: REPO,
        env: { ...process.env, SOURCE_DATE_EPOCH: value },
      }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(error?.code).toBe(1);
      expect(error?.stderr).toContain(`SOURCE_DATE_EPOCH=${JSON.stringify(value)} is not a number of seconds since 1970-01-01`);
    },
    30_000,
  );
});

describe("text read correctly", () => {
  it.each([
    ["+7", 7],
    ["+7,5 M€", 7.5],
    ["+1 234,5", 1234.5],
    ["−7", -7],
    ["-7", -7],
  ])("%s is %d", (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it("a cost of +7,5 and a duration of +3 ans are positive, without anomaly", async () => {
    const csv = (await readFile(GOOD_CSV, "utf-8")).replace("3.75,Déploiement,7,", '"+3 ans",Déploiement,"+7,5",');
    expect(parseCostMeur("+7,5")).toEqual({ ok: true, value: 7.5 });
    expect(parseDurationYears("+3 ans")).toEqual({ ok: true, value: 3 });
    const out = join(dir, "plus");
    const run = await runCli(["ingest", await file("plus.csv", csv), "--edition", "2099-01", "--out", out]);
    expect(run.code, run.err).toBe(0);
    const db = join(out, "panorama.duckdb");
    expect(await queryDuckdb(db, "SELECT cost_meur, duration_years FROM projects WHERE name = 'PORTAIL TEST'")).toEqual([
      { cost_meur: 7.5, duration_years: 3 },
    ]);
    expect(await queryDuckdb(db, "SELECT count(*)::INTEGER AS n FROM anomalies WHERE source_row = 2")).toEqual([{ n: 0 }]);
  });

  it.each(["utf16le", "utf16be"] as const)("a %s file without byte-order mark is read as the same edition as its UTF-8 original", async (encoding) => {
    const text = await readFile(GOOD_CSV, "utf-8");
    const bytes = Buffer.from(text.replace(/^\ufeff/, ""), "utf16le");
    if (encoding === "utf16be") bytes.swap16();
    const runs = [];
    for (const [name, content] of [
      [`${encoding}.csv`, bytes],
      ["utf8.csv", text],
    ] as const) {
      const out = join(dir, `enc-${name}`);
      const run = await runCli(["ingest", await file(name, content), "--edition", "2099-01", "--out", out]);
      expect(run.code, run.err).toBe(0);
      expect(run.err).not.toMatch(/binary/);
      runs.push(await queryDuckdb(join(out, "panorama.duckdb"), "SELECT * EXCLUDE (source_file) FROM projects ORDER BY source_row"));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.map((r) => r.name)).toContain("SYSTÈME ÉRRONÉ");
  });
});
