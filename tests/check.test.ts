import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkSource, findCataloguedSource } from "../loaders/build/check.js";
import { dataGouvResourceId } from "../loaders/sources/input.js";
import { loadCatalogue } from "../loaders/sources/catalogue.js";
import { sourceFile } from "../loaders/build/pipeline.js";
import { MIRROR, NO_MIRROR_REASON, removeDir, runCli, tempDir } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const EDITION_CSV = join(FIXTURES, "editions", "edition.csv");
const NEW_CSV = join(FIXTURES, "editions", "2099-01.csv");
const PAGE = join(FIXTURES, "read", "dashboard.html");

const HEADER =
  "Ministère porteur,Ministère nom complet,Nom du projet,Projet interministériel,Début,Durée prévisionnelle en année,Phase du projet en cours,Coût estimé,Zone fonctionnelle,Financement [programme(s)]";
const ROW = "MI,Ministère de l'Intérieur,PROJET A,Non,2020-01-01,3,Cadrage,10,Sécurité,P307";

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const env = () => {
  const e: NodeJS.ProcessEnv = { ...process.env, PANORAMA_TIMEOUT_MS: "2000" };
  delete e.PANORAMA_ALLOWED_HOSTS;
  return e;
};
const check = (...args: string[]) => runCli(["editions", "check", ...args], env(), dir);
async function csv(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("panorama editions check", () => {
  it("prints the header mapping, the row count, the totals and the anomalies", async () => {
    const run = await check(EDITION_CSV, "--edition", "2099-01");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const lines = run.out.split("\n");
    expect(lines[0]).toMatch(/^file {7}.*edition\.csv \(csv, 1484 bytes, sha256 [0-9a-f]{64}\)$/);
    expect(lines[1]).toBe("edition    2099-01 (from --edition)");
    expect(lines).toContain("header     row 1, 15 columns (source column → output column):");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {3}3\. "Nom du projet" +→ name$/),
        expect.stringMatching(/^ {3}7\. "Début" +→ start_date$/),
        expect.stringMatching(/^ {2}10\. "Coût estimé" +→ cost_meur$/),
        expect.stringMatching(/^ {2}11\. "Coût estimé par tranche" +→ \(read, not output: cost band\)$/),
      ]),
    );
    expect(lines).toContain("rows       5 projects");
    expect(lines).toContain("totals     2 interministerial, total cost 59 M€ (2 of 5 with a cost), mean duration 5.1 years (3 with a duration)");
    expect(lines).toContain("anomalies  6 (values left empty in the tables):");
    expect(lines).toContain('  row 7, "Coût estimé": "beaucoup": not a number');
    expect(lines).toContain('  row 7, "En savoir plus sur le projet": "javascript:alert(1)": not an http(s) URL');
    expect(lines.at(-1)).toBe(`result     usable: panorama editions add ${EDITION_CSV} --edition 2099-01`);
  });

  it("names the edition a dashboard page states, and the figures it publishes", async () => {
    const run = await check(PAGE);
    expect(run.code).toBe(0);
    expect(run.out).toContain("edition    2021-11 (stated by the page)");
    expect(run.out).toContain("header     10 columns (source column → output column):");
    expect(run.out).toMatch(
      /^page says {2}3 projects, 2 interministerial, total cost 2\.62 bn€, mean duration 6\.1 years, schedule gap 15\.4 %, budget gap 13\.5 %$/m,
    );
    expect(run.out).toContain("edition 2021-11 is already in the catalogue (built-in, loaders/sources/catalogue.ts): adding this file needs --replace");
    expect(run.out).toMatch(/^result {5}usable: panorama editions add .*dashboard\.html --replace$/m);
  });

  it("suggests the edition from the publication dates, without taking it for granted", async () => {
    const run = await check(EDITION_CSV);
    expect(run.code).toBe(0);
    expect(run.out).toContain('edition    2016-11 (guessed from the column "Date de publication": confirm it with --edition)');
  });

  it("says when no edition can be found", async () => {
    const run = await check(NEW_CSV);
    expect(run.code).toBe(0);
    expect(run.out).toContain("edition    not stated by the file: give it with --edition YYYY-MM");
    expect(run.out).toMatch(/add .*2099-01\.csv --edition YYYY-MM$/m);
  });

  it("shows an unknown header with the closest known one, the output column left empty, and the fix", async () => {
    const path = await csv("variant.csv", `${HEADER.replace("Coût estimé", "Coût total prévu (M€)")}\n${ROW}\n`);
    const run = await check(path, "--edition", "2099-01");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ {3}8\. "Coût total prévu \(M€\)" +→ not used \(closest known header: "Coût actualisé \(M€\)"\)$/m);
    expect(run.out).toContain("An unused column that holds a known field needs one entry in HEADER_ALIASES (loaders/normalize/headers.ts), e.g.:");
    expect(run.out).toContain('if "Coût total prévu (M€)" holds cost_meur: add "Coût total prévu (M€)" to HEADER_ALIASES.cost');
    expect(run.out).not.toMatch(/^warning/m);
    expect(run.out).toContain("rows       1 project\n");
    expect(run.out).toMatch(
      /^missing {4}no column for cost_meur \(known headers: "Coût estimé", "Coût estimé \(M€\)", "Coût complet estimé"…\): the column stays empty$/m,
    );
    expect(run.out).toContain("total cost 0 M€ (0 of 1 with a cost)");
  });

  it.each<[string, () => Promise<string>, string, RegExp]>([
    ["a missing file", async () => join(dir, "absent.csv"), "2099-01", /cannot read the file: no such file/],
    ["a folder", async () => dir, "2099-01", /it is a folder, not a file/],
    ["an empty file", () => csv("empty.csv", ""), "2099-01", /the file is empty/],
    ["a PDF", () => csv("report.csv", "%PDF-1.7\n%âãÏÓ\n1 0 obj"), "2099-01", /a PDF file, not a CSV, XLSX, XLS or ODS spreadsheet/],
    [
      "no header row",
      () => csv("text.csv", "bonjour,le,monde\n1,2,3\n"),
      "2099-01",
      /no header row found in the first 30 rows.*one more entry in HEADER_ALIASES \(loaders\/normalize\/headers\.ts\)/s,
    ],
    [
      "a header without the project name",
      () => csv("noname.csv", `${HEADER.replace("Nom du projet", "Libellé")}\n${ROW}\n`),
      "2099-01",
      /lacks the required column\(s\) "Nom du projet"; unrecognized headers: "Libellé" \(closest known: "[^"]+"\)\..*A new header variant is one more entry in HEADER_ALIASES \(loaders\/normalize\/headers\.ts\)/s,
    ],
    ["a header and no project", () => csv("norows.csv", `${HEADER}\n`), "2099-01", /the project table has a header but no project rows/],
  ])("exits 1 on %s, saying why", async (_name, make, edition, message) => {
    const run = await check(await make(), "--edition", edition);
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toMatch(/^panorama: error: /);
    expect(run.err).toMatch(message);
  });

  it("exits 2 on an edition id that is not YYYY-MM (a usage error), saying why", async () => {
    const run = await check(await csv("ok.csv", `${HEADER}\n${ROW}\n`), "--edition", "2099-13");
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expect(run.err).toMatch(/^panorama: error: --edition "2099-13" is not an edition id/);
  });

  it("exits 1 when --edition contradicts the page", async () => {
    const run = await check(PAGE, "--edition", "2020-01");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/the page states the edition .*\(2021-11\) but 2020-01 was expected/);
  });

  it.each([
    [["editions", "check"], /needs one file or URL \(got 0\)/],
    [["editions", "check", "a.csv", "b.csv"], /needs one file or URL \(got 2\)/],
    [["editions", "check", "a.csv", "--replace"], /does not take --replace/],
    [["editions", "check", "a.csv", "--out", "x"], /does not take --out/],
  ])("usage errors exit 2: %j", async (args, message) => {
    const run = await runCli(args, env(), dir);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  describe("over HTTP", () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const bytes = await readFile(NEW_CSV);
      server = createServer((req, res) => {
        if (req.url === "/r/edition") res.writeHead(302, { Location: "/files/2099-01.csv" }).end();
        else if (req.url === "/files/2099-01.csv") res.writeHead(200, { "Content-Type": "text/csv" }).end(bytes);
        else res.writeHead(404).end();
      });
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((ok) => server.close(ok));
    });

    it("downloads a URL (redirects followed) and checks it", async () => {
      const run = await check(`${base}/r/edition`, "--edition", "2099-01");
      expect(run.err).toBe("");
      expect(run.code).toBe(0);
      expect(run.out).toContain(`file       ${base}/r/edition (csv, 785 bytes`);
      expect(run.out).toContain("rows       3 projects");
    });

    it("exits 1 with the HTTP status when the URL fails", async () => {
      const run = await check(`${base}/missing.csv`, "--edition", "2099-01");
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/cannot download http:\/\/127\.0\.0\.1:\d+\/missing\.csv: HTTP 404/);
    });

    it("refuses plain http off loopback", async () => {
      const run = await check("http://example.org/x.csv");
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/only https is allowed/);
    });
  });
});

describe("checkSource", () => {
  it("counts totals over the normalized rows", async () => {
    const bytes = await readFile(NEW_CSV);
    const report = checkSource(sourceFile(bytes, "2099-01.csv"), "2099-01", bytes.length);
    expect(report.totals).toEqual({ projects: 3, interministerial: 2, costMeur: 52.5, withCost: 2, meanDurationYears: 4.5, withDuration: 3 });
    expect(report.missing).toEqual([]);
    expect(report.kind).toBe("spreadsheet");
    expect(report.mapping.filter((m) => m.field === null)).toEqual([]);
  });
});

describe("catalogue matching", () => {
  it.each([
    ["https://www.data.gouv.fr/fr/datasets/r/d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db", "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db"],
    ["https://www.data.gouv.fr/api/1/datasets/r/C1D77AA2-115C-495E-9751-1630833218D5/", "c1d77aa2-115c-495e-9751-1630833218d5"],
    ["https://static.data.gouv.fr/resources/x/2021.ods", null],
    ["https://www.data.gouv.fr.evil.example/fr/datasets/r/d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db", null],
  ])("dataGouvResourceId(%s)", (url, id) => {
    expect(dataGouvResourceId(url)).toBe(id);
  });

  it.each([
    ["the sha256 of a catalogued source", "e9170a0e0d04f60acf7cd73e873e5ab31f9fb3cb302683cdc27295509de0457f", null, "2018-03"],
    [
      "the other address form of a data.gouv resource without sha256",
      "0".repeat(64),
      "https://www.data.gouv.fr/fr/datasets/r/c1d77aa2-115c-495e-9751-1630833218d5",
      "2021-11",
    ],
    ["an unknown file", "0".repeat(64), null, null],
    [
      "a catalogued address whose file has another sha256",
      "0".repeat(64),
      "https://raw.githubusercontent.com/DISIC/panorama/4ba4069f2e376981d3d1e76743d7e066736090fb/raw-data/panorama_projets_si.csv",
      null,
    ],
  ])("finds %s", (_name, sha, url, edition) => {
    expect(findCataloguedSource(loadCatalogue(dir), sha, url)?.edition.id ?? null).toBe(edition);
  });
});

describe.skipIf(!MIRROR)(`panorama editions check over the real editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  it.each([
    ["spreadsheets/2018-03.xlsx", [], "2018-03", /rows {7}61 projects/],
    ["dashboards/2021-11.html", [], "2021-11", /rows {7}50 projects\n.*\npage says {2}50 projects, 5 interministerial, total cost 2\.62 bn€/],
    ["spreadsheets/2016-11.csv", ["--edition", "2016-11"], "2016-11", /rows {7}57 projects\ntotals {5}18 interministerial/],
  ])("%s is usable and recognised as catalogued", async (file, args, edition, figures) => {
    const run = await check(join(MIRROR!, file), ...args);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(figures);
    expect(run.out).toContain(`of edition ${edition}: add only puts it in the cache`);
    expect(run.out).not.toMatch(/not used|^missing/m);
  });
});
