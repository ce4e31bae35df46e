// The home page's currency note: the newest loaded edition, and every edition published since, each
// with why it is not loaded. Data-driven: loading a later edition removes it from the note.
import { describe, expect, it } from "vitest";
import { currency } from "../loaders/report/index.js";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { LATER_PUBLISHED_FIGURES } from "../loaders/sources/published-figures.js";
import { editionRow } from "./fixtures/tracking/projects.js";

const OFFLINE = "2022-12: absent; https://raw.githubusercontent.com/x: not tried, offline (PANORAMA_OFFLINE=1)";
const catalogueIds = EDITIONS.map((e) => e.id);
const laterIds = LATER_PUBLISHED_FIGURES.map((f) => f.edition);

function dataset(loaded: readonly string[]) {
  const ids = new Set(loaded);
  return {
    editions: loaded.map((id) => editionRow(id)),
    failures: catalogueIds.filter((id) => !ids.has(id)).map((edition) => ({ edition, message: OFFLINE })),
  };
}

describe("currency", () => {
  it("lists the catalogued and published editions after the newest loaded one, with a reader's reason", () => {
    const c = currency(dataset(["2016-11", "2018-11", "2021-11"]));
    expect(c.latest).toEqual({ edition: "2021-11", label: "novembre 2021", number: 14 });
    expect(c.since.map((e) => e.edition)).toEqual(["2022-07", "2022-12", "2023-06", "2023-12", "2024-06", "2024-12"]);
    const at = (id: string) => c.since.find((e) => e.edition === id)!;
    expect(at("2022-12")).toMatchObject({
      label: "décembre 2022",
      number: 16,
      approximate: true,
      projects: 54,
      cost_beur: 3.09,
      reason: "fichier non disponible lors de la construction du site",
    });
    expect(at("2022-07")).toMatchObject({ number: 15, projects: null, cost_beur: null });
    expect(at("2024-12")).toMatchObject({ number: 20, approximate: false, published_note: "publiée en août 2025", projects: 45 });
    expect(at("2024-12").reason).toMatch(/^aucun fichier encore référencé par le site/);
    for (const e of c.since) expect(e.reason).not.toMatch(/cache|miroir|mirror|PANORAMA|offline/i);
  });

  it("shrinks by itself as later editions are loaded, and is empty once all are", () => {
    expect(currency(dataset(["2021-11", "2023-06"])).since.map((e) => e.edition)).toEqual(["2023-12", "2024-06", "2024-12"]);
    const everything = [...new Set([...catalogueIds, ...laterIds])].sort();
    const c = currency(dataset(everything));
    expect(c.latest.edition).toBe("2024-12");
    expect(c.since).toEqual([]);
  });

  it("says when a file was refused rather than missing", () => {
    const d = dataset(["2021-11"]);
    d.failures = d.failures.map((f) => (f.edition === "2023-12" ? { ...f, message: "2023-12.html: sha256 abc123 differs from the catalogue" } : f));
    expect(currency(d).since.find((e) => e.edition === "2023-12")!.reason).toBe("le fichier obtenu n’était pas celui attendu : il a été écarté par précaution");
  });
});
