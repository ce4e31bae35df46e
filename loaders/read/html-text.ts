// Text of HTML fragments (dashboard cells, value boxes, cells that hold markup). Every scan is
// linear in the input length: the pages come from files we do not control.
import { decodeHTMLStrict } from "entities";

/** Decodes HTML character references (the full HTML table; `&#146;` is "’" as browsers read it); unknown names are left as written. */
export function decodeEntities(s: string): string {
  return s.includes("&") ? decodeHTMLStrict(s) : s;
}

const TAG_NAME = /^\/?([a-zA-Z][a-zA-Z0-9]*)/;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const BLOCK_TAGS = new Set(["br", "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "hr"]);
const RAW_TEXT_TAGS = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg", "math", "textarea"]);

export interface Stripped {
  text: string;
  hrefs: string[];
}

/** One linear pass: text outside tags (block tags → newline), raw-text elements dropped, `<a href>` values collected. */
export function stripTags(s: string, wantLinks: boolean): Stripped {
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
    if (!((isLetter || next === 47 /* / */ || next === 33 /* ! */ || next === 63) /* ? */)) {
      out.push("<");
      i = lt + 1;
      continue;
    }
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      if (end < 0) {
        // An unclosed "<!--" is not a comment but text ("<!-- à revoir" in a name), as an unterminated "<tag" is.
        out.push(s.slice(lt));
        break;
      }
      i = end + 3;
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

/** Text content of an HTML fragment: tags removed, entities decoded, whitespace collapsed to single spaces. */
export function htmlText(fragment: string): string {
  return decodeEntities(stripTags(fragment, false).text)
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}
