import { createRequire } from "node:module";
import type * as XLSX from "xlsx";
import { PanoramaError } from "../errors.js";
import { LIMITS, tooManyColumns, tooManyRows, type Limits } from "../limits.js";
import type { SourceFormat } from "../schema.js";
import { checkZip } from "../zip.js";
import type { Cell, RawRow, RawSheet } from "./types.js";

export type WorkbookFormat = Extract<SourceFormat, "xlsx" | "xls" | "ods">;

/** Only cell values are read: no formulas, styles, number formats, formatted text or VBA. */
// SheetJS is loaded on first use: most runs read no workbook.
let xlsx: typeof XLSX | null = null;
const sheetjs = (): typeof XLSX => (xlsx ??= createRequire(import.meta.url)("xlsx") as typeof XLSX);

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
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
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
  // Sizes and ratios from the zip directory, before SheetJS inflates anything.
  if (format !== "xls") checkZip(bytes, file, `${format.toUpperCase()} workbook`, limits);
  let workbook: XLSX.WorkBook;
  try {
    workbook = sheetjs().read(bytes, READ_OPTIONS);
  } catch (cause) {
    throw new PanoramaError(
      `the ${format.toUpperCase()} workbook cannot be read (${cause instanceof Error ? cause.message : String(cause)}); the file is damaged or not a spreadsheet.`,
      { file },
      "Delete the cached copy and download it again; if it still fails, check that it opens in a spreadsheet program.",
      { cause },
    );
  }
  if (workbook.SheetNames.length === 0) {
    throw new PanoramaError(
      `the ${format.toUpperCase()} workbook has no worksheet; expected one sheet with one row per project.`,
      { file },
      "Delete the cached copy and download it again.",
    );
  }
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name];
    const merged = sheet ? expandMerges(sheet, file, limits) : [];
    return { file, format, sheetName: name, rows: sheetRows(sheet, file, limits), ...(merged.length ? { merged } : {}) };
  });
}

/**
 * Copies the top-left value of each merged area into its other cells (in place), as a reader sees
 * the sheet: a ministry merged over its projects' rows belongs to each of them. Rows without content
 * of their own are left blank, and areas are clipped to the sheet's rows and to the column limit.
 * Returns the areas expanded, in A1 notation.
 */
function expandMerges(sheet: XLSX.WorkSheet, file: string, limits: Readonly<Limits>): string[] {
  const data = sheet["!data"];
  const merges = sheet["!merges"];
  if (!data || !merges?.length) return [];
  let width = 0;
  const hasContent: boolean[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r] ?? [];
    width = Math.max(width, row.length);
    hasContent.push(row.some((cell) => !isBlank(cellValue(cell))));
  }
  width = Math.min(width, limits.maxColumns);
  // Valid merged areas do not overlap: more cells than the sheet has means a crafted file.
  const budget = data.length * width;
  let area = 0;
  const expanded: string[] = [];
  for (const m of merges) {
    const first = data[m.s.r]?.[m.s.c];
    if (isBlank(cellValue(first))) continue;
    const lastRow = Math.min(m.e.r, data.length - 1);
    const lastCol = Math.min(m.e.c, width - 1);
    if (lastRow < m.s.r || lastCol < m.s.c) continue;
    area += (lastRow - m.s.r + 1) * (lastCol - m.s.c + 1);
    if (area > budget) {
      throw new PanoramaError(
        `the merged areas of the sheet overlap (more merged cells than the sheet has); a spreadsheet program does not write such a file.`,
        { file },
        "Open the file in a spreadsheet program, unmerge the cells and save it again.",
      );
    }
    for (let r = m.s.r; r <= lastRow; r++) {
      const row = data[r];
      if (!row || !hasContent[r]) continue;
      for (let c = m.s.c; c <= lastCol; c++) if (isBlank(cellValue(row[c]))) row[c] = first!;
    }
    expanded.push(sheetjs().utils.encode_range(m));
  }
  return expanded;
}

function sheetRows(sheet: XLSX.WorkSheet | undefined, file: string, limits: Readonly<Limits>): RawRow[] {
  const data = sheet?.["!data"];
  if (!data) return [];
  const rows: RawRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const source = data[r];
    if (!source) continue;
    const cells: Cell[] = [];
    let last = -1;
    for (let c = 0; c < source.length; c++) {
      const value = cellValue(source[c]);
      cells.push(value);
      if (!isBlank(value)) last = c;
    }
    if (last < 0) continue;
    if (last >= limits.maxColumns) throw tooManyColumns(file, r + 1, last + 1, limits);
    if (rows.length >= limits.maxRows) throw tooManyRows(file, r + 1, limits);
    rows.push({ row: r + 1, cells: cells.length === last + 1 ? cells : cells.slice(0, last + 1) });
  }
  return rows;
}

function cellValue(cell: XLSX.CellObject | undefined): Cell {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case "n":
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
