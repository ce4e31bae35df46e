import { isKnownMinistry, foldText, projectSlug } from "../normalize/index.js";

// Identity of a project name: functions of the name alone, so that a key never depends on
// which editions are loaded (case, accents, punctuation and connecting words ignored;
// symbols that make a different name, "C++" or "C#", kept as words).

const NAME_STOP_WORDS = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en", "pour", "sur"]);
const MINISTRY_STOP_WORDS = new Set(["ministere", "ministeres", "de", "des", "du", "d", "la", "le", "l", "les", "et"]);
const MAX_KEY_LENGTH = 80;
const TRAILING_PARENS = /\(([^()]*)\)\s*$/;
const DOTTED_ACRONYM = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])\.?/gu;
const NO_MINISTRY = "sans-ministere";
/** "+" and "#" attached to a word name a different thing ("C++", "C#" ≠ "C"); alone they are punctuation ("RenoiRH + évol"). */
const WORD_SYMBOLS = /(?<=[\p{L}\p{N}])[+#]+/gu;
const SYMBOL_WORDS: Readonly<Record<string, string>> = { "+": "plus", "#": "sharp" };

/**
 * Words of a project name as compared: "@" read as "a" (OP@LE, MISTR@L), a trailing
 * "(ministry acronym)" dropped, dotted acronyms joined ("S.I.R.H." → "sirh"),
 * connecting words dropped, "+" and "#" attached to a word spelled out ("C++" → "c plus plus").
 */
export function nameTokens(name: string): string[] {
  return foldedTokens(name.replace(WORD_SYMBOLS, (m) => ` ${[...m].map((c) => SYMBOL_WORDS[c]).join(" ")} `));
}

function foldedTokens(name: string): string[] {
  let text = name.replace(/@/g, "a").replace(DOTTED_ACRONYM, (m) => m.replace(/\./g, ""));
  const parens = TRAILING_PARENS.exec(text);
  if (parens && isKnownMinistry(parens[1]!.trim())) text = text.slice(0, parens.index);
  return foldText(text)
    .split(" ")
    .filter((w) => w !== "" && !NAME_STOP_WORDS.has(w));
}

/**
 * The name with every symbol dropped ("Projet C++", "C#", "C" → "c" after "projet"): names
 * that share it but not their key are look-alikes a person must review, never merged by it.
 */
export function looseIdentity(name: string): string {
  return remembered(looseIdentities, name, () => foldedTokens(name).join(""));
}

// Review compares every pair of keys' names: each name's identities are worked out once.
const MEMO_LIMIT = 50_000;
const looseIdentities = new Map<string, string>();
const nameIdentities = new Map<string, string>();

function remembered(memo: Map<string, string>, name: string, compute: () => string): string {
  let value = memo.get(name);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = compute();
    memo.set(name, value);
  }
  return value;
}

/** The folded name, words separated by one space: "Montée de version du SIRH" → "montee version sirh". */
export function foldProjectName(name: string): string {
  return nameTokens(name).join(" ");
}

/** What two names must share to be the same project: the folded words, spaces removed ("FRANCECONNECT" = "FRANCE CONNECT"). */
export function nameIdentity(name: string): string {
  return remembered(nameIdentities, name, () => {
    const tokens = nameTokens(name);
    return tokens.length > 0 ? tokens.join("") : `#${name.trim()}`;
  });
}

/** The key a name gets when no alias applies: its folded words joined by "-", cut at a word within 80 characters. */
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
