// Bytes to text, as the sources were saved: UTF-8 with or without BOM, UTF-16, Windows-1252.

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

export function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (startsWith(bytes, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(bytes, [0xfe, 0xff])) return "utf-16be";
  return null;
}

/** Text of a file: UTF-16 when it has a UTF-16 BOM, else UTF-8 (BOM dropped), else Windows-1252. */
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
