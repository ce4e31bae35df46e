// Encodings and layouts end to end: one edition written as UTF-8 with a BOM,
// Windows-1252, UTF-16 (Excel's "Unicode text"), with ";", "," or tab
// separators, CRLF, LF or CR line ends, line breaks inside quoted cells and
// thousands separators, all read back from DuckDB as the same rows.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";

type Delimiter = ";" | "," | "\t";

const HEADER = [
  "Ministère porteur",
  "Ministère nom complet",
  "Nom du projet",
  "Description et objectifs du projet",
  "Coût estimé",
  "Durée prévisionnelle en année",
  "Phase du projet en cours",
];
// A description over three lines, with a delimiter, French quotes and doubled quotes inside.
const DESCRIPTION = 'Réécriture de l’application :\r\n- point 1 ; virgule, tabulation\t\r\n- point 2 « guillemets » et "citations"';
const ROWS = [
  ["MEF", "Ministère de l’Économie", "PAYSAGE", DESCRIPTION, "1 234,5", "2,5", "Déploiement"],
  ["MI", "Ministère de l'Intérieur", "ŒUVRE COMMUNE", "Coût en € — hors taxes…", "9\u00a0876,5", "10", "Conception / Réalisation"],
  ["MJ", "Ministère de la Justice", "PROCÉDURE PÉNALE", "Dématérialisation", "1.234,5", "3", "Expérimentation"],
  ["MC", "Ministère de la Culture", "ÉTÉ", "Patrimoine", "1,234.5", "4,25", "Cadrage"],
  ["MSS", "Ministère de la Santé", "SI-SAMU", "Urgences", "12,50 M€", "5 ans", "Terminé"],
  ["MAA", "Ministère de l'Agriculture", "EXPADON", "Aides", "0,5 Md€", "18 mois", "Déploiement"],
];
const EXPECTED = [
  {
    source_row: 2,
    name: "PAYSAGE",
    ministry_published: "Ministère de l’Économie",
    description: 'Réécriture de l’application :\n- point 1 ; virgule, tabulation\n- point 2 « guillemets » et "citations"',
    cost_meur: 1234.5,
    duration_years: 2.5,
    phase: "Déploiement",
  },
  {
    source_row: 3,
    name: "ŒUVRE COMMUNE",
    ministry_published: "Ministère de l'Intérieur",
    description: "Coût en € — hors taxes…",
    cost_meur: 9876.5,
    duration_years: 10,
    phase: "Conception / Réalisation",
  },
  {
    source_row: 4,
    name: "PROCÉDURE PÉNALE",
    ministry_published: "Ministère de la Justice",
    description: "Dématérialisation",
    cost_meur: 1234.5,
    duration_years: 3,
    phase: "Expérimentation",
  },
  {
    source_row: 5,
    name: "ÉTÉ",
    ministry_published: "Ministère de la Culture",
    description: "Patrimoine",
    cost_meur: 1234.5,
    duration_years: 4.25,
    phase: "Cadrage",
  },
  {
    source_row: 6,
    name: "SI-SAMU",
    ministry_published: "Ministère de la Santé",
    description: "Urgences",
    cost_meur: 12.5,
    duration_years: 5,
    phase: "Terminé",
  },
  {
    source_row: 7,
    name: "EXPADON",
    ministry_published: "Ministère de l'Agriculture",
    description: "Aides",
    cost_meur: 500,
    duration_years: 1.5,
    phase: "Déploiement",
  },
];

/** RFC 4180 text: cells quoted when they hold the delimiter, a quote or a line break. */
function csvText(delimiter: Delimiter, eol: string): string {
  const field = (s: string) => (s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [HEADER, ...ROWS].map((r) => r.map(field).join(delimiter)).join(eol) + eol;
}

const CP1252_EXTRA: Record<string, number> = { "€": 0x80, "…": 0x85, Œ: 0x8c, "’": 0x92, "—": 0x97, œ: 0x9c };

function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const byte = CP1252_EXTRA[ch];
    if (byte === undefined) throw new Error(`not in Windows-1252: ${ch}`);
    return byte;
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array, bom: number[]) => Uint8Array.from([...bom, ...bytes]);
const utf16le = (text: string) => withBom(new Uint8Array(Buffer.from(text, "utf16le")), [0xff, 0xfe]);

const VARIANTS: [string, Uint8Array][] = [
  ["UTF-8 with a BOM, ';', CRLF", withBom(utf8(csvText(";", "\r\n")), [0xef, 0xbb, 0xbf])],
  ["UTF-8, ',', LF", utf8(csvText(",", "\n"))],
  ["Windows-1252, ';', CRLF", windows1252(csvText(";", "\r\n"))],
  ["Windows-1252, ',', CR only (old Mac)", windows1252(csvText(",", "\r"))],
  ["UTF-16 LE with a BOM, tabs, CRLF (Excel « texte Unicode »)", utf16le(csvText("\t", "\r\n"))],
  ["UTF-8, tabs, LF", utf8(csvText("\t", "\n"))],
];

let dir: string;
beforeAll(async () => {
  dir = await tempDir("panorama-encodings-");
});
afterAll(async () => {
  await removeDir(dir);
});

describe("encodings and layouts, end to end", () => {
  it.each(VARIANTS.map(([label, bytes], i) => [label, bytes, i] as const))("%s", async (_, bytes, i) => {
    const file = join(dir, `edition-${i}.csv`);
    await writeFile(file, bytes);
    const out = join(dir, `out-${i}`);
    const run = await runCli(["ingest", file, "--edition", "2099-03", "--out", out]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const db = join(out, "panorama.duckdb");
    const rows = await queryDuckdb(
      db,
      "SELECT source_row, name, ministry_published, description, cost_meur, duration_years, phase FROM projects ORDER BY source_row",
    );
    expect(rows).toEqual(EXPECTED);
    expect(await queryDuckdb(db, "SELECT count(*)::INTEGER AS n FROM anomalies")).toEqual([{ n: 0 }]);
  });

  it("the Windows-1252 fixture really holds single-byte accents (no UTF-8 sequence)", () => {
    const bytes = windows1252(csvText(";", "\r\n"));
    expect(bytes).toContain(0x92);
    expect(bytes).toContain(0xe9);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
  });
});
