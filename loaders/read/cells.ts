// What an XLSX asks SheetJS to build, counted in its XML before SheetJS parses it: cells (<c>),
// rows (<row>) and shared strings (<si>), whatever their namespace prefix. Every part is counted,
// not only the worksheets the workbook names: a count too high is safe, one too low is not.

export interface XmlCounts {
  cells: number;
  rows: number;
  strings: number;
}

const LT = 0x3c;
const COLON = 0x3a;

/** Bytes that may appear in an XML name (ASCII letters, digits, "_", "-", ".", ":"; any non-ASCII byte). */
const NAME = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  NAME[b] =
    (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e || b === COLON || b >= 0x80
      ? 1
      : 0;
}

/** Adds to `counts` the start tags of `data` whose local name is c, row or si. */
export function countXmlElements(data: Uint8Array, counts: XmlCounts): void {
  const n = data.length;
  for (let i = data.indexOf(LT); i >= 0 && i < n; i = data.indexOf(LT, i + 1)) {
    // The local name: after the last colon of the tag name.
    let j = i + 1;
    let local = j;
    while (j < n && NAME[data[j]!]) {
      if (data[j] === COLON) local = j + 1;
      j++;
    }
    const length = j - local;
    if (length === 1) {
      if (data[local] === 0x63) counts.cells++;
    } else if (length === 2) {
      if (data[local] === 0x73 && data[local + 1] === 0x69) counts.strings++;
    } else if (length === 3) {
      if (data[local] === 0x72 && data[local + 1] === 0x6f && data[local + 2] === 0x77) counts.rows++;
    }
  }
}

/** countXmlElements for a part in UTF-8 or, with its byte-order mark or a NUL after "<", UTF-16. */
export function countPart(data: Uint8Array, counts: XmlCounts): void {
  const le = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === LT && data[1] === 0);
  const be = (data[0] === 0xfe && data[1] === 0xff) || (data[0] === 0 && data[1] === LT);
  countXmlElements(le || be ? new TextEncoder().encode(new TextDecoder(le ? "utf-16le" : "utf-16be").decode(data)) : data, counts);
}
