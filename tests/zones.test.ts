import { describe, expect, it } from "vitest";
import { canonicalZone, harmonizeZone } from "../loaders/normalize/zones.js";

// Every published zone label that the loaders change (editions 2016-11 to 2021-11), with its
// harmonised label and what was corrected.
const CORRECTED: [string, string, string[]][] = [
  ["Contentieux de l'administation", "Contentieux de l'administration", ["typo"]],
  ["Contentieux de l’administration", "Contentieux de l'administration", ["punctuation"]],
  ["Echanges & Relations", "Échanges & Relations", ["accents"]],
  ["Emploi et Formation Professionnelle", "Emploi et formation professionnelle", ["case"]],
  ["Etat civil", "État civil", ["accents"]],
  ["Gestion des Systèmes d'Information et de Communication", "Gestion des systèmes d'information et de communication", ["case"]],
  ["Gestion des systèmes d’information et de communication.", "Gestion des systèmes d'information et de communication", ["punctuation"]],
  ["Gestion et contrôle des accès / Identification & Authentification", "Gestion et contrôle des accès", ["subzone"]],
  ["Police aux fontières - Gestion des voyageurs", "Police aux frontières - Gestion des voyageurs", ["typo"]],
  ["Ressources et Support", "Ressources et support", ["case"]],
  ["Ressources Humaines RH", "Ressources Humaines", ["acronym"]],
  ["RH", "Ressources Humaines", ["acronym"]],
  // Not published: several corrections at once, and a known zone in capitals without accents.
  ["ETAT CIVIL.", "État civil", ["case", "accents", "punctuation"]],
  ["Contentieux de l’administation / Recours", "Contentieux de l'administration", ["subzone", "typo"]],
];

// Published labels that stay as they are, including two zones that differ by a word.
const KEPT = [
  "Achats",
  "Ressources et support",
  "Ressources Humaines",
  "Administration générale et territoriale de l’État",
  "Sécurité Circulation routière",
  "Sécurité et Circulation Routières",
  "Gestion des personnes mises sous main de justice",
  "Gestion des personnes placées sous main de justice",
  "Gestion de la documentation",
];

describe("harmonizeZone", () => {
  it.each(CORRECTED)("%j → %j (%j)", (published, zone, fixes) => {
    expect(harmonizeZone(published)).toEqual({ zone, fixes });
    expect(canonicalZone(published)).toBe(zone);
  });

  it.each(KEPT)("keeps %j", (label) => {
    expect(harmonizeZone(label)).toEqual({ zone: label, fixes: [] });
  });

  it("gives two spellings of one zone a single label", () => {
    expect(canonicalZone("Ressources et Support")).toBe(canonicalZone("Ressources et support"));
    expect(canonicalZone("Contentieux de l'administation")).toBe(canonicalZone("Contentieux de l’administration"));
  });

  it("keeps an unknown zone, tidied: spaces, final full stop, sub-zone", () => {
    expect(harmonizeZone("  Nouvelle   zone. ")).toEqual({ zone: "Nouvelle zone", fixes: ["punctuation"] });
    expect(harmonizeZone("Nouvelle zone / Détail")).toEqual({ zone: "Nouvelle zone", fixes: ["subzone"] });
    const hostile = "{{constructor.constructor(1)}} $& $1";
    expect(harmonizeZone(hostile)).toEqual({ zone: hostile, fixes: [] });
  });

  it.each([null, "", "   ", "NC"])("nothing published (%j) → null", (published) => {
    expect(harmonizeZone(published)).toEqual({ zone: null, fixes: [] });
  });
});
