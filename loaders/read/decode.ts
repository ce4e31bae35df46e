// Bytes to text, as the sources were saved: UTF-8 with or without BOM, UTF-16, Windows-1252.

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/** UTF-16 told by its byte-order mark, or without one by its zero bytes (see bomlessUtf16). */
export function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (startsWith(bytes, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(bytes, [0xfe, 0xff])) return "utf-16be";
  return bomlessUtf16(bytes);
}

const SAMPLE_BYTES = 65_536;
// Text in a Latin script saved as UTF-16 has a zero high byte in nearly every code unit: "A" is
// 41 00 (LE) or 00 41 (BE). Other scripts do not, and are not expected in these files.
const MIN_LATIN_SHARE = 0.5;
const MAX_OTHER_SHARE = 0.05;

/**
 * UTF-16 saved without a byte-order mark (some Windows exports): most code units of the first 64 KiB
 * have one zero byte, always on the same side, and the decoded sample is text (no NUL or other
 * control than tab, line breaks and form feed; no C1 control).
 */
function bomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (a !== 0 && b === 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  const units = n / 2;
  const encoding =
    le >= units * MIN_LATIN_SHARE && be <= units * MAX_OTHER_SHARE
      ? "utf-16le"
      : be >= units * MIN_LATIN_SHARE && le <= units * MAX_OTHER_SHARE
        ? "utf-16be"
        : null;
  if (encoding === null) return null;
  // The sample may end inside a surrogate pair.
  const sample = new TextDecoder(encoding).decode(bytes.subarray(0, n)).replace(/\ufffd$/, "");
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/.test(sample) ? null : encoding;
}

/** Text of a file: UTF-16 when it has a UTF-16 BOM or reads as BOM-less UTF-16, else UTF-8 (BOM dropped), else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
    return decodeWindows1252(bytes.subarray(bom));
  }
}

// Bytes 0x80–0x9F of Windows-1252 (WHATWG table; 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as is).
const CP1252_C1 = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ";

/** Node 20's TextDecoder("windows-1252") decodes as Latin-1 (C1 controls instead of € ’ Œ …): map them here. */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\x80-\x9f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}
