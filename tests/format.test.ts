import { describe, expect, it } from "vitest";
import * as f from "../docs/components/format.js";

const n = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("French formats", () => {
  it.each([
    [f.formatInt(1234), "1 234"],
    [f.formatNumber(6.24), "6,2"],
    [f.formatNumber(6.245, 2), "6,25"],
    [f.formatMeur(53.7058), "53,7 M€"],
    [f.formatMeur(2290.1), "2 290,1 M€"],
    [f.formatBeurFromMeur(2619.6), "2,62 Md€"],
    [f.formatBeur(2.29), "2,29 Md€"],
    [f.formatYears(6.2), "6,2 ans"],
    [f.formatYears(1), "1,0 an"],
    [f.formatPercent(0.154), "15,4 %"],
    [f.formatChangePercent(0.125), "+12,5 %"],
    [f.formatChangePercent(-0.1), "-10 %"],
    [f.formatChange(3.25, "M€"), "+3,3 M€"],
    [f.formatMonthYear("2013-07-01"), "juillet 2013"],
    [f.formatEdition("2021-11"), "novembre 2021"],
    [f.formatDate("2016-11-03"), "3 novembre 2016"],
    [f.formatBoolean(true), "Oui"],
    [f.formatMeur(null), "—"],
    [f.formatMonthYear("pas une date"), "—"],
    [f.formatEditionShort("2016-11"), "nov. 2016"],
    [f.formatEditionShort("2018-07"), "juil. 2018"],
    [f.formatChangeBeurFromMeur(733.4), "+0,73 Md€"],
    [f.formatChangeBeurFromMeur(-776.7), "-0,78 Md€"],
    [f.formatChangePoints(0.154 - 0.202), "-4,8 points"],
    [f.formatChangePoints(0.013), "+1,3 point"],
    [f.formatChangePoints(0), "stable"],
    [f.formatChangePoints(0.0004), "stable"],
    [f.formatChangeYears(0.02), "stable"],
    [f.formatChangeYears(f.shownChange(6.26, 6.14, 1)), "-0,2 an"],
    [f.formatChangeBeurFromMeur(f.shownChange(2514, 2228, -1)), "-0,28 Md€"],
    [f.formatChangePoints(null), "—"],
    [f.formatChangeYears(1.5), "+1,5 an"],
    [f.formatChangeYears(-2.34), "-2,3 ans"],
    [f.formatChangeYears(1.96), "+2 ans"],
  ])("%s = %s", (actual, expected) => {
    expect(n(actual)).toBe(expected);
  });

  it.each([
    [null, "coût non publié"],
    [5, "moins de 9 M€"],
    [9, "de 9 à 20 M€"],
    [49.99, "de 20 à 50 M€"],
    [100, "100 M€ et plus"],
  ])("cost band of %j is %s", (cost, band) => {
    expect(f.costBand(cost)).toBe(band);
  });
});

describe("costs that barely moved", () => {
  // CROCUS: 12,6 M€ (juin 2017) → 12,623 M€ (novembre 2021), counted as a rise: shown as one.
  it("distinctDigits gives the decimals that tell two costs apart, from 1 to 3", () => {
    expect(f.distinctDigits(12.6, 12.623)).toBe(2);
    expect(f.distinctDigits(12.6, 12.6004)).toBe(3);
    expect(f.distinctDigits(12.6, 12.6)).toBe(1);
    expect(f.distinctDigits(53.7, 61.2)).toBe(1);
    expect(f.distinctDigits(12.6, null)).toBe(1);
    expect(f.distinctDigits(100, 150, 0)).toBe(0);
  });

  it("the figures and their change agree at those decimals", () => {
    const d = f.distinctDigits(12.6, 12.623);
    expect([f.formatMeurTo(12.6, d), f.formatMeurTo(12.623, d)]).toEqual(["12,6\u00a0M€", "12,62\u00a0M€"]);
    expect(f.formatChange(f.shownChange(12.6, 12.623, d), "M€", d)).toBe("+0,02\u00a0M€");
    expect(f.formatChange(-0.004, "", 3)).toBe("-0,004");
    // Durations alike: DESTA, 3,1 → 3,082 years, counted as shorter.
    const y = f.distinctDigits(3.1, 3.082);
    expect([f.formatYearsTo(3.1, y), f.formatYearsTo(3.082, y)]).toEqual(["3,1\u00a0ans", "3,08\u00a0ans"]);
    expect(f.formatChangeYearsTo(f.shownChange(3.1, 3.082, y), y)).toBe("-0,02\u00a0an");
    expect(f.formatYears(5)).toBe("5,0\u00a0ans");
    expect(f.formatYearsTo(5, 1)).toBe("5,0\u00a0ans");
    expect(f.formatChangeYears(0.018)).toBe("stable");
    // At one decimal, as everywhere else.
    expect(f.formatChange(6.04, "M€")).toBe("+6\u00a0M€");
    expect(f.formatMeur(12.623)).toBe("12,6\u00a0M€");
  });
});

describe("driftTableColumns", () => {
  it("shows a cost or a duration that moved by less than 0,1 with the decimals that show it moved", async () => {
    const { driftTableColumns } = await import("../docs/components/drift-table.js");
    const columns = driftTableColumns();
    const cell = (key: string, row: Record<string, unknown>) => {
      const c = columns.find((col) => col.key === key)!;
      return c.format!(row[key], row as never);
    };
    const crocus = { first_cost_meur: 12.6, last_cost_meur: 12.623, cost_change_meur: 0.023, first_cost_edition: "2017-06", last_cost_edition: "2021-11" };
    expect(cell("first_cost_meur", crocus)).toContain("12,6");
    expect(cell("last_cost_meur", crocus)).toContain("12,62");
    expect(cell("cost_change_meur", crocus)).toBe("+0,02");
    const sirhen = { first_cost_meur: 80, last_cost_meur: 344.6, cost_change_meur: 264.6, first_cost_edition: "2016-11", last_cost_edition: "2021-11" };
    expect(cell("cost_change_meur", sirhen)).toBe("+264,6");
    const desta = {
      first_duration_years: 3.1,
      last_duration_years: 3.082,
      duration_change_years: -0.018,
      first_duration_edition: "2016-11",
      last_duration_edition: "2021-11",
    };
    expect(cell("first_duration_years", desta)).toContain("3,1");
    expect(cell("last_duration_years", desta)).toContain("3,08");
    expect(cell("duration_change_years", desta)).toBe("-0,02");
  });
});
