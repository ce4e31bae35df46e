// Class: the terminal shows text, never control sequences. Escapes, C1 controls and bidirectional
// overrides from a CSV header, a dashboard page's date, an API's answer or a command-line argument
// reach the terminal as visible codes (\u{1b}), whatever message, warning, error or table carries them.

import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATASET_SLUG } from "../../loaders/sources/discover.js";
import { visibleText } from "../../loaders/errors.js";
import { removeDir, runCli, tempDir } from "../helpers.js";
import { expectUnchanged, GOOD_CSV, previousOutputs } from "../fixtures/hostile/support.js";
import { dashboardPage, projectWidget, widget } from "./pages.js";

// What must never reach a terminal raw: C0 but newline, DEL, C1, bidi controls, line separators.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const EVIL = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.exe\u2066x\u2069\r";

let dir: string;
beforeAll(async () => {
  dir = await tempDir("panorama-hostile-terminal-");
});
afterAll(async () => {
  await removeDir(dir);
});

function expectNoRaw(...texts: string[]): void {
  for (const text of texts) expect(RAW.exec(text)?.[0], JSON.stringify(text.slice(0, 300))).toBeUndefined();
}

describe("visibleText", () => {
  it("shows every control and bidirectional character as its code and keeps the rest", () => {
    expect(visibleText(`a${EVIL}\nb\té`)).toBe("a\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}gnp.exe\\u{2066}x\\u{2069}\\u{d}\nb\\u{9}é");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const shown = visibleText(s);
        expect(RAW.test(shown)).toBe(false);
        expect(visibleText(shown)).toBe(shown);
      }),
    );
  });
});

describe("the CLI prints no control sequence", () => {
  it("from a CSV header: the unknown column warning of ingest and the mapping of editions check", async () => {
    const lines = (await readFile(GOOD_CSV, "utf-8")).split("\r\n");
    lines[0] = lines[0]!.replace(/,,,$/, `,"${EVIL}",,`);
    const file = join(dir, "header.csv");
    await writeFile(file, lines.join("\r\n"));
    const ingest = await runCli(["ingest", file, "--edition", "2099-01", "--out", join(dir, "header-out")]);
    expect(ingest.code, ingest.err).toBe(0);
    expect(ingest.err).toContain('unknown column "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}gnp.exe');
    const check = await runCli(["editions", "check", file, "--edition", "2099-01"]);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toContain('"\\u001b]0;pwned\\u0007\\u001b[2J\\u{9b}31m\\u{202e}gnp.exe\\u{2066}x\\u{2069}" → not used');
    expectNoRaw(ingest.out, ingest.err, check.out, check.err);
  });

  it("from a dashboard page's date: the edition mismatch error, previous outputs byte-identical", async () => {
    const out = join(dir, "mismatch-out");
    const before = await previousOutputs(out);
    const file = join(dir, "page.html");
    await writeFile(file, dashboardPage(`mars 2099${EVIL}`, [widget(projectWidget("a1", 3))]));
    const run = await runCli(["ingest", file, "--edition", "2099-04", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^panorama: error: edition 2099-04, file .*page\.html: the page states the edition "mars 2099\\u\{1b\}\]0;pwned\\u\{7\}/);
    expect(run.err).toContain("\\u{202e}gnp.exe");
    expectNoRaw(run.out, run.err);
    await expectUnchanged(out, before);
  });

  it("from a command-line argument or a path, in usage errors and file errors", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", minLength: 1, maxLength: 30 }), async (s) => {
        const usage = await runCli([`x${s}`]);
        expect(usage.code).toBe(2);
        const missing = await runCli(["editions", "check", join(dir, `missing${s.replaceAll("/", "")}.csv`)]);
        expect(missing.code).toBe(1);
        expect(missing.err).toMatch(/^panorama: error: /);
        expectNoRaw(usage.out, usage.err, missing.out, missing.err);
      }),
      { numRuns: 40 },
    );
  });
});

describe("editions discover prints no control sequence from the API", () => {
  let server: Server;
  let base: string;
  const resource = {
    id: "0f0e0d0c-1111-4222-8333-444455556666",
    title: `Panorama ${EVIL} décembre 2023`,
    format: `xlsx${EVIL}`,
    url: "https://static.data.gouv.fr/resources/panorama/x.xlsx",
    latest: `https://www.data.gouv.fr/api/1/datasets/r/0f0e0d0c-1111-4222-8333-444455556666${EVIL}`,
    filesize: 52_480,
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    checksum: null,
    created_at: "2024-04-12T08:30:00+00:00",
    last_modified: `\u001b[2J\u001b]0;t\u0007${EVIL}`,
    type: "main",
  };
  beforeAll(async () => {
    const body = JSON.stringify({ id: "d", title: "Panorama", slug: DATASET_SLUG, resources: [resource] });
    server = createServer((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(body));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });
  const env = () => {
    const e: NodeJS.ProcessEnv = { ...process.env, PANORAMA_TIMEOUT_MS: "2000" };
    delete e.PANORAMA_ALLOWED_HOSTS;
    delete e.PANORAMA_OFFLINE;
    return e;
  };

  it("in the table: last_modified, format, title and address shown as codes", async () => {
    const run = await runCli(["editions", "discover", "--api", base], env(), dir);
    expect(run.code, run.err).toBe(0);
    // The date column shows the first ten characters of last_modified.
    expect(run.out).toContain("  \\u{1b}[2J\\u{1b}]0;t\\u{7}  xlsx\\u{1b}]0;pwned\\u{7}\\u{1b}[2j\\u{9b}31m\\u{202e}gnp.exe");
    expect(run.out).toContain("Panorama \\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}gnp.exe\\u{2066}x\\u{2069}  décembre 2023");
    expectNoRaw(run.out, run.err);
  });

  it("as JSON: the same values once parsed, nothing raw on the terminal", async () => {
    const run = await runCli(["editions", "discover", "--api", base, "--json"], env(), dir);
    expect(run.code, run.err).toBe(0);
    expectNoRaw(run.out, run.err);
    const parsed = JSON.parse(run.out) as { unknown: (typeof resource)[] };
    expect(parsed.unknown[0]).toMatchObject({ title: resource.title, last_modified: resource.last_modified, latest: resource.latest });
  });
});
