// Text helpers shared by the normalizers: folding, NULL tokens, cell text.
// Every scan here is linear in the input length (no backtracking-prone regex
// over unbounded input): cells come from files we do not control.

import { foldText, foldWords } from "../../docs/components/labels.js";
import { decodeEntities, stripTags } from "../read/index.js";

export { foldText };

/** Published spellings of "unknown" (compared lowercased, accents stripped, spaces collapsed). */
export const NULL_TOKENS: ReadonlySet<string> = new Set([
  "",
  "na",
  "n/a",
  "n.a.",
  "none",
  "null",
  "nan",
  "-",
  "--",
  "—",
  "–",
  "n.c.",
  "n.c",
  "nc",
  "n/c",
  "non communique",
  "non renseigne",
]);

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const LONGEST_NULL_TOKEN = 24;

/** True for null, undefined, NaN and the published spellings of "unknown" (NA, None, "", -, n.c.…). */
export function isNullToken(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "number") return Number.isNaN(cell);
  if (typeof cell !== "string") return false;
  if (cell.length > LONGEST_NULL_TOKEN) return cell.trim().length === 0;
  const simple = cell.trim().toLowerCase();
  if (NULL_TOKENS.has(simple)) return true;
  if (ASCII_PRINTABLE.test(simple) && !simple.includes("  ")) return false;
  return NULL_TOKENS.has(foldWords(simple));
}

const HORIZONTAL_SPACE_RUN = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff\u00ad]/g;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/;
// Anything tidy() would change besides trimming.
const UNTIDY = /[\t\n\v\f\r\u0000-\u0008\u000e-\u001f\u007f\u0085\u00a0\u00ad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]| {2}/;
const DECOMPOSED = /[\u0300-\u036f]/;

function tidy(s: string): string {
  let text: string;
  if (!UNTIDY.test(s)) text = s.trim();
  else {
    const kept: string[] = [];
    for (const line of s.replace(INVISIBLE, "").split(LINE_BREAK)) {
      const t = line.replace(HORIZONTAL_SPACE_RUN, " ").trim();
      if (t) kept.push(t);
    }
    text = kept.join("\n");
  }
  return DECOMPOSED.test(text) ? text.normalize("NFC") : text;
}

/**
 * A cell as plain text: tags stripped (link text kept, script/style content dropped),
 * entities decoded, spaces collapsed, one newline between paragraphs, NFC.
 * NULL tokens and empty results → null; numbers → their decimal string.
 */
export function cleanText(cell: unknown): string | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === "boolean") return String(cell);
  if (typeof cell !== "string" || isNullToken(cell)) return null;
  const text = tidy(decodeEntities(stripTags(cell, false).text));
  return text === "" || isNullToken(text) ? null : text;
}

const HTTP_URL = /^https?:\/\/[^\s<>"]+$/i;

/** The URL if it is an absolute http(s) URL with a host, else null. */
export function httpUrlOrNull(candidate: string): string | null {
  const s = candidate.trim();
  if (s.length > 2048 || !HTTP_URL.test(s)) return null;
  try {
    const url = new URL(s);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
  } catch {
    return null;
  }
  return s;
}
