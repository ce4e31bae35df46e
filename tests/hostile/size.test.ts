// Size limits (loaders/sources/limits.ts): a file over the size limit is refused from
// its size on disk, before it is read; a zip whose entries would explode is
// refused from its directory, before SheetJS parses it; tables over the row or
// column limit are refused; a large edition within the limits loads. The slow
// variants (ODS bombs read with the real memory and time limits, 100 000-row
// editions, the real 200 000-row limit) are in size.slow.test.ts (npm run test:hostile).

import { execFileSync } from "node:child_process";
import { mkdir, truncate, writeFile } from "node:fs/promises";
import * as fs from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as XLSX from "xlsx";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acquire, type AcquireOptions } from "../../loaders/sources/acquire.js";
import type { Edition, SourceRef } from "../../loaders/sources/catalogue.js";
import { PanoramaError } from "../../loaders/errors.js";
import { LIMITS, type Limits } from "../../loaders/sources/limits.js";
import { readSource } from "../../loaders/read/index.js";
import { readDashboard } from "../../loaders/read/dashboard.js";
import { checkZip } from "../../loaders/read/zip.js";
import { readIsolated } from "../../loaders/read/sheetjs.js";
import { MIRROR, NO_MIRROR_REASON, queryDuckdb, removeDir, runCli, tempDir, thrown } from "../helpers.js";
import {
  expectUnchanged,
  GOOD_CSV,
  makeZip,
  odsPackage,
  odsRow,
  previousOutputs,
  sheetXml,
  workbook,
  xlsxParts,
  zerosDeflated,
  type Row,
  type Snapshot,
  type ZipPart,
} from "../fixtures/hostile/support.js";
import { describeLargeEdition, ODS_BOMBS, ODS_EMPTY_TAIL, ODS_HEADER } from "./size-cases.js";

// Spies: which files are read (a file may be opened to be checked, never read), and whether
// SheetJS is ever asked to parse (the workbook reader loads SheetJS with require: spy on that module object).
const reads = vi.hoisted(() => [] as string[]);
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const open = vi.fn(async (path: Parameters<typeof real.open>[0], ...rest: unknown[]) => {
    const handle = await (real.open as (...args: unknown[]) => Promise<import("node:fs/promises").FileHandle>)(path, ...rest);
    const read = handle.read.bind(handle) as (...args: unknown[]) => unknown;
    (handle as { read: unknown }).read = (...args: unknown[]) => {
      reads.push(String(path));
      return read(...args);
    };
    return handle;
  });
  return { ...real, open, readFile: vi.fn(real.readFile) };
});
const sheetjs = createRequire(import.meta.url)("xlsx") as typeof XLSX;
const sheetjsRead = vi.spyOn(sheetjs, "read");

const MiB = 1024 * 1024;
const opened = () => [...reads, ...vi.mocked(fs.readFile).mock.calls.map((c) => String(c[0]))];
const parsed = () => sheetjsRead.mock.calls.length;

let dir: string;
beforeEach(async () => {
  dir = await tempDir("panorama-size-");
  reads.length = 0;
  vi.mocked(fs.readFile).mockClear();
  sheetjsRead.mockClear();
});
afterEach(async () => {
  await removeDir(dir);
});

/** A sparse file of `size` bytes: it takes no room on disk and reading it would cost `size` bytes of memory. */
async function sparse(path: string, size: number): Promise<string> {
  await writeFile(path, "");
  await truncate(path, size);
  return path;
}

describe("a file over the size limit is refused before it is read", () => {
  it("panorama ingest: refused from its size on disk, never opened, outputs unchanged", async () => {
    const out = join(dir, "out");
    const before = await previousOutputs(out);
    reads.length = 0;
    const big = await sparse(join(dir, "enorme.csv"), LIMITS.maxFileBytes + 1);
    const run = await runCli(["ingest", big, "--edition", "2099-05", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `panorama: error: file ${big}: the file is 52 428 801 bytes (50 MiB), over the limit of 52 428 800 bytes (50 MiB) for a source file; it was not read. ` +
        "Check that the file is a Panorama edition (the real ones are a few MB at most); if it is genuine, raise the limit in loaders/sources/limits.ts.",
    );
    expect(opened()).not.toContain(big);
    await expectUnchanged(out, before);
  });

  it("a file of exactly the limit is read (and then judged by its content)", async () => {
    const edge = await sparse(join(dir, "limite.csv"), LIMITS.maxFileBytes);
    const run = await runCli(["ingest", edge, "--edition", "2099-05", "--out", join(dir, "out")]);
    expect(opened()).toContain(edge);
    expect(run.err).toMatch(/the content is binary data/);
  });

  it.each([
    ["a device that never ends", "/dev/zero", /cannot read the file: it is a device, not a regular file; only regular files are read/],
    ["a folder", "DIR", /cannot read the file: it is a folder, not a file/],
  ])("%s is never read", async (_, path, message) => {
    const target = path === "DIR" ? dir : path;
    const run = await runCli(["ingest", target, "--edition", "2099-05", "--out", join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
    expect(opened()).not.toContain(target);
  });

  it("acquire: a cached copy or a mirror file over the limit is not read; the message says why", async () => {
    const source: SourceRef = {
      kind: "spreadsheet",
      format: "csv",
      url: "https://static.data.gouv.fr/x.csv",
      altUrls: [],
      sha256: "a".repeat(64),
      mirrorPath: "spreadsheets/2099-05.csv",
      upstreamId: "",
    };
    const edition: Edition = { id: "2099-05", label: "mai 2099", number: null, mirrored: true, inferred: false, sources: [source] };
    const cacheDir = join(dir, "cache");
    const mirrorDir = join(dir, "mirror");
    await mkdir(join(cacheDir, "2099-05"), { recursive: true });
    await mkdir(join(mirrorDir, "spreadsheets"), { recursive: true });
    const cached = await sparse(join(cacheDir, "2099-05", "2099-05.csv"), LIMITS.maxFileBytes + 10);
    const mirrored = await sparse(join(mirrorDir, "spreadsheets", "2099-05.csv"), LIMITS.maxFileBytes + 20);
    const other = await sparse(join(mirrorDir, "spreadsheets", "autre.csv"), LIMITS.maxFileBytes + 30);
    const opts: AcquireOptions = { cacheDir, mirrorDir, online: false, timeoutMs: 1000, allowedHosts: [], maxBytes: LIMITS.maxFileBytes };
    const error = await acquire(edition, source, opts).then(
      () => null,
      (e: unknown) => e as PanoramaError,
    );
    expect(error).toBeInstanceOf(PanoramaError);
    expect(error!.message).toContain(`cache ${cached}: present but 52 428 810 bytes (50 MiB), over the limit of 52 428 800 bytes (50 MiB) (ignored, not read)`);
    expect(error!.message).toContain(`mirror ${mirrored}: refused, 52 428 820 bytes (50 MiB) is over the limit of 52 428 800 bytes (50 MiB) (not read)`);
    // The sha256 scan of the mirror skips files over the limit too.
    expect(opened().filter((p) => [cached, mirrored, other].includes(p))).toEqual([]);
  });

  it("readSource refuses bytes over the limit whatever their content", () => {
    const limits: Limits = { ...LIMITS, maxFileBytes: 10 };
    const error = thrown(() => readSource(new TextEncoder().encode("a;b\n1;2\n3;4\n"), "petit.csv", limits));
    expect(error.message).toMatch(/^file petit\.csv: the file is 12 bytes, over the limit of 10 bytes for a source file/);
  });
});

describe("every command applies the same limits to a local path (ingest, editions check, editions add)", () => {
  const OFFLINE = { ...process.env, PANORAMA_OFFLINE: "1", PANORAMA_MIRROR: "", PANORAMA_NO_CACHE: "1" };
  /** A checkout with previous outputs and a local catalogue that already records edition 2099-01. */
  async function checkout(): Promise<{ root: string; out: string; before: Snapshot; catalogue: Buffer }> {
    const root = join(dir, "checkout");
    await mkdir(root, { recursive: true });
    const out = join(root, "out");
    const before = await previousOutputs(out);
    const added = await runCli(["editions", "add", GOOD_CSV, "--edition", "2099-01"], OFFLINE, root);
    expect(added.code, added.err).toBe(0);
    return { root, out, before, catalogue: await fs.readFile(join(root, "editions.local.json")) };
  }

  const inputs: [string, (root: string) => Promise<string>, RegExp][] = [
    ["a file over the size limit", (root) => sparse(join(root, "enorme.csv"), LIMITS.maxFileBytes + 1), /it was not read/],
    ["a device that never ends (/dev/zero)", async () => "/dev/zero", /cannot read the file: it is a device, not a regular file; only regular files are read/],
    [
      "a FIFO nobody writes to (it would block)",
      async (root) => {
        execFileSync("mkfifo", [join(root, "tube.csv")]);
        return join(root, "tube.csv");
      },
      /cannot read the file: it is a pipe \(FIFO\), not a regular file; only regular files are read/,
    ],
    ["a folder", async (root) => root, /cannot read the file: it is a folder, not a file; only regular files are read/],
  ];
  const commands: [string, (target: string, out: string) => string[]][] = [
    ["ingest", (target, out) => ["ingest", target, "--edition", "2099-05", "--out", out]],
    ["editions check", (target) => ["editions", "check", target, "--edition", "2099-05"]],
    ["editions add", (target) => ["editions", "add", target, "--edition", "2099-05"]],
  ];
  for (const [what, make, message] of inputs) {
    it.each(commands)(`${what}: %s refuses it without reading it, exit 1, nothing changed`, async (_, args) => {
      const { root, out, before, catalogue } = await checkout();
      const target = await make(root);
      reads.length = 0;
      const run = await runCli(args(target, out), OFFLINE, root);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(new RegExp(`^panorama: error: file ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
      expect(run.err).toMatch(message);
      expect(run.out).toBe("");
      expect(opened()).not.toContain(target);
      expect((await fs.readFile(join(root, "editions.local.json"))).equals(catalogue)).toBe(true);
      await fs.rm(join(root, "tube.csv"), { force: true });
      await expectUnchanged(out, before);
    });
  }

  it("a local catalogue that is a FIFO is refused, not waited on", async () => {
    const root = join(dir, "fifo-catalogue");
    await mkdir(root, { recursive: true });
    execFileSync("mkfifo", [join(root, "editions.local.json")]);
    const run = await runCli(["editions", "add", GOOD_CSV, "--edition", "2099-05"], OFFLINE, root);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/editions\.local\.json: cannot read the file: it is a pipe \(FIFO\), not a regular file/);
  });
});

describe("a zip whose uncompressed size explodes is refused before SheetJS parses it", () => {
  const sheetPart = (over: Partial<ZipPart>): ZipPart => ({ name: "xl/worksheets/sheet1.xml", ...over });
  const odsParts = (content: ZipPart): ZipPart[] => [
    { name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet"), stored: true },
    {
      name: "META-INF/manifest.xml",
      data: Buffer.from('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
    },
    content,
  ];
  const bomb = zerosDeflated(300);

  it.each<[string, () => Buffer, string, RegExp]>([
    [
      "300 MiB of zeros, declared honestly",
      () => makeZip(xlsxParts(sheetPart({ deflated: bomb, uncompressedSize: 300 * MiB }))),
      "bombe.xlsx",
      /the XLSX workbook is refused before it is opened: its entries would expand to more than 209 715 200 bytes \(200 MiB\) \(entry "xl\/worksheets\/sheet1\.xml" alone declares 314 572 800 bytes \(300 MiB\)\)/,
    ],
    [
      "300 MiB of zeros declared as 1 000 bytes (a directory that lies)",
      () => makeZip(xlsxParts(sheetPart({ deflated: bomb, uncompressedSize: 1000 }))),
      "menteur.xlsx",
      /entry "xl\/worksheets\/sheet1\.xml" expands beyond the 1 000 bytes its directory declares/,
    ],
    [
      "5 MiB of zeros: under the total, over the 100:1 ratio",
      () => makeZip(xlsxParts(sheetPart({ deflated: zerosDeflated(5), uncompressedSize: 5 * MiB }))),
      "ratio.xlsx",
      /entry "xl\/worksheets\/sheet1\.xml" would expand \d{4} times \(5 \d{3} bytes → 5 242 880 bytes \(5 MiB\)\), over the limit of 100:1/,
    ],
    [
      "300 entries sharing one 1 MiB stream (overlapping entries)",
      () =>
        makeZip([
          ...xlsxParts(sheetPart({ data: Buffer.from(sheetXml([["a"]])) })),
          { name: "xl/media/0.bin", deflated: zerosDeflated(1), uncompressedSize: MiB },
          ...Array.from({ length: 299 }, (_, i): ZipPart => ({ name: `xl/media/${i + 1}.bin`, uncompressedSize: MiB, sameDataAs: 5 })),
        ]),
      "chevauchement.xlsx",
      /its entries would expand to more than 209 715 200 bytes \(200 MiB\)/,
    ],
    [
      "an entry declaring 1 TiB through ZIP64",
      () => makeZip(xlsxParts(sheetPart({ deflated: zerosDeflated(1), uncompressedSize: 2 ** 40, zip64: true }))),
      "zip64.xlsx",
      /entry "xl\/worksheets\/sheet1\.xml" alone declares 1 099 511 627 776 bytes/,
    ],
    [
      "10 001 entries",
      () =>
        makeZip([
          ...xlsxParts(sheetPart({ data: Buffer.from(sheetXml([["a"]])) })),
          ...Array.from({ length: 10_001 }, (_, i): ZipPart => ({ name: `x/${i}`, data: Buffer.from("x"), stored: true })),
        ]),
      "entrees.xlsx",
      /it has 10006 entries, over the limit of 10000/,
    ],
    [
      "an ODS whose content.xml explodes",
      () => makeZip(odsParts({ name: "content.xml", deflated: bomb, uncompressedSize: 300 * MiB })),
      "bombe.ods",
      /the ODS workbook is refused before it is opened: its entries would expand to more than 209 715 200 bytes/,
    ],
  ])("%s", (_, build, file, message) => {
    const error = thrown(() => readSource(build(), file));
    expect(error.place).toEqual({ file });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/zip bomb/);
    expect(error.hint).toMatch(/raise the limit in loaders\/sources\/limits\.ts/);
    expect(parsed()).toBe(0);
  });

  it("through panorama ingest: refused, no output changed", async () => {
    const out = join(dir, "out");
    const before = await previousOutputs(out);
    sheetjsRead.mockClear();
    const path = join(dir, "bombe.xlsx");
    await writeFile(path, makeZip(xlsxParts(sheetPart({ deflated: bomb, uncompressedSize: 300 * MiB }))));
    const run = await runCli(["ingest", path, "--edition", "2099-05", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^panorama: error: edition 2099-05, file bombe\.xlsx: the XLSX workbook is refused before it is opened/);
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(parsed()).toBe(0);
    await expectUnchanged(out, before);
  });

  it("a hand-built package within the limits is parsed", () => {
    const bytes = makeZip(
      xlsxParts(
        sheetPart({
          data: Buffer.from(
            sheetXml([
              ["Nom du projet", "Ministère porteur"],
              ["ALPHA", "MI"],
            ]),
          ),
        }),
      ),
    );
    expect(readSource(bytes, "petit.xlsx").sheets[0]!.rows).toEqual([
      { row: 1, cells: ["Nom du projet", "Ministère porteur"] },
      { row: 2, cells: ["ALPHA", "MI"] },
    ]);
    expect(parsed()).toBe(1);
  });

  it.skipIf(!MIRROR)(`the real 2018 workbook passes the zip check (skipped when ${NO_MIRROR_REASON})`, async () => {
    const bytes = await fs.readFile(join(MIRROR ?? "", "spreadsheets", "2018-03.xlsx"));
    const summary = checkZip(bytes, "2018-03.xlsx", "XLSX workbook");
    expect(summary.entries.length).toBe(14);
    expect(summary.uncompressedBytes).toBeLessThan(LIMITS.maxZipUncompressedBytes / 100);
  });
});

describe("tables over the row or column limit are refused", () => {
  const header = "Ministère porteur;Nom du projet;Coût estimé\n";
  const csvRows = (n: number) => header + Array.from({ length: n }, (_, i) => `MI;PROJET ${i};${i % 100}\n`).join("");

  it("a CSV with as many non-blank rows as the limit is read; one more is refused, naming the row (200 000 rows: size.slow.test.ts)", () => {
    const limits: Limits = { ...LIMITS, maxRows: 10 };
    expect(readSource(new TextEncoder().encode(csvRows(9)), "max.csv", limits).sheets[0]!.rows).toHaveLength(10);
    const error = thrown(() => readSource(new TextEncoder().encode(csvRows(10)), "trop.csv", limits));
    expect(error.message).toMatch(/^file trop\.csv, row 11: the table has more than 10 non-blank rows/);
  });

  it("a CSV value in column 201 is refused, naming row and column; blank cells past the limit are not", () => {
    const wide = `${header}MI;ALPHA;1${";".repeat(197)};x\n`;
    const error = thrown(() => readSource(new TextEncoder().encode(wide), "large.csv"));
    expect(error.message).toMatch(/^file large\.csv, row 2: this row has a value in column 201, beyond the limit of 200 columns/);
    const blank = `${header}MI;ALPHA;1${"; ".repeat(5000)}\n`;
    expect(readSource(new TextEncoder().encode(blank), "blanc.csv").sheets[0]!.rows[1]!.cells).toEqual(["MI", "ALPHA", "1"]);
  });

  it.each<[string, XLSX.BookType]>([
    ["XLSX", "xlsx"],
    ["ODS", "ods"],
    ["XLS", "biff8"],
  ])("a %s workbook over the limits is refused", (_, bookType) => {
    const limits: Limits = { ...LIMITS, maxRows: 10, maxColumns: 5 };
    const rows: Row[] = [["Ministère porteur", "Nom du projet"], ...Array.from({ length: 10 }, (_, i): Row => ["MI", `P${i}`])];
    expect(thrown(() => readSource(workbook(rows, bookType), "lignes", limits)).message).toMatch(/row 11: the table has more than 10 non-blank rows/);
    const wide: Row[] = [
      ["Ministère porteur", "Nom du projet"],
      ["MI", "P", null, null, null, "sixième"],
    ];
    expect(thrown(() => readSource(workbook(wide, bookType), "colonnes", limits)).message).toMatch(
      /row 2: this row has a value in column 6, beyond the limit of 5 columns/,
    );
    expect(readSource(workbook(rows.slice(0, 10), bookType), "juste", limits).sheets[0]!.rows).toHaveLength(10);
  });

  it("a dashboard table over the limits is refused", () => {
    const page = (columns: number, rows: number) =>
      `<!DOCTYPE html><script type="application/json" data-for="htmlwidget-1">${JSON.stringify({
        x: {
          data: Array.from({ length: columns }, (_, c) => Array.from({ length: rows }, (_, r) => `${c}-${r}`)),
          container: `<table><tr>${["Projet", "Ministère porteur", ...Array.from({ length: columns - 2 }, (_, i) => `C${i}`)].map((h) => `<th>${h}</th>`).join("")}</tr></table>`,
        },
      })}</script>`;
    const limits: Limits = { ...LIMITS, maxRows: 10, maxColumns: 5 };
    expect(readDashboard(page(5, 9), "p.html", limits).sheet.rows).toHaveLength(10);
    expect(thrown(() => readDashboard(page(5, 10), "p.html", limits)).message).toMatch(/the table has more than 10 non-blank rows/);
    expect(thrown(() => readDashboard(page(6, 3), "p.html", limits)).message).toMatch(/row 0: this row has a value in column 6, beyond the limit of 5 columns/);
  });
});

describe("ODS rows and cells repeated millions of times", () => {
  it("as LibreOffice writes a sheet (blank rows and columns repeated to the sheet's end, identical rows stored once) loads", async () => {
    const tail = '<table:table-cell table:number-columns-repeated="1021"/>';
    const rows = [odsRow(ODS_HEADER), odsRow(["MI", "ALPHA", "12"]), odsRow(["MJ", "BÊTA", "4"], { row: ' table:number-rows-repeated="2"' })].map((r) =>
      r.replace("</table:table-row>", `${tail}</table:table-row>`),
    );
    const path = join(dir, "libreoffice.ods");
    await writeFile(path, odsPackage(rows.join("") + ODS_EMPTY_TAIL));
    const run = await runCli(["ingest", path, "--edition", "2099-04", "--out", join(dir, "out")]);
    expect(run.code, run.err).toBe(0);
    expect(await queryDuckdb(join(dir, "out", "panorama.duckdb"), "SELECT source_row, name, cost_meur FROM projects ORDER BY source_row")).toEqual([
      { source_row: 2, name: "ALPHA", cost_meur: 12 },
      { source_row: 3, name: "BÊTA", cost_meur: 4 },
      { source_row: 4, name: "BÊTA", cost_meur: 4 },
    ]);
  });

  // The reader process with a small memory cap or a short time limit: stopped in a second or two.
  // Through panorama ingest with the real limits (1 GB, 60 s): size.slow.test.ts.
  const READ = { type: "array", dense: true } as const;
  const bomb = (xml: string) => odsPackage(odsRow(ODS_HEADER) + xml + ODS_EMPTY_TAIL);

  it(`${ODS_BOMBS.rows[0]} stops the reader process at its memory cap: an error, and this process lives on`, () => {
    const error = thrown(() => readIsolated(bomb(ODS_BOMBS.rows[1]), "bombe.ods", "ods", READ, { heapMB: 64, timeoutMs: 60_000 }));
    expect(error.place).toEqual({ file: "bombe.ods" });
    expect(error.message).toMatch(
      /^file bombe\.ods: the ODS workbook cannot be read \(it asks for more cells than 64 MB of memory hold; a repeated row or column/,
    );
  });

  it(`${ODS_BOMBS.columns[0]} stops the reader process at its time limit: an error, and this process lives on`, () => {
    const error = thrown(() => readIsolated(bomb(ODS_BOMBS.columns[1]), "bombe.ods", "ods", READ, { heapMB: 1024, timeoutMs: 500 }));
    expect(error.place).toEqual({ file: "bombe.ods" });
    expect(error.message).toMatch(
      /^file bombe\.ods: the ODS workbook cannot be read \(reading it took more than 0\.5 s; a repeated row or column can ask for millions of cells\)/,
    );
  });
});

describeLargeEdition(5_000, 60_000);
