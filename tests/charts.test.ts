// Pure parts of the charts (docs/components): the edition-gap convention, edition ticks, and the
// placement of scatter labels. The drawn charts are checked in a browser (tests/e2e/layout.test.ts).
import { describe, expect, it } from "vitest";
import {
  editionBandAxis,
  editionDomain,
  editionTick,
  editionTimeAxis,
  gapsAmong,
  isGapKey,
  lineZ,
  missingEditions,
  segmentOf,
} from "../docs/components/edition-axis.js";
import { placeLabels, shortName } from "../docs/components/label-placement.js";

const LOADED = ["2016-11", "2017-02", "2017-06", "2017-11", "2018-03", "2018-07", "2018-11", "2021-11"];
const GAPS = [{ from: "2018-11", to: "2021-11", missing: ["2019-03", "2019-07", "2020-02", "2020-07", "2020-11", "2021-07"] }];

describe("edition gaps", () => {
  it("never joins two points with a missing edition between them", () => {
    const missing = missingEditions(GAPS);
    const segments = LOADED.map((e) => segmentOf(e, missing));
    expect(new Set(segments.slice(0, 7)).size).toBe(1);
    expect(segments[7]).not.toBe(segments[6]);
    const z = lineZ<{ edition: string; series: string }>(missing, (d) => d.series);
    expect(z({ edition: "2018-03", series: "a" })).toBe(z({ edition: "2018-11", series: "a" }));
    expect(z({ edition: "2018-11", series: "a" })).not.toBe(z({ edition: "2021-11", series: "a" }));
    expect(z({ edition: "2018-11", series: "a" })).not.toBe(z({ edition: "2018-11", series: "b" }));
  });

  it("finds the gaps between the editions that have a figure", () => {
    expect(gapsAmong(["2021-11", "2022-12", "2023-12", "2024-06"], ["2022-07", "2023-06"])).toEqual([
      { from: "2021-11", to: "2022-12", missing: ["2022-07"] },
      { from: "2022-12", to: "2023-12", missing: ["2023-06"] },
    ]);
    expect(gapsAmong(["2023-12", "2024-06"], ["2023-06"])).toEqual([]);
  });

  it("puts a column for the gap between the editions around it", () => {
    const domain = editionDomain(LOADED, GAPS);
    expect(domain).toHaveLength(LOADED.length + 1);
    expect(isGapKey(domain[7]!)).toBe(true);
    expect(domain.filter((d) => !isGapKey(d))).toEqual(LOADED);
    expect(editionDomain(LOADED, [])).toEqual(LOADED);
  });
});

describe("edition ticks", () => {
  it("are short on a narrow chart", () => {
    expect(editionTick("2016-11")).toBe("nov. 2016");
    expect(editionTick("2017-02", true)).toBe("févr.\u00a017");
  });

  it.each([
    [900, "nov. 2016", 0],
    [420, "nov.\u00a016", 0],
    [300, "nov.\u00a016", -90],
  ])("at %i px: « %s », turned %i°, every edition labelled", (width, first, rotate) => {
    const axis = editionBandAxis(editionDomain(LOADED, GAPS), width);
    expect(axis.tickFormat("2016-11")).toBe(first);
    expect(axis.tickRotate).toBe(rotate);
    expect(LOADED.every((e) => axis.tickFormat(e) !== "")).toBe(true);
    expect(axis.tickFormat(editionDomain(LOADED, GAPS)[7]!)).toBe("…");
  });

  it("label fewer editions when they may not turn", () => {
    const axis = editionBandAxis(LOADED, 200, { rotate: false });
    const shown = LOADED.filter((e) => axis.tickFormat(e) !== "");
    expect(shown.length).toBeLessThan(LOADED.length);
    expect(shown.at(-1)).toBe("2021-11");
    expect(shown.length * 46).toBeLessThanOrEqual(200 + 46);
  });

  it("put a tick every year on a wide time axis, fewer on a phone", () => {
    expect(editionTimeAxis("2016-11", "2024-12", 900).ticks).toBe("1 years");
    expect(editionTimeAxis("2016-11", "2024-12", 300).ticks).toBe("2 years");
  });
});

describe("scatter labels", () => {
  const frame = { left: 0, right: 300, top: 0, bottom: 300 };
  it("names the largest projects first, beside their dot, never on top of another label", () => {
    const points = [
      { name: "SIRHEN", x: 280, y: 20 },
      { name: "SI SAMU", x: 150, y: 40 },
      { name: "PAS", x: 160, y: 42 },
      { name: "PNIJ", x: 158, y: 48 },
      { name: "INPT", x: 200, y: 45 },
    ];
    const placed = placeLabels(points, (d) => [d.x, d.y], frame);
    expect(placed[0]!.datum.name).toBe("SIRHEN");
    expect(placed[0]!.position.name).not.toBe("right");
    const boxes = placed.map(({ datum, text, position }) => {
      const w = text.length * 6.4;
      const cx = datum.x + position.dx;
      const left = position.anchor === "start" ? cx : position.anchor === "end" ? cx - w : cx - w / 2;
      return { left, right: left + w, top: datum.y + position.dy - 6.5, bottom: datum.y + position.dy + 6.5 };
    });
    for (const [i, a] of boxes.entries()) {
      expect(a.left).toBeGreaterThanOrEqual(0);
      expect(a.right).toBeLessThanOrEqual(300);
      for (const b of boxes.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
    }
  });

  it("leaves a label that fits nowhere to its tooltip", () => {
    const crowd = Array.from({ length: 30 }, (_, i) => ({ name: `PROJET ${i}`, x: 150, y: 150 }));
    expect(placeLabels(crowd, (d) => [d.x, d.y], frame).length).toBeLessThan(5);
  });

  it.each([
    ["SIRHEN", "SIRHEN"],
    ["Espace numérique en Santé (ENS)", "ENS"],
    ["Programme de transformation numérique très long", "Programme de trans…"],
  ])("shortens %j to %j", (name, short) => {
    expect(shortName(name)).toBe(short);
  });
});
