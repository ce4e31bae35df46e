import type * as XLSX from "xlsx";
import { PanoramaError } from "../errors.js";
import { LIMITS, tooManyCells, tooManyColumns, tooManyRows, type Limits } from "../sources/index.js";
import { countPart, type XmlCounts } from "./cells.js";
import type { SourceFormat } from "../schema.js";
import { checkZip } from "./zip.js";
import { decodeEntities } from "./html-text.js";
import { CHILD_LIMITS, cellsOverLimit, readIsolated, sheetCells, sheetjs, unreadable, type SheetCells, type SheetJsCell } from "./sheetjs.js";
import type { Cell, RawRow, RawSheet } from "./types.js";

export type WorkbookFormat = Extract<SourceFormat, "xlsx" | "xls" | "ods">;

/** Only cell values are read: no formulas, styles, number formats, formatted text or VBA. */
const READ_OPTIONS: XLSX.ParsingOptions = {
  type: "array",
  dense: true,
  cellDates: false,
  cellFormula: false,
  cellHTML: false,
  cellNF: false,
  cellStyles: false,
  cellText: false,
  sheetStubs: false,
  bookVBA: false,
  bookDeps: false,
  bookFiles: false,
  WTF: false,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// Cached error values as Excel shows them.
const ERRORS: Record<number, string> = {
  0: "#NULL!",
  7: "#DIV/0!",
  15: "#VALUE!",
  23: "#REF!",
  29: "#NAME?",
  36: "#NUM!",
  42: "#N/A",
  43: "#GETTING_DATA",
};

/**
 * One RawSheet per worksheet, `row` = the sheet's row number as the spreadsheet shows it.
 * Values keep their type: numbers (Excel serial dates included) stay numbers, text stays
 * text ("6,80"), formulas give their cached value. A merged area shows its top-left value in
 * each of its cells, in the rows that have content of their own (`merged` lists the areas).
 */
export function readWorkbook(bytes: Uint8Array, file: string, format: WorkbookFormat, limits: Readonly<Limits> = LIMITS): RawSheet[] {
  // SheetJS reads anything (text as CSV, HTML tables…): check the container first.
  const magic = format === "xls" ? CFB_MAGIC : ZIP_MAGIC;
  if (!magic.every((b, i) => bytes[i] === b)) {
    throw new PanoramaError(
      `the file is not an ${format.toUpperCase()} workbook: it does not start like ${format === "xls" ? "an OLE2 compound file" : "a zip archive"}.`,
      { file },
      "Read it with readSource, which tells the format from the content, or download it again.",
    );
  }
  const sheets = readSheets(bytes, file, format, limits);
  if (sheets.length === 0) {
    throw new PanoramaError(
      `the ${format.toUpperCase()} workbook has no worksheet; expected one sheet with one row per project.`,
      { file },
      "Delete the cached copy and download it again.",
    );
  }
  return sheets.map((sheet) => {
    const rows = sheetRows(sheet, file, limits);
    const merged = expandMerges(rows, sheet.merges, file);
    // SheetJS leaves the XML escapes of ODS sheet names (table:name="Mode d&apos;emploi") as they are,
    // and gives no name at all for a damaged table element.
    const name = typeof sheet.name === "string" ? sheet.name : "";
    const sheetName = format === "ods" ? decodeEntities(name) : name;
    return { file, format, sheetName, rows, ...(merged.length ? { merged } : {}) };
  });
}

// Opaque blobs that SheetJS never parses (Excel saves printer settings as .bin in ordinary XLSX
// files): only another .bin part may be an XLSB sheet, whose cells cannot be counted beforehand.
// Whatever a part is named, the whole zip stays under isolateAboveBytes once inflated, as an XLS
// read in this process does.
const OPAQUE_PARTS = /^xl\/(?:printerSettings|media|embeddings|activeX)\/|(?:^|\/)vbaProject\.bin$/i;

export function isBinaryPart(name: string): boolean {
  return /\.bin$/i.test(name) && !OPAQUE_PARTS.test(name);
}

/**
 * The cells of every sheet, within limits.maxCells: a zip's sizes and ratios are checked from its
 * directory and an XLSX's cells counted in its XML before SheetJS inflates anything; ODS, and big
 * or binary (XLSB parts) workbooks, are parsed in the capped child process.
 */
function readSheets(bytes: Uint8Array, file: string, format: WorkbookFormat, limits: Readonly<Limits>): SheetCells[] {
  let isolate = format === "ods" || (format === "xls" && bytes.length > limits.isolateAboveBytes);
  if (format !== "xls") {
    const counts: XmlCounts = { cells: 0, rows: 0, strings: 0 };
    let binary = false;
    const summary = checkZip(bytes, file, `${format.toUpperCase()} workbook`, limits, (entry, data) => {
      if (isBinaryPart(entry.name)) binary = true;
      else if (format === "xlsx") countPart(data, counts);
    });
    if (format === "xlsx") {
      if (counts.cells > limits.maxCells) throw tooManyCells(file, counts.cells, limits);
      if (counts.rows > limits.maxCells) throw tooManyCells(file, counts.rows, limits, "row elements");
      if (counts.strings > limits.maxCells) throw tooManyCells(file, counts.strings, limits, "shared strings");
    }
    isolate ||= binary || summary.uncompressedBytes > limits.isolateAboveBytes;
  }
  if (isolate) return readIsolated(bytes, file, format, READ_OPTIONS, CHILD_LIMITS, limits.maxCells);
  let workbook: XLSX.WorkBook;
  try {
    workbook = sheetjs().read(bytes, READ_OPTIONS);
  } catch (cause) {
    throw unreadable(file, format, cause instanceof Error ? cause.message : String(cause), cause);
  }
  try {
    return sheetCells(workbook, limits.maxCells);
  } catch (err) {
    if (cellsOverLimit(err)) throw tooManyCells(file, null, limits);
    throw err;
  }
}

/** Rows with content, numbered as the spreadsheet shows them, each cut after its last non-blank cell. */
function sheetRows(sheet: SheetCells, file: string, limits: Readonly<Limits>): RawRow[] {
  const rows: RawRow[] = [];
  for (const [r, entries] of sheet.rows) {
    let last = -1;
    for (const [c, cell] of entries) if (c > last && !isBlank(cellValue(cell))) last = c;
    if (last < 0) continue;
    if (last >= limits.maxColumns) throw tooManyColumns(file, r + 1, last + 1, limits);
    if (rows.length >= limits.maxRows) throw tooManyRows(file, r + 1, limits);
    const cells: Cell[] = new Array<Cell>(last + 1).fill(null);
    for (const [c, cell] of entries) if (c <= last) cells[c] = cellValue(cell);
    rows.push({ row: r + 1, cells });
  }
  return rows;
}

/**
 * Copies the top-left value of each merged area into its other cells (in place), as a reader sees
 * the sheet: a ministry merged over its projects' rows belongs to each of them. Only rows with
 * content of their own are filled, within the sheet's width. Returns the areas expanded, in A1 notation.
 */
function expandMerges(rows: RawRow[], merges: readonly XLSX.Range[], file: string): string[] {
  if (merges.length === 0 || rows.length === 0) return [];
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const byRow = new Map(rows.map((r, i) => [r.row - 1, i]));
  // Valid merged areas do not overlap: more cells than the sheet has means a crafted file.
  const budget = rows.length * width;
  let area = 0;
  const expanded: string[] = [];
  for (const m of merges) {
    const top = byRow.get(m.s.r);
    const first = top === undefined ? null : (rows[top]!.cells[m.s.c] ?? null);
    if (isBlank(first) || m.e.c < m.s.c) continue;
    const lastCol = Math.min(m.e.c, width - 1);
    for (let i = top!; i < rows.length && rows[i]!.row - 1 <= m.e.r; i++) {
      area += lastCol - m.s.c + 1;
      if (area > budget) {
        throw new PanoramaError(
          "the merged areas of the sheet overlap (more merged cells than the sheet has); a spreadsheet program does not write such a file.",
          { file },
          "Open the file in a spreadsheet program, unmerge the cells and save it again.",
        );
      }
      const cells = rows[i]!.cells;
      // A shorter row is padded with blanks up to the area, never left with holes.
      while (cells.length < m.s.c) cells.push(null);
      for (let c = m.s.c; c <= lastCol; c++) if (isBlank(cells[c] ?? null)) cells[c] = first;
    }
    expanded.push(sheetjs().utils.encode_range(m));
  }
  return expanded;
}

function cellValue(cell: SheetJsCell | undefined): Cell {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case "n":
      // A float cell whose value does not parse (office:value="abc") reads as NaN: no value.
      return typeof cell.v === "number" && Number.isFinite(cell.v) ? cell.v : null;
    case "s":
    case "b":
      return cell.v as Cell;
    case "e":
      return ERRORS[cell.v as number] ?? "#ERROR";
    case "d":
      // Only produced with cellDates; kept as an Excel serial number like every other date.
      return cell.v instanceof Date ? dateToSerial(cell.v) : String(cell.v);
    default:
      return null;
  }
}

function dateToSerial(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}
