// French typography for text built in JavaScript (Framework's typographer only sees Markdown):
// a narrow no-break space (U+202F) before ; : ? ! » and after «, a no-break space (U+00A0)
// between a number and its unit and after « n° ». The one path every computed string goes through.

export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

const UNITS = "M€|Md€|k€|€|%|ans|an|mois|jours|jour|points|point|pts|pt|Mo|Ko|Go|octets|o";

/** Puts French no-break spaces into a plain string. Idempotent; leaves URLs and times alone. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0\u202f\t]+([;?!»])/gu, `${NNBSP}$1`)
    .replace(/[ \u00a0\u202f\t]+:(?!\/\/)/gu, `${NNBSP}:`)
    .replace(/(\p{L})([;?!]+)(?=\s|$)/gu, `$1${NNBSP}$2`)
    .replace(/([\p{L}\d.…)])»/gu, `$1${NNBSP}»`)
    .replace(/«[ \u00a0\u202f\t]*/gu, `«${NNBSP}`)
    .replace(new RegExp(`(\\d)[ \\u00a0](?=(?:${UNITS})(?![\\p{L}\\d]))`, "gu"), `$1${NBSP}`)
    .replace(/(\bn°|\bN°)[ \t](?=\d)/gu, `$1${NBSP}`);
}

/** True when a visible string breaks the rules above (for tests of rendered pages). */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  for (const m of text.matchAll(/ [;:?!»]|« /gu)) {
    const i = m.index ?? 0;
    faults.push(text.slice(Math.max(0, i - 30), i + 30));
  }
  return faults;
}

// Text that is code, not prose, and the Atelier's query results (values exactly as stored): left as written.
const VERBATIM = "code, pre, kbd, samp, script, style, textarea, .sql-editor";

function typesetText(node: Text): void {
  const value = node.nodeValue ?? "";
  if (!/[;:?!«»]|\d[ \u00a0][\p{L}%€]|°[ \t]\d/u.test(value)) return;
  if (node.parentElement?.closest(VERBATIM)) return;
  const spaced = frenchSpacing(value);
  if (spaced !== value) node.nodeValue = spaced;
}

/** Applies frenchSpacing to every text node under `root` (code excepted). */
export function typeset(root: Node): void {
  if (root.nodeType === 3) {
    typesetText(root as Text);
    return;
  }
  if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) typesetText(n as Text);
}

/**
 * Typesets the page now and every text drawn later (cells, tables, charts, tooltips): the text that
 * pages build in JavaScript goes through frenchSpacing like the Markdown does at build time.
 * Idempotent, so its own changes do not loop.
 */
export function typesetPage(doc: Document): void {
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") typeset(record.target);
      else for (const node of record.addedNodes) typeset(node);
    }
  }).observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  typeset(doc.documentElement);
}
