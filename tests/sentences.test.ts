import { describe, expect, it } from "vitest";
import { agree, editionList, gapSentence, listJoin, ne, countSubject, partOf, plural } from "../docs/components/sentences.js";

const n = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("French sentences", () => {
  it.each([
    [0, "était", "étaient", "était"],
    [1, "était", "étaient", "était"],
    [2, "était", "étaient", "étaient"],
    [1, "est déclaré terminé", "sont déclarés terminés", "est déclaré terminé"],
    [3, "est déclaré terminé", "sont déclarés terminés", "sont déclarés terminés"],
    [57, "interministériel", undefined, "interministériels"],
    [-3, "point", undefined, "points"],
  ])("agree(%j) with %j / %j is %j", (count, singular, pluralForm, expected) => {
    expect(agree(count, singular, pluralForm)).toBe(expected);
  });

  it.each([
    [plural(0, "projet"), "0 projet"],
    [plural(1, "projet"), "1 projet"],
    [plural(57, "projet"), "57 projets"],
    [plural(1234, "projet"), "1 234 projets"],
    [plural(2, "zone fonctionnelle", "zones fonctionnelles"), "2 zones fonctionnelles"],
    [plural(1, "édition non disponible", "éditions non disponibles"), "1 édition non disponible"],
    [plural(3, "édition publiée n’a", "éditions publiées n’ont"), "3 éditions publiées n’ont"],
  ])("%j = %j", (actual, expected) => {
    expect(n(actual)).toBe(expected);
  });

  it("puts a no-break space between a count and its noun", () => {
    expect(plural(2, "projet")).toBe("2\u00a0projets");
  });

  it.each([
    ["a", "n’a"],
    ["ont", "n’ont"],
    ["apparaît", "n’apparaît"],
    ["étaient", "n’étaient"],
    ["habite", "n’habite"],
    ["bouge", "ne bouge"],
    ["bougent", "ne bougent"],
  ])("ne(%j) = %j", (verb, expected) => {
    expect(ne(verb)).toBe(expected);
  });

  it.each<[string[], string]>([
    [[], ""],
    [["mars 2019"], "mars 2019"],
    [["mars 2019", "juillet 2019"], "mars 2019 et juillet 2019"],
    [["a", "b", "c"], "a, b et c"],
  ])("listJoin(%j) = %j", (items, expected) => {
    expect(listJoin(items)).toBe(expected);
  });

  it.each<[string[], string]>([
    [[], ""],
    [["2019-03"], "mars 2019"],
    [["2019-03", "2019-07"], "mars 2019, juillet 2019"],
  ])("editionList(%j) = %j", (editions, expected) => {
    expect(editionList(editions)).toBe(expected);
  });

  it.each<[Parameters<typeof gapSentence>[0], string]>([
    [[], ""],
    [[{ from: "2018-11", to: "2019-07", missing: ["2019-03"] }], "entre novembre 2018 et juillet 2019, une édition n’est pas disponible (mars 2019)"],
    [
      [
        { from: "2018-11", to: "2019-11", missing: ["2019-03", "2019-07"] },
        { from: "2020-07", to: "2021-07", missing: ["2021-01"] },
      ],
      "entre novembre 2018 et novembre 2019, 2 éditions ne sont pas disponibles (mars 2019, juillet 2019)\u202f; entre juillet 2020 et juillet 2021, une édition n’est pas disponible (janvier 2021)",
    ],
  ])("gapSentence(%j)", (gaps, expected) => {
    expect(gapSentence(gaps)).toBe(expected);
  });
});

describe("partOf", () => {
  it.each([
    [0, 5, "aucun"],
    [2, 2, "tous deux"],
    [7, 7, "tous"],
    [3, 7, "3"],
    [1, 1, "1"],
  ])("%i of %i → %s", (part, whole, expected) => {
    expect(partOf(part, whole)).toBe(expected);
  });

  it("takes the words of the sentence (feminine, other forms)", () => {
    expect(partOf(0, 3, { none: "aucune" })).toBe("aucune");
    expect(partOf(2, 2, { both: "toutes deux" })).toBe("toutes deux");
  });
});

describe("countSubject", () => {
  const NBSP = "\u00a0";
  it.each([
    [0, "aucun ne baisse"],
    [1, "1 baisse"],
    [3, "3 baissent"],
    [1500, `1${"\u202f"}500 baissent`],
  ])("agrees the verb with %i", (n, expected) => {
    expect(countSubject(n, ["baisse", "baissent"])).toBe(expected);
  });

  it.each([
    [0, "aucun ne bouge"],
    [1, "1 ne bouge pas"],
    [3, "3 ne bougent pas"],
  ])("drops « pas » after « aucun » (%i)", (n, expected) => {
    expect(countSubject(n, ["bouge", "bougent"], { not: "pas" })).toBe(expected);
  });

  it("keeps other negations, elides « ne » and agrees the noun", () => {
    expect(countSubject(0, ["a", "ont"], { noun: ["projet", "projets"], not: "jamais" })).toBe("aucun projet n’a jamais");
    expect(countSubject(2, ["a", "ont"], { noun: ["projet", "projets"], not: "jamais" })).toBe(`2${NBSP}projets n’ont jamais`);
    expect(countSubject(0, ["enjambe", "enjambent"], { noun: ["comparaison", "comparaisons"], none: "aucune" })).toBe("aucune comparaison n’enjambe");
  });
});
