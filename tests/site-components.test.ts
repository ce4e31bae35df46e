// Pure functions of the site's components (explorer search, filters and sort; safe links; SQL
// values; download columns; theme colours; the shell's French labels), run in Node.
import { describe, expect, it } from "vitest";
import { projectHref, safeHref } from "../docs/components/data-table.js";
import { filterProjects, sortProjects, type ExplorerProject } from "../docs/components/explorer.js";
import { foldText, foldWords, phaseLabel } from "../docs/components/labels.js";
import { PROJECT_EXPORT_COLUMNS } from "../docs/components/project-columns.js";
import { themeColor } from "../docs/components/palette.js";
import { frenchToggleTitle } from "../docs/components/shell-fixes.js";
import { formatSqlValue } from "../docs/components/sql-table.js";
import { PROJECT_COLUMNS } from "../loaders/schema.js";
import { row } from "./fixtures/tracking/projects.js";

const p = (over: Partial<ExplorerProject> & { edition: string; name: string }) => row(over as never) as unknown as ExplorerProject;

const ROWS: ExplorerProject[] = [
  p({
    edition: "2021-11",
    name: "ÉCOLE NUMÉRIQUE",
    project_key: "ecole",
    ministry: "Éducation nationale",
    cost_meur: 120,
    phase: "Déploiement",
    interministerial: false,
    description: "Plateforme d’archivage",
  }),
  p({
    edition: "2021-11",
    name: "Œuvre",
    project_key: "oeuvre",
    ministry: "Culture",
    cost_meur: null,
    phase: null,
    figures_withheld: true,
    interministerial: true,
    financing: "Programme P175",
  }),
  p({ edition: "2018-11", name: "alpha", project_key: "alpha", ministry: "Économie et Finances", cost_meur: 8.5, phase: "Cadrage", interministerial: null }),
  p({ edition: "2018-11", name: "Beta", project_key: "beta", ministry: "Économie et Finances", cost_meur: 50, phase: null, duration_years: 4 }),
];

describe("foldText", () => {
  it.each([
    ["Économie et Finances", "economie et finances"],
    ["ŒUVRE", "oeuvre"],
    ["  Santé–Sécurité  (SI) ", "sante securite si"],
    ["<script>alert(1)</script>", "script alert 1 script"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe("foldWords", () => {
  it.each([
    ["Février 2017", "fevrier 2017"],
    ["Date d’actualisation :\u00a0 06/2017", "date d'actualisation : 06/2017"],
    ["  Échanges  ", "echanges"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(foldWords(input)).toBe(expected);
  });
});

describe("filterProjects", () => {
  it.each<[string, Parameters<typeof filterProjects>[1], string[]]>([
    ["no filter", {}, ["ecole", "oeuvre", "alpha", "beta"]],
    ["search, case and accents ignored", { query: "ECOLE" }, ["ecole"]],
    ["search in the ministry", { query: "economie" }, ["alpha", "beta"]],
    ["search in the description", { query: "archivage" }, ["ecole"]],
    ["search in the financing", { query: "p175" }, ["oeuvre"]],
    ["every word must match", { query: "economie alpha" }, ["alpha"]],
    ["a ligature", { query: "oeuvre" }, ["oeuvre"]],
    ["nothing found", { query: "<img src=x onerror=alert(1)>" }, []],
    ["edition", { edition: "2018-11" }, ["alpha", "beta"]],
    ["ministry", { ministry: "Culture" }, ["oeuvre"]],
    ["published phase", { phase: "Cadrage" }, ["alpha"]],
    ["withheld figures", { phase: "Chiffres non publiés" }, ["oeuvre"]],
    ["no phase", { phase: "Phase non renseignée" }, ["beta"]],
    ["cost band", { band: "de 50 à 100 M€" }, ["beta"]],
    ["unknown cost", { band: "coût non publié" }, ["oeuvre"]],
    ["under 9 M€", { band: "moins de 9 M€" }, ["alpha"]],
    ["interministerial", { interministerial: true }, ["oeuvre"]],
    ["not interministerial (unknown excluded)", { interministerial: false }, ["ecole", "beta"]],
    ["filters combined", { edition: "2018-11", query: "beta", band: "de 50 à 100 M€" }, ["beta"]],
  ])("%s", (_, filters, keys) => {
    expect(filterProjects(ROWS, filters).map((r) => r.project_key)).toEqual(keys);
  });
});

describe("sortProjects", () => {
  it.each<[Parameters<typeof sortProjects>[1], Parameters<typeof sortProjects>[2], string[]]>([
    ["cost_meur", "descending", ["ecole", "beta", "alpha", "oeuvre"]],
    ["cost_meur", "ascending", ["alpha", "beta", "ecole", "oeuvre"]],
    ["name", "ascending", ["alpha", "beta", "ecole", "oeuvre"]],
    ["name", "descending", ["oeuvre", "ecole", "beta", "alpha"]],
    ["edition", "descending", ["ecole", "oeuvre", "alpha", "beta"]],
    // phase order, not alphabetical
    ["phase", "ascending", ["alpha", "ecole", "oeuvre", "beta"]],
    ["interministerial", "descending", ["oeuvre", "ecole", "beta", "alpha"]],
    ["duration_years", "ascending", ["beta", "ecole", "oeuvre", "alpha"]],
  ])("%s %s (missing values last, ties: latest edition then name)", (key, direction, keys) => {
    expect(sortProjects(ROWS, key, direction).map((r) => r.project_key)).toEqual(keys);
  });

  it("does not change its input", () => {
    const before = ROWS.map((r) => r.project_key);
    sortProjects(ROWS, "cost_meur", "ascending");
    expect(ROWS.map((r) => r.project_key)).toEqual(before);
  });
});

describe("phaseLabel and projectHref", () => {
  it("names the missing phase", () => {
    expect(ROWS.map(phaseLabel)).toEqual(["Déploiement", "Chiffres non publiés", "Cadrage", "Phase non renseignée"]);
  });
  it.each([
    ["vitam", "./projets/vitam.html"],
    [`x"><img src=x onerror=alert(1)>`, "./projets/x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.html"],
    ["../../etc", "./projets/..%2F..%2Fetc.html"],
  ])("%j → %j", (key, href) => {
    expect(projectHref(key)).toBe(href);
  });
});

describe("safeHref", () => {
  it.each([
    ["https://example.org/a?b=1", "https://example.org/a?b=1"],
    [" http://example.org ", "http://example.org/"],
    ["./projets/vitam", "./projets/vitam"],
    ["../donnees", "../donnees"],
    ["/donnees#x", "/donnees#x"],
    ["#ancre", "#ancre"],
    ["javascript:alert(1)", null],
    [" JaVaScRiPt:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["vbscript:msgbox(1)", null],
    ["//evil.example/x", null],
    ["ftp://example.org/x", null],
    ["www.example.org", null],
    ["", null],
    [null, null],
  ])("%j → %j", (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });
});

describe("formatSqlValue", () => {
  it.each<[unknown, string]>([
    [null, "—"],
    [undefined, "—"],
    [1234.567, "1\u202f234,57"],
    [12n, "12"],
    [true, "Oui"],
    [new Date("2016-11-03T00:00:00Z"), "3 novembre 2016"],
    ["<b>texte</b>", "<b>texte</b>"],
  ])("%s → %s", (value, text) => {
    expect(formatSqlValue(value)).toBe(text);
  });
});

describe("PROJECT_EXPORT_COLUMNS", () => {
  it("has every column of the projects table but the first links (the lists carry them all), in schema order, with a French header", () => {
    const firstLinks = ["more_info_url", "pap_url"];
    expect(PROJECT_EXPORT_COLUMNS.map((c) => c.name)).toEqual(PROJECT_COLUMNS.map((c) => c.name).filter((n) => !firstLinks.includes(n)));
    expect(new Set(PROJECT_EXPORT_COLUMNS.map((c) => c.label)).size).toBe(PROJECT_COLUMNS.length - firstLinks.length);
  });
});

describe("themeColor", () => {
  it.each<[Parameters<typeof themeColor>, string]>([
    [["foreground-focus"], "var(--theme-foreground-focus)"],
    [["foreground-focus", "#4269d0"], "var(--theme-foreground-focus, #4269d0)"],
    [["background", "white"], "var(--theme-background, white)"],
  ])("%j → %s", (args, css) => {
    expect(themeColor(...args)).toBe(css);
  });
});

describe("frenchToggleTitle", () => {
  it.each<[string, string | null]>([
    ["Toggle sidebar", "Afficher ou masquer le menu"],
    ["Toggle sidebar ⌘B", "Afficher ou masquer le menu (⌘B)"],
    ["Toggle sidebar Alt-B", "Afficher ou masquer le menu (Alt-B)"],
    ["Afficher ou masquer le menu (⌘B)", null],
    ["", null],
  ])("%j → %j", (title, french) => {
    expect(frenchToggleTitle(title)).toBe(french);
  });
});
