// French grammar for the sentences of the pages: a count with its noun, words agreed with a count,
// negation before a vowel, lists, missing editions. Numbers and dates come from format.ts.
import { formatEdition, formatInt } from "./format.js";
import { frenchSpacing } from "./typography.js";

const NBSP = "\u00a0";

/** The form that agrees with a count: singular for 0 and 1, as in French, plural from 2. */
export function agree(n: number, singular: string, pluralForm = `${singular}s`): string {
  return Math.abs(n) < 2 ? singular : pluralForm;
}

/** A count with its noun, agreed: 1 projet, 2 projets (no-break space). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatInt(n)}${NBSP}${agree(n, singular, pluralForm)}`;
}

/** « ne » before a verb, elided before a vowel or a mute h: ne bouge, n’a, n’apparaît. */
export function ne(verb: string): string {
  return /^[aâàeéèêëiîïoôuûùyh]/i.test(verb) ? `n’${verb}` : `ne ${verb}`;
}

/** « a », « a et b », « a, b et c ». */
export function listJoin(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}

/** Edition ids as labels, joined with commas: « mars 2019, juillet 2019 ». */
export const editionList = (editions: readonly string[]): string => editions.map(formatEdition).join(", ");

export interface EditionGap {
  from: string;
  to: string;
  missing: string[];
}

/** « entre novembre 2018 et novembre 2021, 6 éditions ne sont pas disponibles (mars 2019, …) », joined with « ; ». */
export function gapSentence(gaps: readonly EditionGap[]): string {
  const text = gaps
    .map(
      (g) =>
        `entre ${formatEdition(g.from)} et ${formatEdition(g.to)}, ${g.missing.length > 1 ? `${g.missing.length} éditions ne sont pas disponibles` : "une édition n’est pas disponible"} (${editionList(g.missing)})`,
    )
    .join(" ; ");
  return frenchSpacing(text);
}

/**
 * A part of a whole as a reader says it after « dont » or before a verb: « tous » when it is the
 * whole (« 2 figurent encore, dont tous… » reads « tous deux » for two), « aucun » for none, else the count.
 */
export function partOf(part: number, whole: number, words: { all?: string; both?: string; none?: string } = {}): string {
  if (part === 0) return words.none ?? "aucun";
  if (part === whole && whole === 2) return words.both ?? "tous deux";
  if (part === whole && whole > 2) return words.all ?? "tous";
  return formatInt(part);
}

export interface SubjectOptions {
  /** The noun after the count, singular and plural: « 2 projets bougent ». */
  noun?: readonly [string, string];
  /** Negative verb: « ne bouge pas » (« pas » is dropped after « aucun »), « n’a jamais ». */
  not?: string;
  /** « aucun » or « aucune », after the noun's gender. */
  none?: string;
}

/** A count as the subject of its verb: « aucun ne baisse », « 1 baisse », « 3 baissent », « 1 ne bouge pas », « aucun ne bouge ». */
export function countSubject(n: number, verb: readonly [string, string], { noun, not, none = "aucun" }: SubjectOptions = {}): string {
  if (n === 0) {
    const rest = not && not !== "pas" ? ` ${not}` : "";
    return `${none}${noun ? ` ${noun[0]}` : ""} ${ne(verb[0])}${rest}`;
  }
  const count = noun ? plural(n, noun[0], noun[1]) : formatInt(n);
  const v = agree(n, verb[0], verb[1]);
  return `${count} ${not ? `${ne(v)} ${not}` : v}`;
}
