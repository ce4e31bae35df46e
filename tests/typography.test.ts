import { describe, expect, it } from "vitest";
import { frenchSpacing, typographyFaults } from "../docs/components/typography.js";

const show = (s: string) => s.replace(/\u202f/g, "⍽").replace(/\u00a0/g, "_");

describe("frenchSpacing", () => {
  it.each([
    ["Attention : une note", "Attention⍽: une note"],
    ["Pourquoi ? Parce que !", "Pourquoi⍽? Parce que⍽!"],
    ["Pourquoi? Oui!", "Pourquoi⍽? Oui⍽!"],
    ["a ; b", "a⍽; b"],
    ["« Ressources Humaines »", "«⍽Ressources Humaines⍽»"],
    ["«Ressources»", "«⍽Ressources⍽»"],
    ["12 M€ et 3 ans, 5 %", "12_M€ et 3_ans, 5_%"],
    ["https://www.data.gouv.fr/?q=1", "https://www.data.gouv.fr/?q=1"],
    ["à 10:30", "à 10:30"],
    ["12 anciens projets", "12 anciens projets"],
    ["mars 2019 (n° 8)", "mars 2019 (n°_8)"],
  ])("%j", (input, expected) => {
    expect(show(frenchSpacing(input))).toBe(expected);
  });

  it("is idempotent", () => {
    const once = frenchSpacing("« Projet » : 12 M€ ; pourquoi ?");
    expect(frenchSpacing(once)).toBe(once);
    expect(typographyFaults(once)).toEqual([]);
  });

  it("finds ordinary spaces before high punctuation", () => {
    expect(typographyFaults("Attention : x")).toHaveLength(1);
    expect(typographyFaults("« x »")).toHaveLength(2);
  });
});
