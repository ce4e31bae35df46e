import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frenchNumber, headlineFigures, parseEdition, rate, readDashboard } from "../loaders/read/dashboard.js";
import type { DashboardPage, RawRow } from "../loaders/read/types.js";
import { NO_HEADLINE, type HeadlineFigures } from "../loaders/schema.js";
import { thrown, CATASTROPHIC_MS } from "./helpers.js";
import { DASHBOARD_HEADER } from "./fixtures/headers.js";

// Hand-written miniature of a real page: CSS and JS that mention value boxes and widgets,
// a Highcharts widget, a decoy DT table, then the project table (3 rows).
const PAGE = readFileSync(join(import.meta.dirname, "fixtures", "read", "dashboard.html"), "utf8");

// The fixture page writes the cost header without the parentheses of the real pages.
const HEADERS: string[] = DASHBOARD_HEADER.map((h) => (h === "Coût (complet) estimé" ? "Coût complet estimé" : h));

const GOLDEN_ROWS: RawRow[] = [
  { row: 0, cells: HEADERS },
  {
    row: 1,
    cells: [
      "PAYSAGE",
      "Ministère de l'Économie des Finances et de la Relance",
      "Oui",
      "Réécriture iso-fonctionnelle de l’application PAY\u00a0:\r\n- point 1\r\n\r\n- point 2",
      "octobre 14",
      8.83333333333333,
      "Déploiement",
      53.7058,
      "Ressources Humaines",
      "Programme 156",
    ],
  },
  {
    row: 2,
    cells: [
      "FRANCE CONNECT",
      "Services du Premier Ministre",
      "Oui",
      'FranceConnect permet de se connecter aux services en ligne. (<a href="https://franceconnect.gouv.fr/" target="_blank" title="en savoir plus">en savoir plus</a>)',
      "juillet 2013",
      null,
      "None",
      null,
      "Gestion et contrôle des accès",
      '<a href="https://www.performance-publique.budget.gouv.fr/pap.pdf#page=39" target="_blank" title="projet annuel de performance">Coordination du travail gouvernemental (P129)</a>',
    ],
  },
  {
    row: 3,
    cells: [
      "SI-SAMU",
      "Ministère des Solidarités et de la Santé",
      "Non",
      "NA",
      "NA",
      "NA",
      "Projet en phase d’appel d’offres : les chiffres ne sont pas publiés",
      "NA",
      "Santé",
      "NA",
    ],
  },
];

const GOLDEN_PAGE: DashboardPage = {
  editionText: "14ème édition du panorama - novembre 2021",
  edition: "2021-11",
  headline: {
    official_projects: 3,
    official_interministerial: 2,
    official_cost_beur: 2.62,
    official_duration_years: 6.1,
    official_schedule_gap: 0.154,
    official_budget_gap: 0.135,
  },
  valueBoxes: {
    "projets suivis": "3",
    "projets interministériels": "2",
    "milliards d’euros de coûts actualisés": "2,62",
    "durée moyenne (en années)": "6,1",
    "taux d’écart calendaire moyen": "15,4 %",
    "taux d’écart budgétaire moyen": "13,5 %",
  },
};

const PROJECT_WIDGET = /<script type="application\/json" data-for="htmlwidget-2c3d4e5f607182930415">[\s\S]*?<\/script>/;

describe("readDashboard on the fixture page", () => {
  it("reads the project table and the page figures (golden)", () => {
    expect(readDashboard(PAGE, "dashboard.html")).toEqual({
      sheet: { file: "dashboard.html", format: "html", sheetName: null, rows: GOLDEN_ROWS },
      page: GOLDEN_PAGE,
      warnings: [],
    });
  });

  it("finds the project table wherever it stands among the widgets", () => {
    const widget = PROJECT_WIDGET.exec(PAGE)![0];
    const moved = PAGE.replace(widget, "").replace("<body>", `<body>\n${widget}`);
    expect(moved.indexOf(widget)).toBeLessThan(PAGE.indexOf(widget));
    expect(readDashboard(moved, "p.html").sheet.rows).toEqual(GOLDEN_ROWS);
  });

  it("prefers the larger of two project-like tables", () => {
    const small = `<script type="application/json" data-for="htmlwidget-small">{"x":{"data":[["A"],["M"]],"container":"<table><thead><tr><th>Projet<\\/th><th>Ministère<\\/th><\\/tr><\\/thead><\\/table>"}}</script>`;
    const rows = readDashboard(PAGE.replace("<body>", `<body>${small}`), "p.html").sheet.rows;
    expect(rows).toHaveLength(4);
  });

  it("leaves out a row whose cells are all empty but keeps the positions", () => {
    const widget = PROJECT_WIDGET.exec(PAGE)![0];
    const open = widget.slice(0, widget.indexOf(">") + 1);
    const json = JSON.parse(widget.slice(open.length, -"</script>".length));
    for (const [c, column] of (json.x.data as unknown[][]).entries()) column[0] = c === 0 ? " " : null;
    const page = PAGE.replace(widget, `${open}${JSON.stringify(json).replaceAll("</", "<\\/")}</script>`);
    expect(readDashboard(page, "p.html").sheet.rows.map((r) => r.row)).toEqual([0, 2, 3]);
  });
});

describe("value boxes and headline figures", () => {
  const NONE: HeadlineFigures = NO_HEADLINE;
  it.each<[string, Record<string, string>, Partial<HeadlineFigures>]>([
    [
      "November 2016 labels",
      {
        "projets suivis": "57",
        "projets interministériels": "18",
        "milliards d’euros engagés": "2,29",
        "durée moyenne (en années)": "6,2",
        "taux d’écart calendaire moyen": "38 %",
        "taux d’écart budgétaire moyen": "32 %",
      },
      {
        official_projects: 57,
        official_interministerial: 18,
        official_cost_beur: 2.29,
        official_duration_years: 6.2,
        official_schedule_gap: 0.38,
        official_budget_gap: 0.32,
      },
    ],
    ["2018 cost label", { "milliards d’euros engagés (hors projets en cadrage)": "2,55" }, { official_cost_beur: 2.55 }],
    ["2021 cost label", { "milliards d’euros de coûts actualisés": "2,62" }, { official_cost_beur: 2.62 }],
    ["singular milliard", { "milliard d'euros engagé": "0,9" }, { official_cost_beur: 0.9 }],
    [
      "straight apostrophes, capitals, no accents",
      { "TAUX D'ECART BUDGETAIRE MOYEN": "13,5 %", "Duree Moyenne (en annees)": "6" },
      { official_budget_gap: 0.135, official_duration_years: 6 },
    ],
    ["extra spaces in labels", { "  projets   suivis ": "50" }, { official_projects: 50 }],
    ["unreadable values give null", { "projets suivis": "NA", "taux d’écart calendaire moyen": "n.c." }, {}],
    ["a non-integer count gives null", { "projets suivis": "50,5" }, {}],
    ["unknown labels are ignored", { "projets terminés": "4" }, {}],
    ["no box at all", {}, {}],
  ])("%s", (_, boxes, expected) => {
    expect(headlineFigures(boxes)).toEqual({ ...NONE, ...expected });
  });

  it("gives null for a box missing from the page and keeps the others", () => {
    const page = PAGE.replace(/<div id="taux-decart-budgetaire-moyen"[\s\S]*?<\/span>\n<\/div>/, "");
    const { page: figures } = readDashboard(page, "p.html");
    expect(figures.headline).toEqual({ ...GOLDEN_PAGE.headline, official_budget_gap: null });
    expect(Object.keys(figures.valueBoxes)).toHaveLength(5);
  });

  it.each<[string, number | null]>([
    ["15,4 %", 0.154],
    ["13,5 %", 0.135],
    ["38 %", 0.38],
    ["31,7 %", 0.317],
    ["26,4 %", 0.264],
    ["20,2 %", 0.202],
    ["0,7 %", 0.007],
    ["28,6\u00a0%", 0.286],
    ["15,4%", 0.154],
    ["0,154", 0.154],
    ["NA", null],
    ["", null],
  ])("rate(%j) = %s exactly", (text, value) => {
    expect(rate(text)).toBe(value);
  });

  it.each<[string, number | null]>([
    ["2,29", 2.29],
    ["6", 6],
    ["6,2", 6.2],
    ["1 234,5", 1234.5],
    ["1\u202f234", 1234],
    ["2,2,9", null],
    ["abc", null],
  ])("frenchNumber(%j) = %s", (text, value) => {
    expect(frenchNumber(text)).toBe(value);
  });
});

describe("edition", () => {
  it.each<[string, string | null]>([
    ["février 2017", "2017-02"],
    ["Juin 2017", "2017-06"],
    ["Novembre 2017", "2017-11"],
    ["Mars 2018", "2018-03"],
    ["Juillet 2018", "2018-07"],
    ["14ème édition du panorama - novembre 2021", "2021-11"],
    ["FEVRIER 2019", "2019-02"],
    ["fevrier 2019", "2019-02"],
    ["févr. 2019", "2019-02"],
    ["janv. 2020", "2020-01"],
    ["août 2020", "2020-08"],
    ["aout 2020", "2020-08"],
    ["sept. 2022", "2022-09"],
    ["déc. 2023", "2023-12"],
    ["Décembre 2023", "2023-12"],
    ["06/2017", "2017-06"],
    ["30/06/2017", "2017-06"],
    ["13/2017", null],
    ["bientôt", null],
    ["maintenant 2017", null],
    ["", null],
  ])("parseEdition(%j) = %s", (text, edition) => {
    expect(parseEdition(text)).toBe(edition);
  });

  it.each<[string, string, string | null, string | null]>([
    ["2017-02 markup", "<p>Date d’actualisation : <b> février 2017</b></p>", "février 2017", "2017-02"],
    ["2018-03 markup", "<p>Date d’actualisation : <b> Mars 2018 </b></p>", "Mars 2018", "2018-03"],
    ["straight apostrophe, entity", "<p>Date d&#39;actualisation&nbsp;: <b>Juin&nbsp;2017</b></p>", "Juin 2017", "2017-06"],
    ["no date (November 2016)", "", null, null],
    ["a date that cannot be read", "<p>Date d’actualisation : <b>prochainement</b></p>", "prochainement", null],
  ])("page with %s", (_, markup, editionText, edition) => {
    const page = PAGE.replace(/<p>Date d’actualisation[\s\S]*?<\/p>/, markup);
    expect(readDashboard(page, "p.html").page).toMatchObject({ editionText, edition });
  });

  it("does not take other uses of « actualisation » for the date", () => {
    const page = PAGE.replace(/<p>Date d’actualisation[\s\S]*?<\/p>/, "<p>Une actualisation de ce panorama : en 2017.</p>");
    expect(readDashboard(page, "p.html").page.editionText).toBeNull();
  });
});

describe("readDashboard errors", () => {
  const widget = PROJECT_WIDGET.exec(PAGE)![0];
  it.each<[string, string, RegExp]>([
    ["no project table", PAGE.replace(widget, ""), /no project table .* the tables found have headers \[Zone fonctionnelle, Nombre de projets\]/],
    ["no widget at all", "<!DOCTYPE html><html><body><p>Rien</p></body></html>", /no project table .* no DT table widget was found/],
    [
      "malformed widget JSON",
      PAGE.replace(widget, widget.replace('"data":[[', '"data":[[[')),
      /widget JSON that cannot be parsed: htmlwidget-2c3d4e5f607182930415/,
    ],
    ["columns of unequal length", PAGE.replace(widget, widget.replace('"Oui","Oui","Non"', '"Oui","Oui"')), /no project table/],
    ["fewer labels than columns", PAGE.replace(widget, widget.replace("<th>Début<\\/th>", "")), /no project table/],
  ])("%s → PanoramaError naming the file", (_, html, message) => {
    const error = thrown(() => readDashboard(html, "panorama.html"));
    expect(error.place).toEqual({ file: "panorama.html" });
    expect(error.message).toMatch(/^file panorama\.html: /);
    expect(error.message).toMatch(message);
  });

  it("reads a 3 MB page in linear time", () => {
    const filler = `<script>${'var x = \'<div class="value">\' + "value-box";\n'.repeat(70_000)}</script>`;
    const page = PAGE.replace("</head>", `${filler}</head>`);
    expect(page.length).toBeGreaterThan(3_000_000);
    const start = performance.now();
    const { sheet } = readDashboard(page, "big.html");
    expect(performance.now() - start).toBeLessThan(CATASTROPHIC_MS);
    expect(sheet.rows).toHaveLength(4);
  });
});
