import { PanoramaError } from "../errors.js";
import { checkFileSize, LIMITS, type Limits } from "../sources/limits.js";
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

const LISTED_AREAS = 10;

function mergedWarning(sheetName: string | null, areas: readonly string[]): string {
  const listed = areas.length > LISTED_AREAS ? `${areas.slice(0, LISTED_AREAS).join(", ")} and ${areas.length - LISTED_AREAS} more` : areas.join(", ");
  return `sheet "${sheetName}": merged cells ${listed} read as their first cell's value in each cell they cover`;
}

/**
 * Reads a source file by its content (not its extension) into raw sheets, plus the page
 * figures of a dashboard. Files over the limits of loaders/limits.ts are refused.
 */
export function readSource(bytes: Uint8Array, file: string, limits: Readonly<Limits> = LIMITS): ReadResult {
  checkFileSize(bytes.length, file, limits);
  const { format, warning } = sniffFormat(bytes, file);
  const warnings = warning ? [warning] : [];
  try {
    switch (format) {
      case "csv":
        return { format, sheets: [readCsv(bytes, file, limits)], page: null, warnings };
      case "html": {
        const { sheet, page } = readDashboard(decodeText(bytes), file, limits);
        return { format, sheets: [sheet], page, warnings };
      }
      default: {
        const sheets = readWorkbook(bytes, file, format, limits);
        for (const sheet of sheets) if (sheet.merged) warnings.push(mergedWarning(sheet.sheetName, sheet.merged));
        return { format, sheets, page: null, warnings };
      }
    }
  } catch (e) {
    // A download that returned an error page, saved as .xlsx, fails as a page: say so.
    if (warning && e instanceof PanoramaError) throw e.located({}, `(Note: ${warning})`);
    throw e;
  }
}
