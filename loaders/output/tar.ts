// Minimal POSIX ustar writer: Framework extracts members of a `.tar` produced by a data loader
// (docs/data/<name>.tar.ts → FileAttachment("data/<name>/<member>")), so one loader process can
// serve many small files.
import { PanoramaError } from "../errors.js";

export interface TarEntry {
  name: string;
  bytes: Uint8Array | string;
}

const BLOCK = 512;
const encoder = new TextEncoder();

function writeString(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  header.set(bytes.subarray(0, length), offset);
}

/** Octal field, NUL-terminated, zero-padded to `length` bytes. */
function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

function header(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  h[156] = 0x30; // regular file
  writeString(h, 257, 6, "ustar\0");
  writeString(h, 263, 2, "00");
  const sum = h.reduce((a, b) => a + b, 0);
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** A tar archive of `entries`, in the given order. Names: relative, ASCII, at most 100 bytes, unique. */
export function tarArchive(entries: readonly TarEntry[], mtime = 0): Uint8Array {
  const seen = new Set<string>();
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    if (!/^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/.test(entry.name) || entry.name.includes("..") || encoder.encode(entry.name).length > 100) {
      throw new PanoramaError(`invalid archive member name "${entry.name}".`, {}, "Use relative ASCII names of at most 100 bytes.");
    }
    if (seen.has(entry.name)) throw new PanoramaError(`duplicate archive member "${entry.name}".`);
    seen.add(entry.name);
    const bytes = typeof entry.bytes === "string" ? encoder.encode(entry.bytes) : entry.bytes;
    parts.push(header(entry.name, bytes.length, mtime), bytes, new Uint8Array((BLOCK - (bytes.length % BLOCK)) % BLOCK));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
