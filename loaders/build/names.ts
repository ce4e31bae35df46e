import { isKnownMinistry, foldText, projectSlug } from "../normalize/index.js";

// Identity of a project: its folded name (case, accents, punctuation, spaces and
// connecting words ignored) within its canonical ministry, then the reviewed alias
// table for renamed projects. Everything here is independent of input order.

const NAME_STOP_WORDS = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en", "pour", "sur"]);
const MINISTRY_STOP_WORDS = new Set(["ministere", "ministeres", "de", "des", "du", "d", "la", "le", "l", "les", "et"]);
const MAX_KEY_LENGTH = 80;
const TRAILING_PARENS = /\(([^()]*)\)\s*$/;
const DOTTED_ACRONYM = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])\.?/gu;
const NO_MINISTRY = "sans-ministere";

/**
 * Words of a project name as compared: "@" read as "a" (OP@LE, MISTR@L), a trailing
 * "(ministry acronym)" dropped, dotted acronyms joined ("S.I.R.H." → "sirh"),
 * connecting words dropped.
 */
export function nameTokens(name: string): string[] {
  let text = name.replace(/@/g, "a").replace(DOTTED_ACRONYM, (m) => m.replace(/\./g, ""));
  const parens = TRAILING_PARENS.exec(text);
  if (parens && isKnownMinistry(parens[1]!.trim())) text = text.slice(0, parens.index);
  return foldText(text)
    .split(" ")
    .filter((w) => w !== "" && !NAME_STOP_WORDS.has(w));
}

/** The folded name, words separated by one space: "Montée de version du SIRH" → "montee version sirh". */
export function foldProjectName(name: string): string {
  return nameTokens(name).join(" ");
}

/** What two names must share to be the same project: the folded words, spaces removed ("FRANCECONNECT" = "FRANCE CONNECT"). */
export function nameIdentity(name: string): string {
  const tokens = nameTokens(name);
  return tokens.length > 0 ? tokens.join("") : `#${name.trim()}`;
}

export function nameSlug(name: string): string {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return projectSlug(name);
  let slug = tokens.join("-");
  if (slug.length > MAX_KEY_LENGTH) {
    const cut = slug.lastIndexOf("-", MAX_KEY_LENGTH);
    slug = slug.slice(0, cut > 0 ? cut : MAX_KEY_LENGTH);
  }
  return slug;
}

/** "Économie et Finances" → "economie-finances"; null → "sans-ministere". */
export function ministrySlug(ministry: string | null): string {
  if (ministry === null) return NO_MINISTRY;
  const slug = foldText(ministry)
    .split(" ")
    .filter((w) => w !== "" && !MINISTRY_STOP_WORDS.has(w))
    .join("-");
  return slug || NO_MINISTRY;
}
