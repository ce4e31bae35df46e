// Text helpers shared by the normalizers: folding, NULL tokens, HTML stripping.
// Every scan here is linear in the input length (no backtracking-prone regex
// over unbounded input): cells come from files we do not control.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;
const NON_ALNUM_RUN = /[^a-z0-9]+/g;

/** Lowercase, accents and ligatures stripped, every run of other characters → one space, trimmed. */
export function foldText(s: string): string {
  return (ASCII.test(s) ? s : s.normalize("NFKD"))
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(NON_ALNUM_RUN, " ")
    .trim();
}

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

const SPACE_RUN = /[\s\u00a0\u202f\u2007]+/g;
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
  const key = simple.normalize("NFD").replace(COMBINING_MARKS, "").replace(SPACE_RUN, " ").trim();
  return NULL_TOKENS.has(key);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0",
  rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", laquo: "«", raquo: "»",
  sbquo: "‚", bdquo: "„", hellip: "…", ndash: "–", mdash: "—", euro: "€",
  deg: "°", middot: "·", bull: "•", times: "×", shy: "", copy: "©", reg: "®",
  eacute: "é", egrave: "è", ecirc: "ê", euml: "ë", agrave: "à", acirc: "â",
  auml: "ä", ccedil: "ç", icirc: "î", iuml: "ï", ocirc: "ô", ouml: "ö",
  ugrave: "ù", ucirc: "û", uuml: "ü", yuml: "ÿ", oelig: "œ", aelig: "æ",
  Eacute: "É", Egrave: "È", Ecirc: "Ê", Euml: "Ë", Agrave: "À", Acirc: "Â",
  Ccedil: "Ç", Icirc: "Î", Iuml: "Ï", Ocirc: "Ô", Ugrave: "Ù", Ucirc: "Û",
  OElig: "Œ", AElig: "Æ", thinsp: "\u2009", ensp: " ", emsp: " ", zwnj: "", zwj: "",
};

const ENTITY = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

/** Decodes HTML character references; unknown names are left as they are. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (whole, body: string) => {
    if (body.charCodeAt(0) === 35 /* # */) {
      const hex = body[1] === "x" || body[1] === "X";
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const TAG_NAME = /^\/?([a-zA-Z][a-zA-Z0-9]*)/;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const BLOCK_TAGS = new Set([
  "br", "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "hr",
]);
const RAW_TEXT_TAGS = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg", "math", "textarea"]);

interface Stripped {
  text: string;
  hrefs: string[];
}

/** One linear pass: text outside tags (block tags → newline), raw-text elements dropped, `<a href>` values collected. */
function stripTags(s: string, wantLinks: boolean): Stripped {
  const hrefs: string[] = [];
  if (!s.includes("<")) return { text: s, hrefs };
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const lt = s.indexOf("<", i);
    if (lt < 0) {
      out.push(s.slice(i));
      break;
    }
    out.push(s.slice(i, lt));
    const next = s.charCodeAt(lt + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (!(isLetter || next === 47 /* / */ || next === 33 /* ! */ || next === 63 /* ? */)) {
      out.push("<");
      i = lt + 1;
      continue;
    }
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const gt = s.indexOf(">", lt + 1);
    if (gt < 0) {
      // An unterminated "<tag" is not markup: keep it as text.
      out.push(s.slice(lt));
      break;
    }
    const inner = s.slice(lt + 1, gt);
    const name = TAG_NAME.exec(inner)?.[1]?.toLowerCase() ?? "";
    const closing = inner.charCodeAt(0) === 47;
    i = gt + 1;
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      const endTag = new RegExp(`</${name}\\s*>`, "gi");
      endTag.lastIndex = i;
      const m = endTag.exec(s);
      i = m ? m.index + m[0].length : n;
      continue;
    }
    if (BLOCK_TAGS.has(name)) out.push("\n");
    else if (name === "td" || name === "th") out.push(" ");
    if (wantLinks && name === "a" && !closing) {
      const m = HREF.exec(inner);
      const href = m ? (m[1] ?? m[2] ?? m[3] ?? "") : "";
      if (href) hrefs.push(decodeEntities(href).trim());
    }
  }
  return { text: out.join(""), hrefs };
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

const URL_LIST_SEPARATOR = /\s*[;,|]\s*(?=https?:\/\/)|\s+/i;
const WRAPPING_QUOTES = /^["'«“‘<\s]+|["'»”’>\s]+$/g;

/**
 * The first http(s) URL of a text that should hold one. Quirks: several URLs
 * separated by spaces or ";" → the first; wrapping quotes are dropped
 * (`'http://…"`); a bare "www.…" host gets "http://".
 */
export function firstHttpUrl(text: string): string | null {
  if (text.length > 10_000) return null;
  const first = (text.trim().split(URL_LIST_SEPARATOR, 1)[0] ?? "").replace(WRAPPING_QUOTES, "");
  return httpUrlOrNull(/^www\.[^\s]+$/i.test(first) ? `http://${first}` : first);
}

/** The href of every `<a>` tag, in order, http(s) only. */
export function extractLinks(cell: unknown): string[] {
  if (typeof cell !== "string" || !cell.includes("<")) return [];
  const links: string[] = [];
  for (const href of stripTags(cell, true).hrefs) {
    const url = firstHttpUrl(href);
    if (url) links.push(url);
  }
  return links;
}
