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
