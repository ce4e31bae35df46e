import type { Limits } from "../sources/index.js";
import type { SourceFormat } from "../schema.js";
import { readCsv } from "./csv.js";
import { readDashboard } from "./dashboard.js";
import { decodeText } from "./decode.js";
import type { DashboardPage, RawSheet } from "./types.js";
import { readWorkbook } from "./workbook.js";

/** What one reader makes of a file's bytes. */
export interface Read {
  sheets: RawSheet[];
  page: DashboardPage | null;
  warnings: string[];
}

export interface Reader {
  /** Name in messages. */
  label: string;
  /** File name endings that claim this format (lowercase, no dot); the content decides. */
  extensions: readonly string[];
  read: (bytes: Uint8Array, file: string, limits: Readonly<Limits>) => Read;
}

const LISTED_AREAS = 10;

function mergedWarning(sheetName: string | null, areas: readonly string[]): string {
  const listed = areas.length > LISTED_AREAS ? `${areas.slice(0, LISTED_AREAS).join(", ")} and ${areas.length - LISTED_AREAS} more` : areas.join(", ");
  return `sheet "${sheetName}": merged cells ${listed} read as their first cell's value in each cell they cover`;
}

function workbookReader(format: "xlsx" | "xls" | "ods", label: string, extensions: readonly string[]): Reader {
  return {
    label,
    extensions,
    read: (bytes, file, limits) => {
      const sheets = readWorkbook(bytes, file, format, limits);
      const warnings = sheets.flatMap((sheet) => (sheet.merged ? [mergedWarning(sheet.sheetName, sheet.merged)] : []));
      return { sheets, page: null, warnings };
    },
  };
}

/** One reader per source format: a new format is one module and one entry here (and its magic bytes in sniff.ts). */
export const READERS: Readonly<Record<SourceFormat, Reader>> = {
  csv: {
    label: "CSV",
    extensions: ["csv", "txt", "tsv"],
    read: (bytes, file, limits) => ({ sheets: [readCsv(bytes, file, limits)], page: null, warnings: [] }),
  },
  xlsx: workbookReader("xlsx", "XLSX", ["xlsx", "xlsm"]),
  xls: workbookReader("xls", "XLS", ["xls"]),
  ods: workbookReader("ods", "ODS", ["ods"]),
  html: {
    label: "HTML",
    extensions: ["html", "htm"],
    read: (bytes, file, limits) => {
      const { sheet, page, warnings } = readDashboard(decodeText(bytes), file, limits);
      return { sheets: [sheet], page, warnings };
    },
  },
};
