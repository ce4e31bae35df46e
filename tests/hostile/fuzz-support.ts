// Checks and whole-file cases shared by tests/hostile/fuzz.test.ts (npm test) and
// tests/hostile/fuzz.slow.test.ts (npm run test:hostile): the same properties, with few
// runs on ODS workbooks in npm test (each is read in a child process, about 0,2 s) and
// many in npm run test:hostile.

import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PanoramaError } from "../../loaders/errors.js";
import { readSource } from "../../loaders/read/index.js";
import type { Cell, RawSheet, ReadResult } from "../../loaders/read/types.js";
import type { HeadlineFigures } from "../../loaders/schema.js";
import { readCentralDirectory } from "../../loaders/read/zip.js";
import { GOOD_PAGE, makeZip, workbook, xlsxParts, sheetXml, type Row, type ZipPart } from "../fixtures/hostile/support.js";

/** The value f returns, or the PanoramaError it throws; anything else thrown fails the property. */
export function typed<T>(f: () => T): T | PanoramaError {
  try {
    return f();
  } catch (e) {
    if (e instanceof PanoramaError) {
      expect(e.message.length).toBeGreaterThan(0);
      return e;
    }
    throw e;
  }
}

const isCell = (v: unknown): v is Cell => v === null || ["string", "number", "boolean"].includes(typeof v);

export function expectSheet(sheet: RawSheet): void {
  let previous = -1;
  for (const row of sheet.rows) {
    expect(Number.isInteger(row.row) && row.row >= 0 && row.row > previous).toBe(true);
    previous = row.row;
    expect(row.cells.every(isCell)).toBe(true);
  }
}

export function expectReadResult(result: ReadResult | PanoramaError): void {
  if (result instanceof PanoramaError) return;
  expect(["csv", "xlsx", "xls", "ods", "html"]).toContain(result.format);
  result.sheets.forEach(expectSheet);
  result.warnings.forEach((w) => expect(typeof w).toBe("string"));
  if (result.page) expectHeadline(result.page.headline);
}

export function expectHeadline(h: HeadlineFigures): void {
  for (const v of Object.values(h)) expect(v === null || Number.isFinite(v)).toBe(true);
  for (const v of [h.official_projects, h.official_interministerial]) expect(v === null || Number.isInteger(v)).toBe(true);
}

/** A byte string changed in a few places: cut, bytes overwritten, inserted or removed. */
export function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = base.length;
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("cut" as const), at: fc.nat(n) }),
    fc.record({ kind: fc.constant("set" as const), at: fc.nat(n), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(n), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat(n), length: fc.integer({ min: 1, max: 64 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let bytes = Uint8Array.from(base);
    for (const e of edits) {
      const at = Math.min(e.at, bytes.length);
      if (e.kind === "cut") bytes = bytes.subarray(0, at);
      else if (e.kind === "set") bytes.set(e.bytes.subarray(0, Math.max(0, bytes.length - at)), at);
      else if (e.kind === "insert") bytes = Uint8Array.from([...bytes.subarray(0, at), ...e.bytes, ...bytes.subarray(at)]);
      else bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + e.length)]);
    }
    return bytes;
  });
}

// ---- Valid files of every format, and what the fuzz does to them --------------------------------

const HEADER: Row = ["Ministère porteur", "Nom du projet", "Coût estimé", "Début"];
const BODY: Row[] = [["MI", "ALPHA", "6,80", "juillet 2013"], ["MJ", "BÊTA", 12, 40725], ["MEF", "GAMMA", "NA", null]];
export const FILES = {
  "edition.xlsx": workbook([HEADER, ...BODY]),
  "edition.ods": workbook([HEADER, ...BODY], "ods"),
  "edition.xls": workbook([HEADER, ...BODY], "biff8"),
  "edition.csv": new TextEncoder().encode([HEADER, ...BODY].map((r) => r.join(";")).join("\r\n")),
  "page.html": new Uint8Array(readFileSync(GOOD_PAGE)),
  "hand.xlsx": makeZip(xlsxParts({ name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheetXml([["Nom du projet", "Ministère porteur"], ["ALPHA", "MI"]])) })),
} satisfies Record<string, Uint8Array>;
export type FileName = keyof typeof FILES;

/** readSource on `runs` mutations of each valid file. */
export function itReadsMutations(runs: [FileName, number][]): void {
  it.each(runs)("readSource on mutations of a valid %s (%i runs)", { timeout: 120_000 }, (name, numRuns) => {
    const base = FILES[name];
    expect(readSource(base, name).sheets.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(mutated(base), (bytes) => {
        expectReadResult(typed(() => readSource(bytes, name)));
      }),
      { numRuns },
    );
  });
}

/** The entries of a zip written by SheetJS, uncompressed. */
function unzip(bytes: Uint8Array): ZipPart[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readCentralDirectory(bytes)!.map((e) => {
    const start = e.localOffset + 30 + view.readUInt16LE(e.localOffset + 26) + view.readUInt16LE(e.localOffset + 28);
    const raw = view.subarray(start, start + e.compressedSize);
    return { name: e.name, data: e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw) };
  });
}

/** [label, workbook, part whose XML is damaged, runs, and a fixed seed for a short run that must read some] */
export type DamagedPart = [string, FileName, string, number, number?];

export function describeDamagedXml(cases: DamagedPart[]): void {
  describe("workbooks whose XML is damaged inside a sound zip (what SheetJS itself gets to parse)", () => {
    const XML_BITS = ["<", ">", "</", "/>", '"', "&", "&amp;", "&#0;", "<c r=\"XFD1048576\"><v>1</v></c>", '<row r="0">', '<row r="-1">', '<c r="A1" t="s"><v>99</v></c>', '<c t="n"><v>abc</v></c>', '<c t="d"><v>x</v></c>', "<![CDATA[", "]]>", "<!--", "\u0000"];
    const edit = (xml: string) =>
      fc.array(fc.record({ at: fc.nat(xml.length), cut: fc.integer({ min: 0, max: 40 }), text: fc.oneof(fc.constantFrom(...XML_BITS), fc.string({ maxLength: 8 })) }), { minLength: 1, maxLength: 4 })
        .map((edits) => edits.reduce((s, e) => s.slice(0, Math.min(e.at, s.length)) + e.text + s.slice(Math.min(e.at, s.length) + e.cut), xml));

    it.each(cases)("%s: typed sheets or a PanoramaError (%s, %s, %i runs)", { timeout: 120_000 }, (_, name, target, numRuns, seed) => {
      const parts = unzip(FILES[name]);
      const part = parts.find((p) => p.name === target);
      expect(part, `${name} has ${target}`).toBeDefined();
      let read = 0;
      fc.assert(
        fc.property(edit(Buffer.from(part!.data!).toString("utf8")), (xml) => {
          const bytes = makeZip(parts.map((p) => (p === part ? { name: p.name, data: Buffer.from(xml, "utf8") } : p)));
          const result = typed(() => readSource(bytes, name));
          expectReadResult(result);
          if (!(result instanceof PanoramaError)) read++;
        }),
        { numRuns, seed },
      );
      // The zip is sound: SheetJS gets to parse the damaged XML, and reads some of it.
      expect(read).toBeGreaterThan(0);
    });
  });
}
