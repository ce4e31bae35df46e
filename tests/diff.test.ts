// Issue 14, point 7: `panorama editions diff` (rows added, removed, cells changed, keyed by project) and
// `panorama editions check` against the catalogued file of an edition, on files in the real formats.
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { compareWithCatalogue, checkSource } from "../loaders/build/check.js";
import { diffEditions, type EditionDiff } from "../loaders/build/diff.js";
import { sourceFile } from "../loaders/build/pipeline.js";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import type { Edition } from "../loaders/sources/catalogue.js";
import { sha256Hex } from "../loaders/sources/hash.js";
import { MIRROR, NO_MIRROR_REASON, removeDir, runCli, tempDir } from "./helpers.js";

const CSV = readFileSync(join(import.meta.dirname, "fixtures", "editions", "edition.csv"), "utf8");
const PAGE = readFileSync(join(import.meta.dirname, "fixtures", "read", "dashboard.html"), "utf8");

// The same edition republished: PAIE CENTRALE's cost now published, REGISTRE NATIONAL gone, a new project.
const REPUBLISHED = CSV.replace("Conception / Réalisation,NA,", "Conception / Réalisation,41.5,")
  .replace(/\nMI,Ministère de l'Intérieur,REGISTRE NATIONAL,[^\n]*/, "")
  .replace(
    "\nMI,Ministère de l'Intérieur,SYSTÈME",
    "\nMC,Ministère de la Culture,NOUVEAU PORTAIL,Non,Un portail.,https://a.gouv.fr/ https://b.gouv.fr/,2020-01-01,2,Cadrage,12,,Culture,Patrimoines (P175),,2016-11-03,,,\nMI,Ministère de l'Intérieur,SYSTÈME",
  );

const csv = (text: string, file = "edition.csv") => sourceFile(new TextEncoder().encode(text), file);

function workbook(text: string, bookType: "xlsx" | "ods") {
  const book = XLSX.read(text, { type: "string", raw: true });
  return sourceFile(new Uint8Array(XLSX.write(book, { type: "buffer", bookType }) as Buffer), `edition.${bookType}`);
}

const summary = (d: EditionDiff) => ({
  added: d.added.map((r) => r.name),
  removed: d.removed.map((r) => r.name),
  changed: d.changed.map((c) => [c.name, c.changes.map((x) => [x.column, x.before, x.after])]),
});

describe("diffEditions", () => {
  it("reports rows added, rows removed and cells changed, keyed by project (CSV)", () => {
    const d = diffEditions(csv(CSV), csv(REPUBLISHED, "edition-bis.csv"));
    expect(d.identical).toBe(false);
    expect(summary(d)).toEqual({ added: ["NOUVEAU PORTAIL"], removed: ["REGISTRE NATIONAL"], changed: [["PAIE CENTRALE", [["cost_meur", null, 41.5]]]] });
    expect(d.added[0]).toEqual({ key: "nouveau-portail", name: "NOUVEAU PORTAIL", row: 6 });
    expect(d.changed[0]).toMatchObject({ key: "paie-centrale", before_row: 5, after_row: 4 });
    expect(d.unchanged).toBe(3);
  });

  it.each<["xlsx" | "ods"]>([["xlsx"], ["ods"]])("finds the same differences in %s", (bookType) => {
    expect(summary(diffEditions(workbook(CSV, bookType), workbook(REPUBLISHED, bookType)))).toEqual(summary(diffEditions(csv(CSV), csv(REPUBLISHED))));
  });

  it("finds no difference between the same rows in two formats, and says the bytes differ", () => {
    const d = diffEditions(workbook(CSV, "xlsx"), workbook(CSV, "ods"));
    expect(d.identical).toBe(false);
    expect(summary(d)).toEqual({ added: [], removed: [], changed: [] });
    expect(diffEditions(csv(CSV), csv(CSV)).identical).toBe(true);
  });

  it("compares every link of a cell", () => {
    const more = REPUBLISHED.replace("https://a.gouv.fr/ https://b.gouv.fr/", "https://a.gouv.fr/");
    expect(summary(diffEditions(csv(REPUBLISHED), csv(more))).changed).toEqual([
      ["NOUVEAU PORTAIL", [["more_info_urls", ["https://a.gouv.fr/", "https://b.gouv.fr/"], ["https://a.gouv.fr/"]]]],
    ]);
  });

  it("compares dashboard pages", () => {
    const page = (html: string) => sourceFile(new TextEncoder().encode(html), "index.html");
    const changed = PAGE.replace('"data":[["PAYSAGE"', '"data":[["PAYSAGE 2"');
    const d = diffEditions(page(PAGE), page(changed));
    expect(d.before.edition).toBe("2021-11");
    expect(summary(d)).toEqual({ added: ["PAYSAGE 2"], removed: ["PAYSAGE"], changed: [] });
  });

  it("keys a name listed twice by its order in the file", () => {
    const twice = `${CSV.trimEnd()}\nSPM,Premier ministre,PORTAIL TEST,Oui,Un second.,,2013-07-01,1,Cadrage,3,,Zone,Programme,,2016-11-03,,,\n`;
    const d = diffEditions(csv(CSV), csv(twice));
    expect(d.added).toEqual([{ key: "portail-test#2", name: "PORTAIL TEST", row: 8 }]);
  });
});

describe("panorama editions diff", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    await writeFile(join(dir, "a.csv"), CSV);
    await writeFile(join(dir, "b.csv"), REPUBLISHED);
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it("prints the differences, one per line, and exits 0", async () => {
    const run = await runCli(["editions", "diff", "a.csv", "b.csv"], {}, dir);
    expect(run.code).toBe(0);
    expect(run.out.split("\n").slice(2)).toEqual([
      "bytes      different",
      "rows       1 row added, 1 removed, 1 changed (1 cell); 3 unchanged",
      '  + "NOUVEAU PORTAIL" (row 6, key nouveau-portail)',
      '  - "REGISTRE NATIONAL" (row 3, key registre-national)',
      '  ~ "PAIE CENTRALE" (row 5 → 4, key paie-centrale)',
      "      cost_meur: (empty) → 41.5",
    ]);
  });

  it("gives the same differences as JSON with --json", async () => {
    const run = await runCli(["editions", "diff", "a.csv", "b.csv", "--json"], {}, dir);
    expect(run.code).toBe(0);
    const d = JSON.parse(run.out) as EditionDiff;
    expect(summary(d)).toEqual(summary(diffEditions(csv(CSV), csv(REPUBLISHED))));
    expect(d.before).toMatchObject({ file: "a.csv", rows: 5, sha256: sha256Hex(CSV) });
  });

  it("prints no control character from the files (C0 ones are dropped when read, C1 ones escaped)", async () => {
    await writeFile(join(dir, "c.csv"), REPUBLISHED.replace("NOUVEAU PORTAIL", "NOUVEAU\u001b[31m\u009b31m PORTAIL"));
    const run = await runCli(["editions", "diff", "a.csv", "c.csv"], {}, dir);
    expect(run.out).not.toMatch(/[\u001b\u009b]/);
    expect(run.out).toContain('"NOUVEAU[31m\\u009b31m PORTAIL"');
  });

  it.each<[string[], number, RegExp]>([
    [["editions", "diff", "a.csv"], 2, /editions diff needs two files or URLs \(got 1\)/],
    [["editions", "diff", "a.csv", "b.csv", "c.csv"], 2, /needs two files or URLs \(got 3\)/],
    [["editions", "diff", "a.csv", "b.csv", "--edition", "2099-01"], 2, /editions diff does not take --edition/],
    [["editions", "diff", "a.csv", "nope.csv"], 1, /nope\.csv.*no such file/],
  ])("%j → exit %i", async (args, code, message) => {
    const run = await runCli(args, {}, dir);
    expect(run.code).toBe(code);
    expect(run.err).toMatch(message);
  });

  it("is in --help", async () => {
    const run = await runCli(["--help"], {}, dir);
    expect(run.out).toContain("panorama editions diff <file-or-url> <file-or-url> [--json]");
    expect(run.out).toContain("panorama editions check <file-or-url> [--edition YYYY-MM] [--json]");
  });
});

describe("panorama editions check against the catalogued file", () => {
  let dir: string;
  const catalogue = (sha256: string | null): Edition[] => [
    {
      id: "2099-01",
      label: "janvier 2099",
      number: null,
      mirrored: true,
      inferred: false,
      sources: [{ kind: "spreadsheet", format: "csv", url: null, altUrls: [], sha256, mirrorPath: "spreadsheets/2099-01.csv", upstreamId: "" }],
    },
  ];
  const env = () => ({ PANORAMA_MIRROR: join(dir, "mirror"), PANORAMA_OFFLINE: "1" });

  beforeEach(async () => {
    dir = await tempDir();
    await mkdir(join(dir, "mirror", "spreadsheets"), { recursive: true });
    await writeFile(join(dir, "mirror", "spreadsheets", "2099-01.csv"), CSV);
    await writeFile(join(dir, "bis.csv"), REPUBLISHED);
    await writeFile(join(dir, "editions.local.json"), JSON.stringify(catalogue(sha256Hex(CSV)).map(({ mirrored, inferred, number, ...e }) => e)));
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  const compare = async (text: string, sha256: string | null, mirror = true) => {
    const source = csv(text);
    const report = checkSource(source, "2099-01", text.length);
    return compareWithCatalogue(source, report, catalogue(sha256), defaultAcquireOptions(mirror ? env() : { PANORAMA_OFFLINE: "1" }, dir));
  };

  it("says a file is the catalogued one by its sha256", async () => {
    expect(await compare(CSV, sha256Hex(CSV))).toMatchObject({ edition: "2099-01", identical: true, diff: null });
  });

  it("lists the differences from the catalogued file when it can be had", async () => {
    const c = await compare(REPUBLISHED, sha256Hex(CSV));
    expect(c).toMatchObject({ identical: false, catalogued_sha256: sha256Hex(CSV), sha256: sha256Hex(REPUBLISHED), unavailable: null });
    expect(summary(c!.diff!)).toEqual(summary(diffEditions(csv(CSV), csv(REPUBLISHED))));
  });

  it("says it differs by sha256 when the catalogued file cannot be had, and cannot tell when no sha256 is catalogued", async () => {
    expect(await compare(REPUBLISHED, sha256Hex(CSV), false)).toMatchObject({
      identical: false,
      diff: null,
      unavailable: expect.stringContaining("cannot get"),
    });
    expect(await compare(REPUBLISHED, null, false)).toMatchObject({ identical: null, diff: null });
  });

  it("prints it, and gives it as JSON with --json", async () => {
    const run = await runCli(["editions", "check", "bis.csv", "--edition", "2099-01"], env(), dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `catalogue  differs from the catalogued spreadsheet of edition 2099-01 (sha256 ${sha256Hex(REPUBLISHED)} here, ${sha256Hex(CSV)} catalogued): 1 row added, 1 removed, 1 changed (1 cell)`,
    );
    expect(run.out).toContain("      cost_meur: (empty) → 41.5");
    const json = await runCli(["editions", "check", "bis.csv", "--edition", "2099-01", "--json"], env(), dir);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { edition: string; catalogue: { identical: boolean; diff: EditionDiff } };
    expect(parsed.edition).toBe("2099-01");
    expect(parsed.catalogue.identical).toBe(false);
    expect(summary(parsed.catalogue.diff)).toEqual(summary(diffEditions(csv(CSV), csv(REPUBLISHED))));
    const same = await runCli(["editions", "check", join(dir, "mirror", "spreadsheets", "2099-01.csv"), "--edition", "2099-01"], env(), dir);
    expect(same.out).toContain(`catalogue  identical to the catalogued spreadsheet of edition 2099-01 (sha256 ${sha256Hex(CSV)})`);
  });

  it.skipIf(!MIRROR)(`says the real November 2016 page is the catalogued one${MIRROR ? "" : ` (skipped: ${NO_MIRROR_REASON})`}`, async () => {
    const run = await runCli(
      ["editions", "check", join(MIRROR ?? "", "dashboards", "2016-11.html"), "--json"],
      { PANORAMA_MIRROR: MIRROR ?? "", PANORAMA_OFFLINE: "1" },
      dir,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).catalogue).toMatchObject({ edition: "2016-11", kind: "dashboard", identical: true });
  });
});
