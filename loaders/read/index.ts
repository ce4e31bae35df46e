import { readCsv } from "./csv.js";
import { readDashboard } from "./dashboard.js";
import { decodeText, sniffFormat } from "./sniff.js";
import type { ReadResult } from "./types.js";
import { readWorkbook } from "./workbook.js";

export type { Cell, DashboardPage, RawRow, RawSheet, ReadResult } from "./types.js";
export { readCsv, parseCsv, detectDelimiter } from "./csv.js";
export { readDashboard, parseEdition, headlineFigures, decodeHtmlEntities } from "./dashboard.js";
export { sniffFormat, decodeText } from "./sniff.js";
export { readWorkbook } from "./workbook.js";

/** Reads a source file by its content (not its extension) into raw sheets, plus the page figures of a dashboard. */
export function readSource(bytes: Uint8Array, file: string): ReadResult {
  const { format, warning } = sniffFormat(bytes, file);
  const warnings = warning ? [warning] : [];
  switch (format) {
    case "csv":
      return { format, sheets: [readCsv(bytes, file)], page: null, warnings };
    case "html": {
      const { sheet, page } = readDashboard(decodeText(bytes), file);
      return { format, sheets: [sheet], page, warnings };
    }
    default:
      return { format, sheets: readWorkbook(bytes, file, format), page: null, warnings };
  }
}
