import { PanoramaError } from "../errors.js";
import { checkFileSize, LIMITS, type Limits } from "../sources/index.js";
import { READERS } from "./formats.js";
import { sniffFormat } from "./sniff.js";
import type { ReadResult } from "./types.js";

export type { Cell, DashboardPage, RawRow, RawSheet, ReadResult } from "./types.js";
export { READERS, type Reader } from "./formats.js";
export { readCsv, parseCsv, detectDelimiter } from "./csv.js";
export { readDashboard, parseEdition, headlineFigures } from "./dashboard.js";
export { decodeEntities, htmlText, stripTags, type Stripped } from "./html-text.js";
export { sniffFormat, formatFromExtension } from "./sniff.js";
export { decodeText } from "./decode.js";
export { readWorkbook } from "./workbook.js";
export { checkZip, readCentralDirectory } from "./zip.js";

/**
 * Reads a source file by its content (not its extension) into raw sheets, plus the page
 * figures of a dashboard. Files over the limits of sources/limits.ts are refused.
 */
export function readSource(bytes: Uint8Array, file: string, limits: Readonly<Limits> = LIMITS): ReadResult {
  checkFileSize(bytes.length, file, limits);
  const { format, warning } = sniffFormat(bytes, file);
  try {
    const read = READERS[format].read(bytes, file, limits);
    return { format, sheets: read.sheets, page: read.page, warnings: [...(warning ? [warning] : []), ...read.warnings] };
  } catch (e) {
    // A download that returned an error page, saved as .xlsx, fails as a page: say so.
    if (warning && e instanceof PanoramaError) throw e.located({}, `(Note: ${warning})`);
    throw e;
  }
}
