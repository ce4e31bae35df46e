import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PanoramaError } from "../loaders/errors.js";
import { detectDelimiter, parseCsv, readCsv, type Delimiter } from "../loaders/read/csv.js";
import type { RawRow } from "../loaders/read/types.js";
import { CATASTROPHIC_MS } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "read");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const rowsOf = (text: string) => parseCsv(text, "t.csv").rows.map((r): [number, unknown[]] => [r.row, r.cells]);

describe("readCsv on the fixtures", () => {
  it.each<[string, RawRow[]]>([
    [
      "utf8-bom.csv", // BOM, trailing space in a header, trailing empty columns, blank records
      [
        { row: 1, cells: ["Ministère porteur ", "Nom du projet", "Coût estimé", "Début", "Projet interministériel"] },
        { row: 2, cells: ["SPM", "FRANCE CONNECT", "7", "2014-01-01", "Oui"] },
        { row: 4, cells: ["MEF", "Projet « Ça va »", "NA", "", "Non"] },
        { row: 6, cells: ["MI", "Réseau, radio", "53.02", "2011-07-01", "Non"] },
      ],
    ],
    [
      "cp1252-semicolon.csv", // Windows-1252 (€ ’ Œ … in 0x80–0x9F), `;`, CRLF, no final line end
      [
        { row: 1, cells: ["Ministère porteur", "Nom du projet", "Coût estimé (M€)", "Description et objectifs du projet"] },
        { row: 2, cells: ["MEAE", "Réseau d’échanges", "6,80", 'Texte avec ; point-virgule et "guillemets"'] },
        { row: 3, cells: ["MTES", "Œuvre à venir…", "", "Sans description"] },
      ],
    ],
    [
      "multiline.csv", // LF and CRLF inside quoted cells, doubled quotes, mixed record ends
      [
        { row: 1, cells: ["Nom du projet", "Description et objectifs du projet", "Début"] },
        { row: 2, cells: ["PNR", "Première ligne\nDeuxième ligne, avec virgule", "2011-07-01"] },
        { row: 3, cells: ["VITAM", 'Ligne A\r\nLigne B\r\n\r\nLigne C "citée"', "2013-07-01"] },
        { row: 4, cells: ["SIRHEN", "", "2009-01-01"] },
        { row: 5, cells: ['Écran 27"'] },
      ],
    ],
  ])("%s", (name, rows) => {
    expect(readCsv(fixture(name), name)).toEqual({ file: name, format: "csv", sheetName: null, rows });
  });
});

describe("parseCsv", () => {
  it.each<[string, string, [number, unknown[]][]]>([
    [
      "LF record ends",
      "a,b\n1,2\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "CRLF record ends",
      "a,b\r\n1,2\r\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "CR record ends",
      "a,b\r1,2",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "no final line end",
      "a,b\n1,2",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "delimiter inside quotes",
      'a,b\n"x, y",2',
      [
        [1, ["a", "b"]],
        [2, ["x, y", "2"]],
      ],
    ],
    [
      "doubled quotes",
      'a\n"il a dit ""oui"""',
      [
        [1, ["a"]],
        [2, ['il a dit "oui"']],
      ],
    ],
    [
      "LF inside quotes",
      'a,b\n"l1\nl2",2\n',
      [
        [1, ["a", "b"]],
        [2, ["l1\nl2", "2"]],
      ],
    ],
    [
      "CRLF inside quotes kept",
      'a,b\n"l1\r\nl2",2\n',
      [
        [1, ["a", "b"]],
        [2, ["l1\r\nl2", "2"]],
      ],
    ],
    [
      "quoted cell at end of file",
      'a,b\n1,"z"',
      [
        [1, ["a", "b"]],
        [2, ["1", "z"]],
      ],
    ],
    [
      "blank records counted, left out",
      "a\n\n\nb\n",
      [
        [1, ["a"]],
        [4, ["b"]],
      ],
    ],
    [
      "whitespace and empty-cell records left out",
      "a,b\n , \n,,,\nc,d",
      [
        [1, ["a", "b"]],
        [4, ["c", "d"]],
      ],
    ],
    [
      "leading blank lines",
      "\n\na,b\n1,2",
      [
        [3, ["a", "b"]],
        [4, ["1", "2"]],
      ],
    ],
    [
      "trailing empty columns trimmed, inner kept",
      "a,,b,,\n1,,,\n",
      [
        [1, ["a", "", "b"]],
        [2, ["1"]],
      ],
    ],
    ["trailing quoted empty and blank cells trimmed", 'a,"", \n', [[1, ["a"]]]],
    ["cells are not trimmed", " a , b \n", [[1, [" a ", " b "]]]],
    [
      "numbers stay strings",
      "x,y\n6.80,NA",
      [
        [1, ["x", "y"]],
        [2, ["6.80", "NA"]],
      ],
    ],
    [
      "quote inside an unquoted cell is text",
      'a,b\n12" disk,2',
      [
        [1, ["a", "b"]],
        [2, ['12" disk', "2"]],
      ],
    ],
    [
      "text after a closing quote is kept",
      'a,b\n"ab"c,2',
      [
        [1, ["a", "b"]],
        [2, ["abc", "2"]],
      ],
    ],
    [
      "semicolon file",
      "a;b;c\n1,5;2;3",
      [
        [1, ["a", "b", "c"]],
        [2, ["1,5", "2", "3"]],
      ],
    ],
    [
      "tab file",
      "a\tb\n1\t2",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "BOM character at start",
      "\uFEFFa,b\n1,2",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
  ])("%s", (_, text, expected) => {
    expect(rowsOf(text)).toEqual(expected);
  });

  it.each<[string, string, Delimiter]>([
    ["commas", "a,b,c\n", ","],
    ["semicolons", "Ministère;Coût (M€);Début\n", ";"],
    ["tabs", "a\tb\tc", "\t"],
    ["semicolons outnumber commas", "Coût, en M€;Nom;Début\n", ";"],
    ["delimiters inside quotes do not count", '"a;b;c",d\n', ","],
    ["a quoted header line break is not the end of the line", '"a\n;;;",b,c\n', ","],
    ["only the first non-blank line counts", "\n\na;b\n1,2,3,4,5", ";"],
    ["single column", "Projet\nPNR", ","],
  ])("detects the delimiter: %s", (_, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it("numbers records, not lines, when quoted cells span lines", () => {
    const rows = parseCsv('h\n"1\n2\n3"\nb\n', "t.csv").rows;
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it("round-trips any grid written with RFC 4180 quoting", () => {
    const cell = fc.stringMatching(/^[a-zé ,;\t"\r\n]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom<Delimiter>(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.boolean(),
        (grid, delimiter, eol, quoteAll, finalEol) => {
          const encode = (c: string) => (quoteAll || /[",;\t\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
          const text = grid.map((r) => r.map(encode).join(delimiter)).join(eol) + (finalEol ? eol : "");
          const expected = grid
            .map((cells, i) => {
              const kept = [...cells];
              while (kept.length && kept[kept.length - 1]!.trim() === "") kept.pop();
              return { row: i + 1, cells: kept };
            })
            .filter((r) => r.cells.length > 0);
          if (expected.length === 0) return;
          expect(parseCsv(text, "t.csv", delimiter).rows).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("parses 100 000 records (speed: npm run bench)", () => {
    const lines = ["Ministère porteur,Nom du projet,Description,Début,Coût"];
    for (let i = 0; i < 100_000; i++) {
      lines.push(`MIN${i % 17},Projet ${i},"Texte, avec ""guillemets""\r\net une ligne",2011-07-01,${i}.5`);
    }
    const bytes = utf8(lines.join("\r\n"));
    const start = performance.now();
    const sheet = readCsv(bytes, "big.csv");
    const elapsed = performance.now() - start;
    expect(sheet.rows).toHaveLength(100_001);
    expect(sheet.rows[100_000]).toEqual({
      row: 100_001,
      cells: ["MIN5", "Projet 99999", 'Texte, avec "guillemets"\r\net une ligne', "2011-07-01", "99999.5"],
    });
    expect(elapsed).toBeLessThan(CATASTROPHIC_MS);
  });
});

describe("readCsv encodings", () => {
  it.each<[string, Uint8Array, string]>([
    ["UTF-8 without BOM", utf8("Début,Coût\n"), "Début"],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Début,Coût\n")]), "Début"],
    ["Windows-1252", new Uint8Array([0x44, 0xe9, 0x62, 0x75, 0x74, 0x20, 0x80, 0x92, 0x2c, 0x78]), "Début €’"],
    ["BOM but not valid UTF-8", new Uint8Array([0xef, 0xbb, 0xbf, 0x44, 0xe9, 0x62, 0x75, 0x74, 0x2c, 0x78]), "Début"],
    ["UTF-16 LE with BOM", new Uint8Array([0xff, 0xfe, ...[..."Début\tx"].flatMap((c) => [c.charCodeAt(0), 0])]), "Début"],
  ])("%s", (_, bytes, first) => {
    expect(readCsv(bytes, "t.csv").rows[0]!.cells[0]).toBe(first);
  });
});

describe("readCsv errors", () => {
  it.each<[string, string, RegExp, number | null]>([
    ["unterminated quoted cell", 'a,b\n1,"jamais fermé\n2,3\n', /file t\.csv, row 2: a quoted cell .* never closed/, 2],
    ["no record at all", "\n \n,,\n", /file t\.csv: the CSV file has no non-blank record/, null],
  ])("%s", (_, text, message, row) => {
    let error: unknown;
    try {
      readCsv(utf8(text), "t.csv");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PanoramaError);
    expect((error as PanoramaError).message).toMatch(message);
    expect((error as PanoramaError).place).toEqual(row === null ? { file: "t.csv" } : { file: "t.csv", row });
  });
});
