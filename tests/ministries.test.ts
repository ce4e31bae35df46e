import { describe, expect, it } from "vitest";
import { CANONICAL_MINISTRIES, canonicalMinistry, isKnownMinistry } from "../loaders/normalize/ministries.js";

// Every ministry label published across the editions, with its canonical label.
const PUBLISHED: [string, string][] = [
  ["Premier ministre", "Services du Premier ministre"],
  ["Services du Premier Ministre", "Services du Premier ministre"],
  ["Ministère des Affaires étrangères et du Développement international", "Europe et Affaires étrangères"],
  ["Ministère de l'Europe et des Affaires étrangères", "Europe et Affaires étrangères"],
  ["Ministères Chargés des Affaires Sociales", "Affaires sociales"],
  ["Ministère chargé des Affaires Sociales", "Affaires sociales"],
  ["Ministère des Solidarités et de la Santé", "Affaires sociales"],
  ["Ministère du Travail, de l'Emploi et de l'Insertion", "Affaires sociales"],
  ["Ministère de l'Agriculture, de l'Agroalimentaire et de la Forêt", "Agriculture et Alimentation"],
  ["Ministère de l'Agriculture et de l'Alimentation", "Agriculture et Alimentation"],
  ["Ministère de l'Agriculture et Alimentation", "Agriculture et Alimentation"],
  ["Ministère de la Culture et de la Communication", "Culture"],
  ["Ministère de la Culture", "Culture"],
  ["Ministère de la Défense", "Armées"],
  ["Ministère des Armées", "Armées"],
  ["Ministère de l'Économie et des Finances", "Économie et Finances"],
  ["Ministères de l'Économie et des Finances", "Économie et Finances"],
  ["Ministère de l'Economie et des Finances", "Économie et Finances"],
  ["Ministère de l'Action et des Comptes Publics", "Économie et Finances"],
  ["Ministère de l'Économie des Finances et de la Relance", "Économie et Finances"],
  ["Ministère de l'Éducation nationale, de l'Enseignement supérieur et de la Recherche", "Éducation nationale"],
  ["Ministère de l'Éducation nationale", "Éducation nationale"],
  ["Ministère de l'Education Nationale", "Éducation nationale"],
  ["Ministère de l'Éducation nationale de la Jeunesse et des Sports", "Éducation nationale"],
  ["Ministère de l'Environnement, de l'Énergie et de la Mer", "Transition écologique"],
  ["Ministère de la Transition écologique et solidaire", "Transition écologique"],
  ["Ministère de la Transition écologique", "Transition écologique"],
  ["Ministère de la Transition écologique et solidaire / Ministère de l'Agriculture et de l'Alimentation", "Transition écologique"],
  ["Ministère de l'Intérieur", "Intérieur"],
  ["Ministère de la Justice", "Justice"],
  ["Ministère de la Transformation et de la Fonction Publiques", "Transformation et Fonction publiques"],
];

// Acronyms of the spreadsheets' "Ministère porteur" column (2016-11, 2017-06, 2018-03).
const ACRONYMS: [string, string][] = [
  ["SPM", "Services du Premier ministre"],
  ["MAEDI", "Europe et Affaires étrangères"],
  ["MEA", "Europe et Affaires étrangères"],
  ["MCAS", "Affaires sociales"],
  ["MAAF", "Agriculture et Alimentation"],
  ["MAA", "Agriculture et Alimentation"],
  ["MCC", "Culture"],
  ["MC", "Culture"],
  ["MINDEF", "Armées"],
  ["MAr", "Armées"],
  ["MEF", "Économie et Finances"],
  ["MCAP", "Économie et Finances"],
  ["MENESR", "Éducation nationale"],
  ["MEN", "Éducation nationale"],
  ["MEEM", "Transition écologique"],
  ["MTES", "Transition écologique"],
  ["MI", "Intérieur"],
  ["MJ", "Justice"],
];

describe("canonicalMinistry", () => {
  it.each(PUBLISHED)("%j → %j", (published, canonical) => {
    expect(canonicalMinistry(published)).toBe(canonical);
    expect(isKnownMinistry(published)).toBe(true);
  });

  it.each(ACRONYMS)("acronym %j → %j", (acronym, canonical) => {
    expect(canonicalMinistry(null, acronym)).toBe(canonical);
    expect(isKnownMinistry(acronym)).toBe(true);
  });

  it.each([
    ["  Ministère   de  l’Intérieur ", "Intérieur"],
    ["MINISTÈRE DE LA JUSTICE", "Justice"],
    ["Ministère de l&#39;Intérieur", "Intérieur"],
    ["Ministère des Armées/Ministère de la Culture", "Armées"],
  ])("spelling variant %j → %j", (published, canonical) => {
    expect(canonicalMinistry(published)).toBe(canonical);
  });

  it("renamed ministries meet under one canonical label", () => {
    const groups = new Map<string, Set<string>>();
    for (const [published, canonical] of PUBLISHED) groups.set(canonical, (groups.get(canonical) ?? new Set()).add(published));
    expect(groups.get("Économie et Finances")?.size).toBe(5);
    expect(groups.get("Armées")).toEqual(new Set(["Ministère de la Défense", "Ministère des Armées"]));
    expect(new Set(PUBLISHED.map(([, c]) => c))).toEqual(new Set(CANONICAL_MINISTRIES));
  });

  it("canonical labels are their own canonical label", () => {
    for (const label of CANONICAL_MINISTRIES) expect(canonicalMinistry(label)).toBe(label);
  });

  it.each([
    ["Ministère des Sports", null, "Ministère des Sports"],
    ["  Ministère   de la   Mer ", null, "Ministère de la Mer"],
    ["Ministère inconnu", "MJ", "Justice"],
    [null, "XYZ", "XYZ"],
    [null, null, null],
    ["NA", null, null],
    ["", "", null],
  ])("fallback (%j, %j) → %j", (published, short, expected) => {
    expect(canonicalMinistry(published, short)).toBe(expected);
  });

  it.each([["Ministère des Sports"], ["XYZ"], [null], [""]])("%j is not a known ministry", (label) => {
    expect(isKnownMinistry(label)).toBe(false);
  });
});
