import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EDITIONS, editionLabel, findEdition, isEditionId, loadCatalogue, type Edition } from "../loaders/sources/catalogue.js";
import { PanoramaError } from "../loaders/errors.js";

// Files of ../shared/panorama as its README lists them: mirror file, upstream id, sha256.
const MIRRORED_FILES: [string, string, string][] = [
  ["spreadsheets/2016-11.csv", "4ba4069f2e376981d3d1e76743d7e066736090fb", "1356b0b416eebbe9d065a9422bb264402097308363356daf4beb3071e9af2d0a"],
  ["spreadsheets/2017-06.csv", "c2eea27a0748928e0028e8059247aa587f07351e", "6c00c2a6d24459608fe6dd0bbc98e5191448d1623b81e060a3d862c239932519"],
  ["spreadsheets/2018-03.xlsx", "d594ddae7b48e880debdc27963e47f17700ddfd9", "e9170a0e0d04f60acf7cd73e873e5ab31f9fb3cb302683cdc27295509de0457f"],
  ["dashboards/2016-11.html", "e3a459c74b81951af4eab6af7a630ff8b2223bbe", "41e1ab1e6f6916b0eb7393746a48bf4cedb85bba3c5e9297bbfa5c1cc0b6a848"],
  ["dashboards/2017-02.html", "a50f6e79b0687cf6ddf10ba0c7f4869ba5cbfcfa", "5bbcc3f9d6a7b7ecee86944efba9431db280ff2621f4c4fe1f56b9450b185e59"],
  ["dashboards/2017-06.html", "cf4e3ca9334b81d988a2f5ebc26872f0d1822733", "e3b65afbd92c9b8880e190de04e8dae4c6b670cd3e53485ebb58e8591aa126c8"],
  ["dashboards/2017-11.html", "c7fd1c744e0c944aa17d069842916de59cf40852", "5f552f77bf46bfe92d37d361a7394619f35a2a19dfc579c3648424fc7bd5634a"],
  ["dashboards/2018-03.html", "d1c28d0843c8896609d783114a9dcd33bf8e93ea", "ec56defc519018f809f931c661029babb00120a9381338c2ee8f3951aad044e5"],
  ["dashboards/2018-07.html", "84e75704c5d21526cbb8c04d036cdfc12738a941", "1edbbbf92319a88ea976ef4c9441e926152b9be88a383b0b81678eea16b1fdaf"],
  ["dashboards/2018-11.html", "527347d65c67d240726b8e7bc03bf9e32603f90e", "f7755dcd491c952fdb02d2b21484e211a743d9a2f98ea4e28e858f715a2f2491"],
  ["dashboards/2021-11.html", "3c4ce678db11a20cae17951113ba24586cd61517", "f5930124e4a1151aa77f146bf425b9823866083d4d8d09d88733cf50bb7130a1"],
];

const allSources = EDITIONS.flatMap((e) => e.sources.map((s) => ({ edition: e, source: s })));

describe("isEditionId / editionLabel", () => {
  it.each([
    ["2016-11", true],
    ["2017-02", true],
    ["2023-12", true],
    ["2017-00", false],
    ["2017-13", false],
    ["2017-6", false],
    ["17-06", false],
    ["2017-06 ", false],
    ["juin 2017", false],
    ["", false],
  ])("isEditionId(%j) is %s", (s, ok) => {
    expect(isEditionId(s)).toBe(ok);
  });

  it.each([
    ["2016-11", "novembre 2016"],
    ["2017-02", "février 2017"],
    ["2017-06", "juin 2017"],
    ["2018-03", "mars 2018"],
    ["2018-07", "juillet 2018"],
    ["2020-08", "août 2020"],
    ["2022-12", "décembre 2022"],
    ["2024-01", "janvier 2024"],
    ["2024-04", "avril 2024"],
    ["2024-05", "mai 2024"],
    ["2024-09", "septembre 2024"],
    ["2024-10", "octobre 2024"],
  ])("editionLabel(%s) is %s", (id, label) => {
    expect(editionLabel(id)).toBe(label);
  });

  it.each(["2017-13", "June 2017", ""])("editionLabel(%j) throws a PanoramaError", (id) => {
    expect(() => editionLabel(id)).toThrow(PanoramaError);
  });
});

describe("built-in catalogue", () => {
  // Properties rather than the list itself, which grows with every edition.
  it("lists the editions sorted by id, each id well-formed and listed once", () => {
    const ids = EDITIONS.map((e) => e.id);
    expect(ids.filter((id) => !isEditionId(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it("marks as mirrored exactly the editions whose page is in the mirror", () => {
    const pages = MIRRORED_FILES.flatMap(([path]) => /^dashboards\/(\d{4}-\d{2})\.html$/.exec(path)?.[1] ?? []);
    expect(EDITIONS.filter((e) => e.mirrored).map((e) => e.id)).toEqual(pages.sort());
  });

  it.each(EDITIONS.map((e) => [e.id, e] as const))("%s: valid id, French label, sources in order, https URLs, sha256 well-formed", (id, e) => {
    expect(isEditionId(id)).toBe(true);
    expect(e.label).toBe(editionLabel(id));
    const kinds = e.sources.map((s) => s.kind);
    expect(kinds.at(-1)).toBe("dashboard");
    expect(kinds.filter((k) => k === "dashboard")).toHaveLength(1);
    expect(kinds.filter((k) => k !== "spreadsheet" && k !== "dashboard")).toEqual([]);
    expect(e.inferred).toBe(!e.mirrored);
    for (const s of e.sources) {
      expect(s.format === "html", `${s.kind} ${s.format}`).toBe(s.kind === "dashboard");
      for (const url of [s.url, ...s.altUrls]) expect(url).toMatch(/^https:\/\/[^\s/]+\//);
      if (s.sha256 !== null) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each([
    ["2016-11", ["csv", "xlsx", "html"]],
    ["2017-02", ["html"]],
    ["2017-06", ["csv", "html"]],
    ["2018-03", ["xlsx", "html"]],
    ["2021-11", ["ods", "xls", "html"]],
    ["2019-03", ["html"]],
  ])("%s has sources %j", (id, formats) => {
    expect(findEdition(id)?.sources.map((s) => s.format)).toEqual(formats);
  });

  it.each([
    ["2016-11", 1],
    ["2019-07", 9],
    ["2021-07", 13],
    ["2021-11", 14],
    ["2022-12", 16],
    ["2023-12", 18],
  ])("%s is edition number %i", (id, n) => {
    expect(findEdition(id)?.number).toBe(n);
  });

  it("numbers follow one another", () => {
    expect(EDITIONS.map((e) => e.number)).toEqual(EDITIONS.map((_, i) => i + 1));
  });

  it.each(MIRRORED_FILES)("%s is a source with the README's upstream id and sha256", (mirrorPath, upstreamId, sha) => {
    const hits = allSources.filter((x) => x.source.mirrorPath === mirrorPath);
    expect(hits).toHaveLength(1);
    const { edition, source } = hits[0]!;
    expect(edition.mirrored).toBe(true);
    expect(source.upstreamId).toBe(upstreamId);
    expect(source.sha256).toBe(sha);
    expect(source.url).toMatch(new RegExp(`^https://raw\\.githubusercontent\\.com/DISIC/panorama/${upstreamId}/`));
  });

  it("every mirrored edition has a dashboard source listed in the mirror", () => {
    for (const e of EDITIONS.filter((x) => x.mirrored)) {
      const page = e.sources.find((s) => s.kind === "dashboard")!;
      expect(MIRRORED_FILES.map((f) => f.join(" "))).toContain(`${page.mirrorPath} ${page.upstreamId} ${page.sha256}`);
    }
  });

  it.each([
    ["2019-03", "e307c599a636677cb74e9e6f01f297aa577c86c6023fb70a2b646c1e5b49e416"],
    ["2021-07", "00bbb61b31d9f543b5170156686e2ccac7e544f21ea65c063eb3ac1e132bbcf6"],
    ["2019-07", null],
    ["2023-12", null],
  ])("unmirrored %s page has sha256 %s", (id, sha) => {
    expect(findEdition(id)?.sources.at(-1)?.sha256).toBe(sha);
  });

  it.each([
    ["2016-11", "xlsx", "54aa0d23-d00e-4cdd-ba33-62299b64199d"],
    ["2021-11", "ods", "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db"],
    ["2021-11", "xls", "c1d77aa2-115c-495e-9751-1630833218d5"],
  ])("%s %s comes from data.gouv.fr resource %s", (id, format, rid) => {
    const s = findEdition(id)!.sources.find((x) => x.format === format)!;
    expect(s).toEqual({
      kind: "spreadsheet",
      format,
      url: `https://www.data.gouv.fr/api/1/datasets/r/${rid}`,
      altUrls: [`https://www.data.gouv.fr/fr/datasets/r/${rid}`],
      sha256: null,
      mirrorPath: `spreadsheets/${id}.${format}`,
      upstreamId: rid,
    });
  });

  it("mirror paths follow the mirror layout", () => {
    for (const { edition, source } of allSources) {
      expect(source.mirrorPath).toBe(source.kind === "dashboard" ? `dashboards/${edition.id}.html` : `spreadsheets/${edition.id}.${source.format}`);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(EDITIONS)).toBe(true);
    expect(Object.isFrozen(EDITIONS[0]!.sources[0])).toBe(true);
  });

  it("findEdition returns undefined for an unknown id", () => {
    expect(findEdition("2015-01")).toBeUndefined();
  });
});

describe("loadCatalogue with editions.local.json", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "panorama-catalogue-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (value: unknown) => writeFileSync(join(root, "editions.local.json"), typeof value === "string" ? value : JSON.stringify(value));

  const page = (commit: string) => ({
    kind: "dashboard",
    format: "html",
    url: `https://raw.githubusercontent.com/DISIC/panorama/${commit}/index.html`,
  });

  it("without a local file, returns the built-in catalogue (as mutable copies)", () => {
    const cat = loadCatalogue(root);
    expect(cat).toEqual(EDITIONS);
    expect(Object.isFrozen(cat[0])).toBe(false);
  });

  it("adds a record with defaults, keeps order by id", () => {
    write([{ id: "2024-06", number: 19, sources: [page("a".repeat(40))] }]);
    const cat = loadCatalogue(root);
    expect(cat.map((e) => e.id)).toEqual([...new Set([...EDITIONS.map((e) => e.id), "2024-06"])].sort());
    expect(cat.find((e) => e.id === "2024-06")).toEqual<Edition>({
      id: "2024-06",
      label: "juin 2024",
      number: 19,
      mirrored: false,
      inferred: false,
      sources: [
        { ...page("a".repeat(40)), kind: "dashboard", format: "html", altUrls: [], sha256: null, mirrorPath: "dashboards/2024-06.html", upstreamId: "" },
      ],
    });
  });

  it("replaces a built-in record with the same id and puts spreadsheets first", () => {
    const sha = "AB".repeat(32);
    write([
      {
        id: "2019-03",
        inferred: false,
        sources: [
          { ...page("b".repeat(40)), upstreamId: "b".repeat(40) },
          { kind: "spreadsheet", format: "csv", url: "https://www.data.gouv.fr/api/1/datasets/r/x", sha256: sha },
        ],
      },
    ]);
    const e = loadCatalogue(root).find((x) => x.id === "2019-03")!;
    expect(e.inferred).toBe(false);
    expect(e.sources.map((s) => s.kind)).toEqual(["spreadsheet", "dashboard"]);
    expect(e.sources[0]!.sha256).toBe(sha.toLowerCase());
    expect(e.sources[1]!.upstreamId).toBe("b".repeat(40));
    expect(findEdition("2019-03")!.inferred).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    ["invalid JSON", "[{", /not valid JSON/],
    ["not an array", { id: "2024-06" }, /expected an array/],
    ["bad id", [{ id: "2024-6", sources: [page("c")] }], /\[0\]\.id: expected YYYY-MM/],
    [
      "duplicate id",
      [
        { id: "2024-06", sources: [page("c")] },
        { id: "2024-06", sources: [page("d")] },
      ],
      /appears twice/,
    ],
    ["no sources", [{ id: "2024-06", sources: [] }], /sources: expected a non-empty array/],
    ["unknown field", [{ id: "2024-06", sha: "x", sources: [page("c")] }], /\[0\]\.sha: unknown field/],
    ["bad kind", [{ id: "2024-06", sources: [{ ...page("c"), kind: "page" }] }], /kind: expected one of/],
    ["bad format", [{ id: "2024-06", sources: [{ ...page("c"), format: "pdf" }] }], /format: expected one of/],
    ["html spreadsheet", [{ id: "2024-06", sources: [{ ...page("c"), kind: "spreadsheet" }] }], /spreadsheet source cannot have format html/],
    ["http URL", [{ id: "2024-06", sources: [{ ...page("c"), url: "http://example.org/x.html" }] }], /not an https URL/],
    ["bad sha256", [{ id: "2024-06", sources: [{ ...page("c"), sha256: "abc" }] }], /sha256: expected 64 hexadecimal/],
    ["escaping mirrorPath", [{ id: "2024-06", sources: [{ ...page("c"), mirrorPath: "../x.html" }] }], /relative path inside the mirror/],
    ["mirrorPath taken", [{ id: "2024-06", sources: [{ ...page("c"), mirrorPath: "dashboards/2016-11.html" }] }], /already used by edition 2016-11/],
    ["number 0", [{ id: "2024-06", number: 0, sources: [page("c")] }], /number: expected a positive integer/],
  ])("rejects a malformed file: %s", (_, content, message) => {
    write(content);
    let error: unknown;
    try {
      loadCatalogue(root);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PanoramaError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain("editions.local.json");
  });
});

describe.skipIf(!process.env.PANORAMA_MIRROR)("catalogue against the mirror README (PANORAMA_MIRROR)", () => {
  const readme = () => readFileSync(join(process.env.PANORAMA_MIRROR!, "README.md"), "utf8");
  const rows = () =>
    readme()
      .split("\n")
      .filter((l) => /^\|\s*(spreadsheets|dashboards)\//.test(l))
      .map((l) =>
        l
          .split("|")
          .map((c) => c.trim())
          .filter(Boolean),
      );

  it("every mirror file of the README is a catalogue source with its commit and exact sha256", () => {
    const table = rows();
    expect(table.length).toBe(MIRRORED_FILES.length);
    const pages = table.flatMap(([file]) => /^dashboards\/(\d{4}-\d{2})\.html$/.exec(file!)?.[1] ?? []);
    expect(EDITIONS.filter((e) => e.mirrored).map((e) => e.id)).toEqual(pages.sort());
    for (const cells of table) {
      const [file] = cells;
      const sha = cells.at(-1);
      const hit = allSources.find((x) => x.source.mirrorPath === file);
      expect(hit, file).toBeDefined();
      expect(cells).toContain(hit!.source.upstreamId);
      expect(hit!.source.sha256).toBe(sha);
    }
  });

  it("every upstream commit of the README is in the catalogue, with its sha256 when given", () => {
    const text = readme();
    const commits = [...text.matchAll(/DISIC\/panorama ([0-9a-f]{40}) index\.html(?: \(sha256 ([0-9a-f]{64})\))?/g)];
    expect(commits.length).toBeGreaterThanOrEqual(10);
    for (const [, commit, sha] of commits) {
      const hit = allSources.find((x) => x.source.upstreamId === commit);
      expect(hit, commit).toBeDefined();
      expect(hit!.edition.mirrored).toBe(false);
      expect(hit!.source.sha256).toBe(sha ?? null);
    }
    for (const [, rid] of text.matchAll(/data\.gouv\.fr resource ([0-9a-f-]{36})/g)) {
      expect(
        allSources.some((x) => x.source.upstreamId === rid),
        rid,
      ).toBe(true);
    }
  });
});
