import { cleanText, foldText } from "./text.js";

/**
 * Canonical ministry → every label and acronym published for it. Canonical labels
 * are short and stable across government reshuffles.
 *
 * Choices:
 * - "Économie et Finances" is Bercy as a whole: economy, finance, budget and
 *   public accounts ("Action et Comptes publics", 2017–2020, shares Bercy's
 *   administrations and budget programmes 156/218), "… et de la Relance".
 * - "Affaires sociales" groups the social ministries that share one IT
 *   department (DNUM des ministères sociaux): solidarity, health, labour.
 * - "Éducation nationale" keeps the 2016 ministry that also had higher education
 *   and research (MENESR), and the later Youth and Sports attachments.
 * - "Transition écologique" follows environment/energy/sea (MEEM) and its successors.
 * - A label naming two ministries ("A / B") is counted for the first one.
 */
const MINISTRY_LABELS: Readonly<Record<string, readonly string[]>> = {
  "Services du Premier ministre": ["Premier ministre", "Services du Premier Ministre", "SPM"],
  "Europe et Affaires étrangères": [
    "Ministère des Affaires étrangères et du Développement international",
    "Ministère des Affaires étrangères",
    "Ministère de l'Europe et des Affaires étrangères",
    "MAEDI",
    "MAE",
    "MEAE",
    "MEA",
  ],
  "Affaires sociales": [
    "Ministères Chargés des Affaires Sociales",
    "Ministère chargé des Affaires Sociales",
    "Ministères sociaux",
    "Ministère des Solidarités et de la Santé",
    "Ministère des Affaires sociales et de la Santé",
    "Ministère des Affaires sociales, de la Santé et des Droits des femmes",
    "Ministère du Travail, de l'Emploi et de l'Insertion",
    "Ministère du Travail",
    "Ministère du Travail, de l'Emploi, de la Formation professionnelle et du Dialogue social",
    "Ministère du Travail, du Plein emploi et de l'Insertion",
    "Ministère de la Santé et de la Prévention",
    "Ministère des Solidarités, de l'Autonomie et des Personnes handicapées",
    "Ministère du Travail, de la Santé et des Solidarités",
    "MCAS",
    "MAS",
    "MSS",
    "MTEI",
  ],
  "Agriculture et Alimentation": [
    "Ministère de l'Agriculture, de l'Agroalimentaire et de la Forêt",
    "Ministère de l'Agriculture et de l'Alimentation",
    "Ministère de l'Agriculture et Alimentation",
    "Ministère de l'Agriculture et de la Souveraineté alimentaire",
    "MAAF",
    "MAA",
    "MASA",
  ],
  Culture: ["Ministère de la Culture et de la Communication", "Ministère de la Culture", "MCC", "MC"],
  Armées: ["Ministère de la Défense", "Ministère des Armées", "MINDEF", "MINARM", "MAr", "MD"],
  "Économie et Finances": [
    "Ministère de l'Économie et des Finances",
    "Ministères de l'Économie et des Finances",
    "Ministères économiques et financiers",
    "Ministère de l'Action et des Comptes Publics",
    "Ministère de l'Économie des Finances et de la Relance",
    "Ministère de l'Économie, des Finances et de la Relance",
    "Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique",
    "Ministère de l'Économie, de l'Industrie et du Numérique",
    "Ministère des Finances et des Comptes publics",
    "MEF",
    "MEFR",
    "MEFSIN",
    "MCAP",
    "MACP",
    "MINEFI",
  ],
  "Éducation nationale": [
    "Ministère de l'Éducation nationale, de l'Enseignement supérieur et de la Recherche",
    "Ministère de l'Éducation nationale",
    "Ministère de l'Éducation nationale de la Jeunesse et des Sports",
    "Ministère de l'Éducation nationale, de la Jeunesse et des Sports",
    "Ministère de l'Éducation nationale et de la Jeunesse",
    "MENESR",
    "MEN",
    "MENJ",
    "MENJS",
  ],
  "Transition écologique": [
    "Ministère de l'Environnement, de l'Énergie et de la Mer",
    "Ministère de la Transition écologique et solidaire",
    "Ministère de la Transition écologique",
    "Ministère de la Transition écologique et de la Cohésion des territoires",
    "MEEM",
    "MTES",
    "MTE",
    "MTECT",
  ],
  Intérieur: ["Ministère de l'Intérieur", "Ministère de l'Intérieur et des Outre-mer", "MI", "MIOM"],
  Justice: ["Ministère de la Justice", "MJ"],
  "Transformation et Fonction publiques": [
    "Ministère de la Transformation et de la Fonction Publiques",
    "Ministère de la Transformation et de la Fonction publique",
    "MTFP",
  ],
};

// Connecting words dropped before comparing, so that "Ministères de l'Économie
// et des Finances" and "Ministère de l'Economie et des Finances" meet.
const STOP_WORDS = new Set(["ministere", "ministeres", "de", "des", "du", "d", "la", "le", "l", "les", "et"]);

function ministryKey(label: string): string {
  return foldText(label)
    .split(" ")
    .filter((w) => !STOP_WORDS.has(w))
    .join(" ");
}

const CANONICAL_BY_KEY = new Map<string, string>();
for (const [canonical, labels] of Object.entries(MINISTRY_LABELS)) {
  for (const label of [canonical, ...labels]) {
    const key = ministryKey(label);
    const existing = CANONICAL_BY_KEY.get(key);
    if (existing && existing !== canonical) throw new Error(`MINISTRY_LABELS: "${label}" maps to two ministries`);
    CANONICAL_BY_KEY.set(key, canonical);
  }
}

/** The canonical labels, in table order. */
export const CANONICAL_MINISTRIES: readonly string[] = Object.keys(MINISTRY_LABELS);

const TWO_MINISTRIES = /\s+\/\s+|\s*\/\s*(?=minist)/i;

function lookup(label: string | null): string | null {
  if (label === null) return null;
  return CANONICAL_BY_KEY.get(ministryKey(label)) ?? null;
}

/**
 * The canonical ministry for a published label (and the spreadsheets' acronym, if
 * any). Unknown label → the published label with tidy spacing (never null when
 * something was published); check it with `isKnownMinistry`.
 */
export function canonicalMinistry(published: string | null, short?: string | null): string | null {
  const label = cleanText(published);
  const acronym = cleanText(short ?? null);
  const whole = lookup(label);
  if (whole) return whole;
  if (label !== null) {
    const first = label.split(TWO_MINISTRIES)[0];
    if (first !== undefined && first !== label) {
      const firstCanonical = lookup(first);
      if (firstCanonical) return firstCanonical;
    }
  }
  return lookup(acronym) ?? label ?? acronym;
}

/** True when the label (published, acronym or canonical; for "A / B", A) is in the ministry table. */
export function isKnownMinistry(label: string | null): boolean {
  const text = cleanText(label);
  if (text === null) return false;
  return lookup(text) !== null || lookup(text.split(TWO_MINISTRIES)[0] ?? null) !== null;
}
