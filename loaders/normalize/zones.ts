import { cleanText, foldText } from "./text.js";

/**
 * Functional zones, harmonised across editions the way ministries are: one spelling per zone,
 * whatever the case, accents, apostrophes or final full stop of the published label; known typos
 * and acronyms mapped explicitly; a sub-zone after " / " (2017-02 to 2018-11: « Gestion et
 * contrôle des accès / Identification & Authentification ») dropped. A changed word is not a
 * spelling: « Sécurité Circulation routière » and « Sécurité et Circulation Routières » stay apart.
 *
 * Where editions disagree on case, the zone is written as French writes it (sentence case);
 * otherwise the published spelling is kept.
 */
const KNOWN_ZONES: readonly string[] = [
  "Achats",
  "Action Diplomatique",
  "Administration générale et territoriale de l’État",
  "Alerte & Gestion de crises",
  "Alimentation",
  "Archives définitives",
  "Contentieux de l'administration",
  "Délivrance de visas d'entrée en France",
  "Données culturelles transverses",
  "Douane",
  "Échanges & Relations",
  "Emploi",
  "Emploi et formation professionnelle",
  "Enseignement Agricole",
  "État civil",
  "Examens et Concours",
  "Finances",
  "Fiscalité",
  "Fiscalité indirecte, Dédouanement et gestion des imports & exports",
  "Gestion de la documentation",
  "Gestion de la documentation et de la connaissance",
  "Gestion de la relation avec les Usagers",
  "Gestion des établissements pénitentiaires",
  "Gestion des personnes mises sous main de justice",
  "Gestion des personnes placées sous main de justice",
  "Gestion des systèmes d'information et de communication",
  "Gestion et contrôle des accès",
  "Gestion publique",
  "Identité Numérique",
  "Immigration, asile, intégration et accès à la nationalité française",
  "Immobilier",
  "Information géographique",
  "Infrastructure, Transports et Mer",
  "Justice Civile, Sociale et Commerciale",
  "Justice Pénale",
  "Logistique",
  "Lutte contre la fraude",
  "Offre de soins",
  "Pilotage & Contrôle",
  "Police aux frontières - Gestion des voyageurs",
  "Production de statistiques d'entreprises, démographiques et sociales",
  "Protection et sécurité de l'espace national européen",
  "Relation avec les Agents",
  "Relation avec les Autorités Administratives",
  "Relation avec les partenaires, Données transverses",
  "Relation Fournisseurs",
  "Ressources et support",
  "Ressources Humaines",
  "Santé et Offre de Soins",
  "Scolarité de l'élève",
  "Secours et gestion des risques",
  "Sécurité Circulation routière",
  "Sécurité et Circulation Routières",
  "Sécurité intérieure",
  "Solutions et infrastructures partagées",
  "Technologies de l'information et de la communication pour l'enseignement",
  "Travail",
];

/** Published labels that are not a spelling of their zone: typos and acronyms, each checked by hand. */
const ZONE_ALIASES: Readonly<Record<string, { zone: string; fix: "typo" | "acronym" }>> = {
  // 2017-06 and 2018-03.
  "Contentieux de l'administation": { zone: "Contentieux de l'administration", fix: "typo" },
  // 2021-11.
  "Police aux fontières - Gestion des voyageurs": { zone: "Police aux frontières - Gestion des voyageurs", fix: "typo" },
  // 2017-02 lists three spellings of human resources side by side.
  RH: { zone: "Ressources Humaines", fix: "acronym" },
  "Ressources Humaines RH": { zone: "Ressources Humaines", fix: "acronym" },
};

/** Why a published label differs from its harmonised zone. */
export const ZONE_FIXES = ["subzone", "case", "accents", "punctuation", "typo", "acronym"] as const;
export type ZoneFix = (typeof ZONE_FIXES)[number];

const KNOWN_BY_KEY = new Map<string, string>();
for (const zone of KNOWN_ZONES) {
  const key = foldText(zone);
  if (KNOWN_BY_KEY.has(key)) throw new Error(`KNOWN_ZONES: "${zone}" is listed twice`);
  KNOWN_BY_KEY.set(key, zone);
}
const ALIAS_BY_KEY = new Map(Object.entries(ZONE_ALIASES).map(([label, target]) => [foldText(label), target]));
for (const { zone } of ALIAS_BY_KEY.values()) if (!KNOWN_BY_KEY.has(foldText(zone))) throw new Error(`ZONE_ALIASES: "${zone}" is not a known zone`);

const SUBZONE = " / ";
const APOSTROPHES = /[’‘`´ʼ]/g;
const TRAILING_DOTS = /[.\s]+$/;
const PUNCTUATION = /['’‘`´ʼ.]/g;
const stripAccents = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
const plain = (s: string) => s.replace(APOSTROPHES, "'").replace(TRAILING_DOTS, "");

/** The spelling differences between a published zone (sub-zone already dropped) and its harmonised label. */
function spellingFixes(published: string, zone: string): ZoneFix[] {
  const fixes: ZoneFix[] = [];
  const a = plain(published);
  const b = plain(zone);
  if (stripAccents(a) !== stripAccents(b)) fixes.push("case");
  if (a.toLowerCase() !== b.toLowerCase()) fixes.push("accents");
  if ((published.match(PUNCTUATION) ?? []).join("") !== (zone.match(PUNCTUATION) ?? []).join("")) fixes.push("punctuation");
  return fixes;
}

export interface HarmonizedZone {
  /** The zone as charts show it; null when nothing was published. */
  zone: string | null;
  /** What was changed from the published label, in ZONE_FIXES order; empty when nothing. */
  fixes: ZoneFix[];
}

/** The harmonised functional zone of a published label, and what was corrected. */
export function harmonizeZone(published: string | null): HarmonizedZone {
  const label = cleanText(published);
  if (label === null) return { zone: null, fixes: [] };
  const cut = label.indexOf(SUBZONE);
  const group = cut > 0 ? label.slice(0, cut).trim() : label;
  const fixes = new Set<ZoneFix>(cut > 0 ? ["subzone"] : []);
  const key = foldText(group);
  const alias = ALIAS_BY_KEY.get(key);
  if (alias) {
    fixes.add(alias.fix);
    return { zone: alias.zone, fixes: ZONE_FIXES.filter((f) => fixes.has(f)) };
  }
  const zone = KNOWN_BY_KEY.get(key) ?? (group.replace(TRAILING_DOTS, "") || group);
  for (const f of spellingFixes(group, zone)) fixes.add(f);
  return { zone, fixes: ZONE_FIXES.filter((f) => fixes.has(f)) };
}

/** The harmonised functional zone of a published label (null stays null). */
export function canonicalZone(published: string | null): string | null {
  return harmonizeZone(published).zone;
}
