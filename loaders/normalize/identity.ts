import { foldText } from "./text.js";

const MAX_SLUG_LENGTH = 80;

/**
 * Provisional project key: ASCII slug of the folded name
 * ("FRANCE CONNECT PHASE II" → "france-connect-phase-ii"). A name with no
 * letter or digit gets "x-" and a hash of the name, so the key is never empty.
 */
export function projectSlug(name: string): string {
  const slug = foldText(name).slice(0, MAX_SLUG_LENGTH).trim().replace(/ /g, "-");
  if (slug) return slug;
  let hash = 0x811c9dc5;
  for (const ch of name.normalize("NFC")) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `x-${hash.toString(16).padStart(8, "0")}`;
}
