// CSV and XLSX downloads of report tables, safe to open in a spreadsheet
// program: a text cell that a spreadsheet would take for a formula (formula or
// DDE injection: "=HYPERLINK(…)", "+cmd|…", "@SUM(…)") gets a leading
// apostrophe, and XLSX cells are written as values, never as formulas.
// No node: import: this module runs in the browser (report downloads) and in Node (tests).

import * as XLSX from "xlsx";

export type ExportValue = string | number | boolean | null;

export interface ExportColumn {
  /** Key of the value in each row. */
  name: string;
  /** Header shown in the file (French). */
  label: string;
}

// OWASP "CSV injection": cells starting with these are read as formulas by Excel, LibreOffice or Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value as written in a download: text that could start a formula gets a leading
 * apostrophe; finite numbers and booleans stay as they are; dates become ISO text;
 * a list becomes its items, one per line; null, undefined, an empty list and non-finite
 * numbers become null; anything else becomes text.
 */
export function neutralizeCell(value: unknown): ExportValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  // A list (every link of a cell): one item per line of the cell; an empty list, an empty cell.
  if (Array.isArray(value)) return value.length === 0 ? null : neutralizeCell(value.map((v) => String(v)).join("\n"));
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(value: ExportValue): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV: a header row of labels, "," separators, CRLF line ends, UTF-8 with a BOM (for Excel), every cell neutralized. */
export function toCsv(rows: readonly object[], columns: readonly ExportColumn[]): string {
  const lines = [columns.map((c) => csvField(neutralizeCell(c.label))).join(",")];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => csvField(neutralizeCell(record[c.name]))).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function xlsxCell(value: ExportValue): XLSX.CellObject | null {
  if (value === null) return null;
  if (typeof value === "number") return { t: "n", v: value };
  if (typeof value === "boolean") return { t: "b", v: value };
  return { t: "s", v: value };
}

/** An XLSX workbook with one sheet: a header row of labels, then one row per row; every cell a neutralized value, no formula. */
export function toXlsx(rows: readonly object[], columns: readonly ExportColumn[], sheetName = "Données"): Uint8Array {
  const sheet: XLSX.WorkSheet = {};
  const put = (r: number, c: number, value: ExportValue) => {
    const cell = xlsxCell(value);
    if (cell) sheet[XLSX.utils.encode_cell({ r, c })] = cell;
  };
  for (const [c, column] of columns.entries()) put(0, c, neutralizeCell(column.label));
  for (const [r, row] of rows.entries()) {
    const record = row as Record<string, unknown>;
    for (const [c, column] of columns.entries()) put(r + 1, c, neutralizeCell(record[column.name]));
  }
  sheet["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: Math.max(columns.length - 1, 0) } });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName.slice(0, 31));
  const out = XLSX.write(book, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
