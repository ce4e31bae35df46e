import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { explorerData, inflateExplorer } from "../loaders/report/explorer.js";
import { loadDataset, type Dataset } from "../loaders/index.js";
import type { EditionRow } from "../loaders/schema.js";
import { row } from "./fixtures/tracking/projects.js";
import { MIRROR, NO_MIRROR_REASON } from "./helpers.js";

const edition = (id: string, label: string) => ({ edition: id, label }) as EditionRow;

describe("explorerData", () => {
  const projects = [
    row({ edition: "2016-11", name: "Zeta", description: "Texte commun", source_row: 2 }),
    row({ edition: "2018-11", name: "Alpha", description: "Texte commun", source_row: 3 }),
    row({ edition: "2018-11", name: "Écho", description: "<script>alert(1)</script>", source_row: 2 }),
    row({ edition: "2018-11", name: "Beta", description: null, source_row: 4 }),
    row({ edition: "2016-11", name: "Gamma", description: "", source_row: 3 }),
  ];
  const data = explorerData(projects, [edition("2018-11", "novembre 2018"), edition("2016-11", "novembre 2016")]);

  it("lists editions oldest first, rows latest edition first then by French name order", () => {
    expect(data.editions).toEqual([
      { edition: "2016-11", label: "novembre 2016" },
      { edition: "2018-11", label: "novembre 2018" },
    ]);
    expect(data.rows.map((r) => `${r.edition} ${r.name}`)).toEqual(["2018-11 Alpha", "2018-11 Beta", "2018-11 Écho", "2016-11 Gamma", "2016-11 Zeta"]);
  });

  it("stores each description once, text kept as published", () => {
    expect(data.descriptions).toEqual(["Texte commun", "<script>alert(1)</script>"]);
    expect(data.rows.map((r) => r.description)).toEqual([0, null, 1, null, 0]);
  });

  it("inflates back to the same rows (empty descriptions read as none)", () => {
    const back = inflateExplorer(data).map(({ cost_change_meur, duration_change_years, ...p }) => p);
    const sortKey = (r: { edition: string; name: string }) => `${r.edition} ${r.name}`;
    const expected = projects.map((p) => ({ ...p, description: p.description === "" ? null : p.description }));
    expect([...back].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(expected.sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
  });
});

describe("explorer changes since the first published figures", () => {
  const projects = [
    row({ edition: "2016-11", name: "A", project_key: "a", cost_meur: null, duration_years: 3 }),
    row({ edition: "2017-06", name: "A", project_key: "a", cost_meur: 10, duration_years: 3.5 }),
    row({ edition: "2018-03", name: "A", project_key: "a", cost_meur: 12.2, duration_years: null }),
    row({ edition: "2018-11", name: "A bis", project_key: "a", cost_meur: 9.1, duration_years: 26 / 12 }),
    row({ edition: "2018-11", name: "B", project_key: "b", cost_meur: 5, duration_years: 2 }),
  ];
  const data = explorerData(projects, [edition("2018-11", "novembre 2018")]);
  const changes = Object.fromEntries(data.rows.map((r) => [`${r.edition} ${r.project_key}`, [r.cost_change_meur, r.duration_change_years]]));

  it("compares each row with the project's first published cost and duration, in an earlier edition", () => {
    expect(changes).toEqual({
      "2016-11 a": [null, null],
      "2017-06 a": [null, 0.5],
      "2018-03 a": [2.2, null],
      "2018-11 a": [-0.9, -0.833],
      "2018-11 b": [null, null],
    });
  });
});

describe.skipIf(!MIRROR)(`explorer data over the mirrored editions (${MIRROR ? "PANORAMA_MIRROR" : NO_MIRROR_REASON})`, () => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = await loadDataset();
  });

  it("holds every row and stays under 100 KB compressed", () => {
    const data = explorerData(dataset.projects, dataset.editions);
    expect(data.rows.length).toBe(dataset.projects.length);
    expect(inflateExplorer(data).filter((p) => p.description !== null).length).toBe(dataset.projects.filter((p) => p.description).length);
    const gzip = gzipSync(JSON.stringify(data)).length;
    expect(gzip).toBeLessThan(100_000);
  });
});
