// The two CSV downloads (docs/components/export.ts): « CSV pour tableur (français) » is read back
// with ";" as separator and gives "," decimals, Oui/Non, rounded durations, a BOM and neutralized
// formulas; « CSV pour programmes » keeps "," separators, "." decimals and full precision.
import { csvParseRows, dsvFormat } from "d3-dsv";
import { describe, expect, it } from "vitest";
import { PROJECT_EXPORT_DIGITS, spreadsheetNumber, toCsv, toSpreadsheetCsv, type ExportColumn } from "../docs/components/export.js";
import { PROJECT_EXPORT_COLUMNS } from "../docs/components/project-columns.js";

const COLUMNS: ExportColumn[] = [
  { name: "name", label: "Nom du projet" },
  { name: "cost_meur", label: "Coût estimé (M€)" },
  { name: "duration_years", label: "Durée prévisionnelle (années)" },
  { name: "interministerial", label: "Interministériel" },
  { name: "description", label: "Description; objectifs" },
];
const ROWS = [
  { name: "SIRHEN", cost_meur: 495.9, duration_years: 26 / 12, interministerial: false, description: "Paie; carrière, « RH »" },
  { name: '=HYPERLINK("https://x.example")', cost_meur: 12.35, duration_years: 5, interministerial: true, description: "-2+3" },
  { name: "@SUM(A1)", cost_meur: null, duration_years: null, interministerial: null, description: 'Texte "cité"\r\nsur deux lignes' },
  { name: "+33 1 23", cost_meur: -1234567.891, duration_years: 0.1 + 0.2, interministerial: false, description: null },
];

const spreadsheet = dsvFormat(";");

describe("toSpreadsheetCsv (CSV pour tableur, français)", () => {
  const text = toSpreadsheetCsv(ROWS, COLUMNS, { duration_years: 2 });
  const [header, ...body] = spreadsheet.parseRows(text.slice(1));

  it("starts with a UTF-8 BOM and ends its lines with CRLF", () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").length).toBeGreaterThan(ROWS.length);
  });

  it("splits on ';' into the labelled columns, even when a text holds ';'", () => {
    expect(header).toEqual(COLUMNS.map((c) => c.label));
    expect(body).toHaveLength(ROWS.length);
    for (const row of body) expect(row).toHaveLength(COLUMNS.length);
    expect(body[0]![4]).toBe("Paie; carrière, « RH »");
    expect(body[2]![4]).toBe('Texte "cité"\r\nsur deux lignes');
  });

  it("writes ',' decimals without thousands separators, and rounds durations to 2 decimals", () => {
    expect(body.map((r) => r[1])).toEqual(["495,9", "12,35", "", "-1234567,891"]);
    expect(body.map((r) => r[2])).toEqual(["2,17", "5", "", "0,3"]);
    // and the cells read back as the numbers, once "," is a decimal point
    expect(Number(body[0]![2]!.replace(",", "."))).toBeCloseTo(26 / 12, 2);
  });

  it("writes Oui/Non, and nothing for a missing value", () => {
    expect(body.map((r) => r[3])).toEqual(["Non", "Oui", "", "Non"]);
    expect(text).not.toMatch(/\b(true|false|null|undefined|NaN)\b/);
  });

  it("neutralizes cells that a spreadsheet would run as formulas", () => {
    expect(body.map((r) => r[0])).toEqual(["SIRHEN", '\'=HYPERLINK("https://x.example")', "'@SUM(A1)", "'+33 1 23"]);
    expect(body[1]![4]).toBe("'-2+3");
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r](?![\d,])/);
  });

  it("uses the project columns' rounding: durations to the hundredth of a year", () => {
    expect(PROJECT_EXPORT_DIGITS.duration_years).toBe(2);
    const row = { ...Object.fromEntries(PROJECT_EXPORT_COLUMNS.map((c) => [c.name, null])), duration_years: 2.16666666666667, figures_withheld: true };
    const [h, r] = spreadsheet.parseRows(toSpreadsheetCsv([row], PROJECT_EXPORT_COLUMNS, PROJECT_EXPORT_DIGITS).slice(1));
    expect(r![h!.indexOf("Durée prévisionnelle (années)")]).toBe("2,17");
    expect(r![h!.indexOf("Chiffres non publiés")]).toBe("Oui");
  });
});

describe("spreadsheetNumber", () => {
  it.each<[number, number | undefined, string]>([
    [2.16666666666667, 2, "2,17"],
    [0.1 + 0.2, undefined, "0,3"],
    [-0.001, 2, "0"],
    [1234.5, undefined, "1234,5"],
    [12, 2, "12"],
  ])("%d (%s decimals) → %s", (x, digits, expected) => {
    expect(spreadsheetNumber(x, digits)).toBe(expected);
  });
});

describe("toCsv (CSV pour programmes)", () => {
  it("keeps ',' separators, '.' decimals, true/false and full precision", () => {
    const text = toCsv(ROWS, COLUMNS);
    const [header, ...body] = csvParseRows(text.slice(1));
    expect(header).toEqual(COLUMNS.map((c) => c.label));
    expect(body[0]![2]).toBe(String(26 / 12));
    expect(body[0]![1]).toBe("495.9");
    expect(body.map((r) => r[3])).toEqual(["false", "true", "", "false"]);
    expect(body[0]![4]).toBe("Paie; carrière, « RH »");
  });
});
