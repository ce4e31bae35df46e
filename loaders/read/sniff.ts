import { PanoramaError } from "../errors.js";
import type { SourceFormat } from "../schema.js";
import { decodeText, startsWith, utf16Encoding } from "./decode.js";
import { READERS } from "./formats.js";
import { readCentralDirectory, type ZipEntry } from "./zip.js";

export interface Sniffed {
  format: SourceFormat;
  /** Set when the file name's extension says another format than the content. */
  warning: string | null;
}

const EXPECTED = "a CSV, XLSX, XLS or ODS spreadsheet or a Panorama dashboard page (HTML)";

/** The format of a source file, from its content; the extension only feeds the warning. */
export function sniffFormat(bytes: Uint8Array, file: string): Sniffed {
  const format = sniffContent(bytes, file);
  const claimed = formatFromExtension(file);
  const warning =
    claimed && claimed !== format
      ? `file ${file} is actually ${READERS[format].label}, not ${READERS[claimed].label} as its extension says: read as ${READERS[format].label}.`
      : null;
  return { format, warning };
}

const SOURCE_FORMAT_LIST = Object.keys(READERS) as SourceFormat[];

export function formatFromExtension(file: string): SourceFormat | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(file);
  if (!match) return null;
  const extension = match[1]!.toLowerCase();
  return SOURCE_FORMAT_LIST.find((f) => READERS[f].extensions.includes(extension)) ?? null;
}

function sniffContent(bytes: Uint8Array, file: string): SourceFormat {
  if (isBlank(bytes)) {
    throw new PanoramaError(
      `the file is empty${bytes.length ? " (only whitespace)" : " (0 bytes)"}; expected ${EXPECTED}.`,
      { file },
      "Delete the cached copy and download it again; if the source itself is empty, remove it from the catalogue.",
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes, file);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  const known = KNOWN_BINARIES.find(([magic]) => startsWith(bytes, magic));
  if (known || looksBinary(bytes)) {
    throw new PanoramaError(
      `the content is ${known ? `a ${known[1]} file` : "binary data"}, not ${EXPECTED}.`,
      { file },
      known
        ? "Check the download address and delete the cached copy so that it is downloaded again."
        : "Check the download address and delete the cached copy so that it is downloaded again; if it is a text file, save it as UTF-8 (or UTF-16 with a byte-order mark).",
    );
  }
  return isHtml(bytes) ? "html" : "csv";
}

const KNOWN_BINARIES: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], "PDF"],
  [[0x1f, 0x8b], "gzip"],
  [[0x89, 0x50, 0x4e, 0x47], "PNG"],
  [[0xff, 0xd8, 0xff], "JPEG"],
  [[0x50, 0x4b, 0x05, 0x06], "empty zip"],
];

function isBlank(bytes: Uint8Array): boolean {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  return true;
}

/** Control characters other than tab, LF, FF and CR do not occur in text; UTF-16 text is told by its BOM. */
function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Encoding(bytes)) return false;
  const n = Math.min(bytes.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return control > n / 100;
}

const HTML_TAG = /^<(?:!doctype\s+html|html)\b/i;

/** An optional XML declaration, comments, then `<!DOCTYPE html` or `<html`; a linear scan (a regex over repeated comments backtracks exponentially). */
function startsLikeHtml(head: string): boolean {
  let s = head.trimStart();
  if (/^<\?xml/i.test(s)) {
    const end = s.indexOf(">");
    if (end < 0) return false;
    s = s.slice(end + 1).trimStart();
  }
  while (s.startsWith("<!--")) {
    const end = s.indexOf("-->", 4);
    if (end < 0) return false;
    s = s.slice(end + 3).trimStart();
  }
  return HTML_TAG.test(s);
}

const WIDGET_MARKER = '<script type="application/json" data-for="htmlwidget';

function isHtml(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, 4096)).trimStart();
  return startsLikeHtml(head) || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(WIDGET_MARKER);
}

/**
 * XLSX and ODS are both zip archives: an XLSX has `xl/…` parts, an ODS a `mimetype`
 * entry naming the OpenDocument spreadsheet type (and a `content.xml`). Entries come
 * from the central directory; a damaged directory falls back to a byte search, then
 * to the extension (the workbook reader then reports the damage).
 */
function sniffZip(bytes: Uint8Array, file: string): SourceFormat {
  const entries = readCentralDirectory(bytes);
  if (!entries) {
    const latin1 = new TextDecoder("latin1").decode(bytes);
    if (latin1.includes("xl/workbook.")) return "xlsx";
    if (latin1.includes(ODS_MIMETYPE)) return "ods";
    return formatFromExtension(file) === "ods" ? "ods" : "xlsx";
  }
  if (entries.some((e) => e.name.startsWith("xl/"))) return "xlsx";
  const mimetype = entries.find((e) => e.name === "mimetype");
  const declared = mimetype && mimetype.method === 0 ? storedText(bytes, mimetype) : null;
  if (declared?.trim().startsWith(ODS_MIMETYPE)) return "ods";
  if (declared === null && entries.some((e) => e.name === "content.xml")) return "ods";
  const names = entries.map((e) => e.name);
  throw new PanoramaError(
    `the file is a zip archive but neither an XLSX nor an ODS spreadsheet (${
      declared ? `type ${declared.trim()}` : `entries: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}`
    }); expected ${EXPECTED}.`,
    { file },
    "Check the download address: the source may have been replaced by another document.",
  );
}

const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

function storedText(bytes: Uint8Array, entry: ZipEntry): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  const size = entry.compressedSize;
  if (size > 1024 || at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + size > bytes.length) return null;
  return new TextDecoder("latin1").decode(bytes.subarray(start, start + size));
}
