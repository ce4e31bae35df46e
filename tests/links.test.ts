// @vitest-environment jsdom
// Issue 14, points 4 and 5: every link of a cell is kept, in order, in the data, on project pages and in
// downloads; the same published value gives the same anomaly or normalization in every format
// (CSV, XLSX, ODS, dashboard page).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { neutralizeCell, toCsv, toXlsx } from "../docs/components/export.js";
import { projectLinks } from "../docs/components/project-page.js";
import { PROJECT_EXPORT_COLUMNS } from "../docs/components/project-columns.js";
import { assembleEdition, type EditionResult, sourceFile } from "../loaders/build/pipeline.js";
import { buildFromCatalogue } from "../loaders/build/dataset.js";
import { defaultAcquireOptions } from "../loaders/sources/acquire.js";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { normalizationsForDisplay } from "../loaders/report/methodology.js";
import type { ProjectRow } from "../loaders/schema.js";
import { DASHBOARD_HEADER, SPREADSHEET_HEADER } from "./fixtures/headers.js";
import { MIRROR, NO_MIRROR_REASON } from "./helpers.js";

type LinkCell = string | number;
/** name, "En savoir plus sur le projet", "Lien vers les Projets Annuels de Performances", as a spreadsheet publishes them. */
const CASES: [string, LinkCell, LinkCell][] = [
  ["PLUSIEURS LIENS", "https://a.gouv.fr/                 https://partenaires.a.gouv.fr/", "http://pap.fr/152.pdf#page=37\n'http://pap.fr/176.pdf#page=35"],
  ["TROIS LIENS", "https://a.travail.gouv.fr ; https://b.travail.gouv.fr ; https://c.travail.gouv.fr", "https://pap.fr/1.pdf"],
  ["EN ATTENTE", "www.moncompteactivité.gouv.fr", "En attente publication PAP 2017"],
  ["ZÉRO", 0, "N/A"],
  ["APOSTROPHE", "NC", "'http://pap.fr/105.pdf#page=30"],
];

function spreadsheetRows(): (string | number)[][] {
  const header = [...SPREADSHEET_HEADER];
  const at = (label: string) => header.indexOf(label as (typeof SPREADSHEET_HEADER)[number]);
  return [
    header,
    ...CASES.map(([name, more, pap]) => {
      const row: (string | number)[] = header.map(() => "");
      row[at("Ministère porteur ")] = "MEF";
      row[at("Ministère nom complet")] = "Ministère de l'Économie et des Finances";
      row[at("Nom du projet")] = name;
      row[at("Phase du projet en cours")] = "Cadrage";
      row[at("Financement [programme(s)]")] = "Programme 218";
      row[at("En savoir plus sur le projet")] = more;
      row[at("Lien vers les Projets Annuels de Performances")] = pap;
      return row;
    }),
  ];
}

function workbook(bookType: "xlsx" | "ods"): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(spreadsheetRows()), "Projets");
  return new Uint8Array(XLSX.write(book, { type: "buffer", bookType }) as Buffer);
}

function csv(): Uint8Array {
  const field = (v: string | number) => (/[;"\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return new TextEncoder().encode(
    `${spreadsheetRows()
      .map((r) => r.map(field).join(";"))
      .join("\r\n")}\r\n`,
  );
}

/** A dashboard page as DINSIC's R code writes it: the links as hrefs of the description and of the financing programme. */
function dashboard(): Uint8Array {
  const attr = (v: LinkCell) => String(v).replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  const columns: (string | null)[][] = DASHBOARD_HEADER.map(() => []);
  for (const [name, more, pap] of CASES) {
    const cells: Record<(typeof DASHBOARD_HEADER)[number], string | null> = {
      Projet: name,
      "Ministère porteur": "Ministère de l'Économie et des Finances",
      "Projet inter-ministériel": "Non",
      "Description et objectifs": `Un projet. (<a href="${attr(more)}" target="_blank" title="en savoir plus">en savoir plus</a>)`,
      Début: "janvier 2016",
      "Durée du projet en années": "3",
      "Phase du projet en cours": "Cadrage",
      "Coût (complet) estimé": "10",
      "Zone fonctionnelle principale": "Finances",
      "Programme de financement": `<a href="${attr(pap)}" target="_blank" title="projet annuel de performance">Programme 218</a>`,
    };
    for (const [i, h] of DASHBOARD_HEADER.entries()) columns[i]!.push(cells[h]);
  }
  const container = `<table class="display"><thead><tr>${DASHBOARD_HEADER.map((h) => `<th>${h}</th>`).join("")}</tr></thead></table>`;
  const widget = JSON.stringify({ x: { container, data: columns } }).replaceAll("</", "<\\/");
  return new TextEncoder().encode(
    `<!DOCTYPE html><html><body><p>Date d’actualisation : <b>Mars 2018</b></p>` +
      `<script type="application/json" data-for="htmlwidget-1">${widget}</script></body></html>`,
  );
}

const FILES: [string, () => Uint8Array][] = [
  ["2018-03.csv", csv],
  ["2018-03.xlsx", () => workbook("xlsx")],
  ["2018-03.ods", () => workbook("ods")],
  ["2018-03.html", dashboard],
];

const editionOf = (file: string, bytes: Uint8Array): EditionResult => assembleEdition("2018-03", [sourceFile(bytes, file)]);
const nameAt = (e: EditionResult, row: number) => e.projects.find((p) => p.source_row === row)!.name;

/** What a format gives, without what differs by nature between formats (row numbers, column names). */
function outcome(e: EditionResult) {
  return {
    links: e.projects.map((p) => [p.name, p.more_info_urls, p.pap_urls, p.more_info_url, p.pap_url]),
    anomalies: e.anomalies.map((a) => [nameAt(e, a.source_row!), a.value, a.problem]).sort(),
    normalizations: e.normalizations.map((n) => [nameAt(e, n.source_row), n.value, n.normalized, n.rule]).sort(),
  };
}

describe("the same published link values in every format", () => {
  const results = FILES.map(([file, make]) => [file, editionOf(file, make())] as const);
  const [, csvResult] = results[0]!;

  it("keep every link of a cell, in order", () => {
    expect(outcome(csvResult).links).toEqual([
      [
        "PLUSIEURS LIENS",
        ["https://a.gouv.fr/", "https://partenaires.a.gouv.fr/"],
        ["http://pap.fr/152.pdf#page=37", "http://pap.fr/176.pdf#page=35"],
        "https://a.gouv.fr/",
        "http://pap.fr/152.pdf#page=37",
      ],
      [
        "TROIS LIENS",
        ["https://a.travail.gouv.fr", "https://b.travail.gouv.fr", "https://c.travail.gouv.fr"],
        ["https://pap.fr/1.pdf"],
        "https://a.travail.gouv.fr",
        "https://pap.fr/1.pdf",
      ],
      ["EN ATTENTE", ["http://www.moncompteactivité.gouv.fr"], [], "http://www.moncompteactivité.gouv.fr", null],
      ["ZÉRO", [], [], null, null],
      ["APOSTROPHE", [], ["http://pap.fr/105.pdf#page=30"], null, "http://pap.fr/105.pdf#page=30"],
    ]);
  });

  it("give the same anomalies: text and 0 are anomalies, N/A and NC are unknown", () => {
    expect(outcome(csvResult).anomalies).toEqual([
      ["EN ATTENTE", "En attente publication PAP 2017", "not an http(s) URL"],
      ["ZÉRO", "0", "not an http(s) URL"],
    ]);
  });

  it("give the same normalizations, with the published value", () => {
    expect(outcome(csvResult).normalizations).toEqual([
      ["APOSTROPHE", "'http://pap.fr/105.pdf#page=30", "http://pap.fr/105.pdf#page=30", "quote-stripped"],
      ["EN ATTENTE", "www.moncompteactivité.gouv.fr", "http://www.moncompteactivité.gouv.fr", "scheme-added"],
      ["PLUSIEURS LIENS", "'http://pap.fr/176.pdf#page=35", "http://pap.fr/176.pdf#page=35", "quote-stripped"],
    ]);
  });

  it.each(results.slice(1).map(([file, r]) => [file, r]))("%s gives what the CSV gives", (_, result) => {
    expect(outcome(result)).toEqual(outcome(csvResult));
  });

  it("are listed on « Données et méthode » with a French label for each correction", () => {
    expect(normalizationsForDisplay(csvResult.normalizations).map((n) => [n.value, n.rule_label])).toEqual([
      ["'http://pap.fr/176.pdf#page=35", "apostrophe ou guillemets autour de l’adresse retirés"],
      ["www.moncompteactivité.gouv.fr", "adresse publiée sans « http:// » : « http:// » ajouté"],
      ["'http://pap.fr/105.pdf#page=30", "apostrophe ou guillemets autour de l’adresse retirés"],
    ]);
  });

  it("name the dashboard column the link sits in", () => {
    const html = results[3]![1];
    expect(new Set(html.anomalies.map((a) => a.column))).toEqual(new Set(["Description et objectifs", "Programme de financement"]));
    expect(new Set(csvResult.anomalies.map((a) => a.column))).toEqual(
      new Set(["En savoir plus sur le projet", "Lien vers les Projets Annuels de Performances"]),
    );
  });
});

describe("every link on project pages and in downloads", () => {
  const rows = editionOf("2018-03.csv", csv()).projects;
  const first = rows[0]!;

  it("lists each link of each cell on the project page, in order", () => {
    const list = projectLinks([first]);
    expect([...list.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "https://a.gouv.fr/",
      "https://partenaires.a.gouv.fr/",
      "http://pap.fr/152.pdf#page=37",
      "http://pap.fr/176.pdf#page=35",
    ]);
  });

  it("puts every link in the CSV and XLSX cell, one per line", () => {
    const more = PROJECT_EXPORT_COLUMNS.find((c) => c.name === "more_info_urls")!;
    expect(neutralizeCell(first.more_info_urls)).toBe("https://a.gouv.fr/\nhttps://partenaires.a.gouv.fr/");
    const text = toCsv([first], PROJECT_EXPORT_COLUMNS);
    expect(text).toContain('"https://a.gouv.fr/\nhttps://partenaires.a.gouv.fr/"');
    const book = XLSX.read(toXlsx([first], PROJECT_EXPORT_COLUMNS, "Projets"));
    const [record] = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets.Projets!);
    expect(record![more.label]).toBe("https://a.gouv.fr/\nhttps://partenaires.a.gouv.fr/");
    expect(record!["Projet annuel de performances"]).toBe("http://pap.fr/152.pdf#page=37\nhttp://pap.fr/176.pdf#page=35");
  });
});

describe.skipIf(!MIRROR)(`the real editions (PANORAMA_MIRROR)${MIRROR ? "" : `: skipped, ${NO_MIRROR_REASON}`}`, () => {
  const read = (path: string, edition: string) => {
    const bytes = new Uint8Array(readFileSync(join(MIRROR ?? "", path)));
    return assembleEdition(edition, [sourceFile(bytes, path)]);
  };

  it("« En attente publication PAP 2017 » is the same anomaly in the 2017-02 page and the 2018-03 workbook; so is « 0 » in the 2018-03 page and workbook", () => {
    const pick = (e: EditionResult, value: string) => e.anomalies.filter((a) => a.value === value).map((a) => a.problem);
    const page1702 = read("dashboards/2017-02.html", "2017-02");
    const page1803 = read("dashboards/2018-03.html", "2018-03");
    const book1803 = read("spreadsheets/2018-03.xlsx", "2018-03");
    expect(pick(page1702, "En attente publication PAP 2017")).toEqual(["not an http(s) URL", "not an http(s) URL"]);
    expect(pick(book1803, "En attente publication PAP 2017")).toEqual(["not an http(s) URL", "not an http(s) URL", "not an http(s) URL"]);
    expect(pick(page1803, "0")).toEqual(["not an http(s) URL"]);
    expect(pick(book1803, "0")).toEqual(["not an http(s) URL"]);
  });

  it("keeps the 11 cells with several links, and records the bare hosts and apostrophes as normalizations", async () => {
    const dataset = await buildFromCatalogue(EDITIONS, { ...defaultAcquireOptions(process.env), online: false });
    const several = dataset.projects.filter((p) => p.more_info_urls.length > 1 || p.pap_urls.length > 1);
    expect(several).toHaveLength(11);
    const find = (edition: string, name: string): ProjectRow => dataset.projects.find((p) => p.edition === edition && p.name === name)!;
    expect(find("2017-06", "FRANCECONNECT PHASE II").more_info_urls).toEqual(["https://franceconnect.gouv.fr/", "https://partenaires.franceconnect.gouv.fr/"]);
    expect(find("2016-11", "SI Représentativité").more_info_urls).toHaveLength(3);
    const normalized = dataset.normalizations.map((n) => `${n.edition} ${n.value} → ${n.normalized} (${n.rule})`);
    expect(normalized).toEqual(
      expect.arrayContaining([
        "2017-06 www.moncompteactivité.gouv.fr → http://www.moncompteactivité.gouv.fr (scheme-added)",
        "2021-11 www.ign.fr/geoplateforme → http://www.ign.fr/geoplateforme (scheme-added)",
        "2021-11 www.economie.gouv.fr/cisirh → http://www.economie.gouv.fr/cisirh (scheme-added)",
      ]),
    );
    expect(dataset.normalizations.filter((n) => n.rule === "quote-stripped").length).toBeGreaterThan(0);
  });
});
