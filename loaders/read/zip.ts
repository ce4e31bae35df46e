// Zip containers (XLSX, ODS) inspected before any parser inflates them: the
// central directory gives each entry's sizes, which are checked against the
// limits (entry count, total uncompressed size, compression ratio), then each
// entry is inflated with its declared size as a hard cap, so that a directory
// that lies about sizes is caught too. SheetJS trusts the local headers and
// inflates from there without a cap: this check reads the same bytes it will.

import { inflateRawSync } from "node:zlib";
import { PanoramaError } from "../errors.js";
import { formatBytes, LIMITS, type Limits } from "../sources/index.js";

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipSummary {
  entries: ZipEntry[];
  uncompressedBytes: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

type Directory = { entries: ZipEntry[] } | { damage: string };

/** The entries of a zip's central directory, or null when it has none that can be read (truncated, not a zip). */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const dir = parseDirectory(bytes, Infinity);
  return "entries" in dir ? dir.entries : null;
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

function parseDirectory(bytes: Uint8Array, maxEntries: number): Directory & { count?: number } {
  if (bytes.length < 22) return { damage: "too short to be a zip archive" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65 535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 65_535);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { damage: "no end of central directory, the file is truncated or not a zip archive" };
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === U16_MAX || offset === U32_MAX) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const at = u64(view, eocd - 20 + 8);
    if (at + 56 > bytes.length || view.getUint32(at, true) !== ZIP64_EOCD) return { damage: "broken ZIP64 end of central directory" };
    count = u64(view, at + 32);
    offset = u64(view, at + 48);
  }
  if (count > maxEntries) return { entries: [], count };
  const decoder = new TextDecoder("utf-8");
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL) {
      return { damage: `central directory entry ${k + 1} of ${count} is missing or broken` };
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const end = offset + 46 + nameLength + extraLength;
    if (end > bytes.length) return { damage: `central directory entry ${k + 1} of ${count} is cut short` };
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    };
    readZip64Extra(view, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset = end + commentLength;
  }
  return { entries };
}

/** ZIP64 extended information: 8-byte values for the fields set to 0xFFFFFFFF, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const end = Math.min(p + size, start + length);
      for (const field of ["uncompressedSize", "compressedSize", "localOffset"] as const) {
        if (entry[field] === U32_MAX && p + 8 <= end) {
          entry[field] = u64(view, p);
          p += 8;
        }
      }
      return;
    }
    at += 4 + size;
  }
}

/**
 * Checks a zip container before it is parsed: readable directory, at most
 * `maxZipEntries` entries, stored or deflated only, total uncompressed size and
 * per-entry ratio within the limits, and every entry inflating to exactly its
 * declared size. `what` names the container in messages ("XLSX workbook"). `inspect` is given
 * each entry's uncompressed bytes, as they are inflated (they are not kept).
 */
export function checkZip(
  bytes: Uint8Array,
  file: string,
  what: string,
  limits: Readonly<Limits> = LIMITS,
  inspect?: (entry: ZipEntry, data: Uint8Array) => void,
): ZipSummary {
  const damaged = (why: string) =>
    new PanoramaError(
      `the ${what} cannot be read (damaged zip archive: ${why}); the file is damaged or not a spreadsheet.`,
      { file },
      "Delete the cached copy and download it again; if it still fails, check that it opens in a spreadsheet program.",
    );
  const refused = (why: string) =>
    new PanoramaError(
      `the ${what} is refused before it is opened: ${why}. This is how a zip bomb looks; no real edition comes near it.`,
      { file },
      "Check where the file comes from; if it is a genuine edition, raise the limit in loaders/sources/limits.ts.",
    );

  const dir = parseDirectory(bytes, limits.maxZipEntries);
  if ("damage" in dir) throw damaged(dir.damage);
  if (dir.count !== undefined) throw refused(`it has ${dir.count} entries, over the limit of ${limits.maxZipEntries}`);
  const { entries } = dir;

  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limits.maxZipUncompressedBytes) {
      throw refused(
        `its entries would expand to more than ${formatBytes(limits.maxZipUncompressedBytes)} (entry "${e.name}" alone declares ${formatBytes(e.uncompressedSize)})`,
      );
    }
    if (e.uncompressedSize > limits.zipRatioFloorBytes && e.uncompressedSize > limits.maxZipRatio * Math.max(e.compressedSize, 1)) {
      throw refused(
        `entry "${e.name}" would expand ${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))} times (${formatBytes(e.compressedSize)} → ${formatBytes(e.uncompressedSize)}), over the limit of ${limits.maxZipRatio}:1`,
      );
    }
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    const at = e.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw damaged(`entry "${e.name}" has no local header`);
    const flags = view.getUint16(at + 6, true);
    const method = view.getUint16(at + 8, true);
    if ((flags | e.flags) & 0x2041) throw damaged(`entry "${e.name}" is encrypted`);
    if (method !== 0 && method !== 8) throw damaged(`entry "${e.name}" uses compression method ${method}, not stored or deflate`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start > bytes.length) throw damaged(`entry "${e.name}" is cut short`);
    if (method === 0) {
      if (start + e.compressedSize > bytes.length) throw damaged(`entry "${e.name}" is cut short`);
      inspect?.(e, bytes.subarray(start, start + e.compressedSize));
      continue;
    }
    let inflated: Buffer;
    try {
      // From the entry's data to the end of the file, as SheetJS reads it; the stream says where it ends.
      inflated = inflateRawSync(bytes.subarray(start), { maxOutputLength: Math.max(e.uncompressedSize, 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw refused(`entry "${e.name}" expands beyond the ${formatBytes(e.uncompressedSize)} its directory declares`);
      }
      throw damaged(`entry "${e.name}" does not inflate (${(err as Error).message})`);
    }
    if (inflated.length !== e.uncompressedSize) {
      throw damaged(`entry "${e.name}" inflates to ${formatBytes(inflated.length)}, not the ${formatBytes(e.uncompressedSize)} its directory declares`);
    }
    inspect?.(e, inflated);
  }
  return { entries, uncompressedBytes: total };
}
