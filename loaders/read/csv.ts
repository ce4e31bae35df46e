import { PanoramaError } from "../errors.js";
import { LIMITS, tooManyColumns, tooManyRows, type Limits } from "../sources/index.js";
import { decodeText } from "./decode.js";
import type { RawRow, RawSheet } from "./types.js";

export type Delimiter = "," | ";" | "\t";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A CSV file as records of strings: `row` is the record number (header = 1), blank records left out. */
export function readCsv(bytes: Uint8Array, file: string, limits: Readonly<Limits> = LIMITS): RawSheet {
  const text = decodeText(bytes);
  return parseCsv(text, file, detectDelimiter(text), limits);
}

/**
 * RFC 4180 in one pass: quoted cells may hold delimiters, doubled quotes and line
 * breaks (kept as-is); records end with CRLF, LF or CR. Lenient where spreadsheets
 * are: a quote inside an unquoted cell is text, text after a closing quote is kept.
 */
export function parseCsv(text: string, file: string, delimiter: Delimiter = detectDelimiter(text), limits: Readonly<Limits> = LIMITS): RawSheet {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let record = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  // Cells past the column limit are not kept: blank ones would be trimmed, any other is refused.
  let column = 0;
  const endRecord = () => {
    let end = cells.length;
    while (end > 0 && isBlank(cells[end - 1]!)) end--;
    if (end > 0) {
      if (rows.length >= limits.maxRows) throw tooManyRows(file, record, limits);
      rows.push({ row: record, cells: end === cells.length ? cells : cells.slice(0, end) });
    }
    cells = [];
    column = 0;
  };
  const pushCell = (value: string) => {
    column++;
    if (column <= limits.maxColumns) cells.push(value);
    else if (!isBlank(value)) throw tooManyColumns(file, record, column, limits);
  };

  for (;;) {
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      value = "";
      let start = i + 1;
      for (;;) {
        const close = text.indexOf('"', start);
        if (close < 0) {
          throw new PanoramaError(
            `a quoted cell opened in this record is never closed (a " is missing), so the rest of the file would be read as one cell.`,
            { file, row: record },
            "Fix the quoting in the source file or report it upstream; the file may also be truncated.",
          );
        }
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(start, close + 1);
          start = close + 2;
        } else {
          value += text.slice(start, close);
          i = close + 1;
          break;
        }
      }
      if (i < n) {
        const c = text.charCodeAt(i);
        if (c !== delim && c !== LF && c !== CR) {
          const end = fieldEnd(text, i, delim);
          value += text.slice(i, end);
          i = end;
        }
      }
    } else {
      const end = fieldEnd(text, i, delim);
      value = text.slice(i, end);
      i = end;
    }
    pushCell(value);
    if (i >= n) {
      endRecord();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRecord();
    record++;
    if (i >= n) break;
  }

  if (rows.length === 0) {
    throw new PanoramaError(
      "the CSV file has no non-blank record; expected a header record and one record per project.",
      { file },
      "Delete the cached copy and download it again.",
    );
  }
  return { file, format: "csv", sheetName: null, rows };
}

function fieldEnd(text: string, from: number, delim: number): number {
  const n = text.length;
  let k = from;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === delim || c === LF || c === CR) break;
    k++;
  }
  return k;
}

function isBlank(cell: string): boolean {
  return cell.length === 0 || cell.trim().length === 0;
}

/** The delimiter counted most often outside quotes in the first non-blank line; `,` on a tie. */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  let seenText = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (seenText) break;
    } else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
    if (ch !== "\n" && ch !== "\r" && ch !== " " && ch !== "\uFEFF") seenText = true;
  }
  let best: Delimiter = ",";
  for (const d of [";", "\t"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}
