// Domain labels and text folding shared by the loaders (Node) and the pages (browser): one copy,
// browser-safe (no Node module), so that both sides name phases and compare text the same way.

/** Phases as published, from framing to done (the only values of `projects.phase`). */
export const PHASES = ["Cadrage", "Conception / Réalisation", "Expérimentation", "Déploiement", "Terminé"] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_WITHHELD = "Chiffres non publiés";
export const PHASE_UNKNOWN = "Phase non renseignée";
export const MINISTRY_UNKNOWN = "Ministère non renseigné";
export const ZONE_UNKNOWN = "Zone non renseignée";

/** Every phase a reader sees, in order: the published ones, then figures withheld, then none. */
export const PHASE_ORDER: readonly string[] = [...PHASES, PHASE_WITHHELD, PHASE_UNKNOWN];

/** The phase of a row as a reader sees it: withheld figures and missing phases get their own label. */
export function phaseLabel(p: { phase: string | null; figures_withheld: boolean }): string {
  return p.phase ?? (p.figures_withheld ? PHASE_WITHHELD : PHASE_UNKNOWN);
}

const ASCII = /^[\x00-\x7f]*$/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALNUM_RUN = /[^a-z0-9]+/g;

/** Lowercase, accents and ligatures stripped, every run of other characters → one space, trimmed: « Élysée-Œuvre » → "elysee oeuvre". */
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

/** Lowercase, accents stripped, typographic apostrophes as ', spaces collapsed; punctuation kept ("06/2017", "févr."). */
export function foldWords(s: string): string {
  return s
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}
