// The explorer's view in its address (docs/components/explorer.ts): a view written with
// explorerSearch reads back the same; unknown or invalid values are left out, never an error.
import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, explorerSearch, explorerStateFromSearch, filtersSentence, type ExplorerState } from "../docs/components/explorer.js";
import { formatEdition } from "../docs/components/format.js";
import { typographyFaults } from "../docs/components/typography.js";

const CHOICES = { editions: ["2016-11", "2021-11"], ministries: ["Justice", "Économie et Finances"], phases: ["Cadrage", "Déploiement"] };
const ALL: ExplorerState = {
  query: "",
  edition: null,
  ministry: null,
  phase: null,
  band: null,
  interministerial: null,
  sort: { ...DEFAULT_SORT },
  extras: [],
};

describe("explorer state in the address", () => {
  it("round-trips a full view", () => {
    const view: ExplorerState = {
      query: "sécurité & paie",
      edition: "2021-11",
      ministry: "Économie et Finances",
      phase: "Déploiement",
      band: "100 M€ et plus",
      interministerial: false,
      sort: { key: "cost_change_meur", direction: "descending" },
      extras: ["financing", "description"],
    };
    const search = explorerSearch(view);
    expect(search).toMatch(/^\?q=/);
    expect(search).toContain("tri=cost_change_meur%3Adescending");
    expect(explorerStateFromSearch(search, CHOICES)).toEqual(view);
  });

  it("gives a bare address for the default view", () => {
    expect(explorerSearch(ALL)).toBe("");
    expect(explorerStateFromSearch("", CHOICES)).toEqual(ALL);
  });

  it.each([
    "?edition=2099-01",
    "?ministere=Inconnu",
    "?phase=<script>",
    "?cout=beaucoup",
    "?interministeriel=peut-etre",
    "?tri=name:sideways",
    "?tri=__proto__:ascending",
    "?colonnes=password,constructor",
    "?edition&ministere=&phase",
  ])("ignores %s", (search) => {
    expect(explorerStateFromSearch(search, CHOICES)).toEqual(ALL);
  });

  it("keeps the valid values beside invalid ones", () => {
    const state = explorerStateFromSearch("?edition=2016-11&ministere=Nope&interministeriel=oui&colonnes=description,nope", CHOICES);
    expect(state).toEqual({ ...ALL, edition: "2016-11", interministerial: true, extras: ["description"] });
  });
});

describe("filtersSentence", () => {
  it("says the filters in French, with French spacing", () => {
    const text = filtersSentence({ edition: "2021-11", ministry: "Justice", query: "paie", interministerial: true }, formatEdition);
    expect(text).toBe(
      "Filtres\u202f: édition novembre 2021\u202f; ministère «\u202fJustice\u202f»\u202f; projets interministériels\u202f; recherche «\u202fpaie\u202f».",
    );
    expect(typographyFaults(text)).toEqual([]);
    expect(filtersSentence({}, formatEdition)).toMatch(/^Sans filtre/);
  });
});
