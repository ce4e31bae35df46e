import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PHASES } from "../loaders/schema.js";
import { cleanText, foldText, isNullToken } from "../loaders/normalize/text.js";
import {
  MAX_DATE,
  MIN_DATE,
  parseBoolean,
  parseCostMeur,
  parseDate,
  parseDurationYears,
  parseLinks,
  parseNumber,
  parsePhase,
  parseUrl,
} from "../loaders/normalize/values.js";
import { PROBLEMS, type Problem } from "../loaders/normalize/problems.js";

const NULL_CELLS: unknown[] = [
  null,
  undefined,
  "",
  "   ",
  "NA",
  "na",
  "N/A",
  "None",
  "none",
  "nan",
  "NaN",
  "-",
  "—",
  "n.c.",
  "nc",
  "NC",
  "non communiqué",
  "Non Communiqué",
  NaN,
];

describe("isNullToken", () => {
  it.each(NULL_CELLS.map((c) => [c]))("%j is a NULL token", (cell) => {
    expect(isNullToken(cell)).toBe(true);
  });
  it.each([["0"], [0], ["Non"], ["NAF"], ["nan nan"], [false], ["n"]])("%j is not a NULL token", (cell) => {
    expect(isNullToken(cell)).toBe(false);
  });
});

describe("parseNumber", () => {
  it.each([
    ["6,80", 6.8],
    ["53,02", 53.02],
    ["53.02", 53.02],
    [" 7 ", 7],
    ["52.0", 52],
    ["1 234,5", 1234.5],
    ["1\u00a0234,5", 1234.5],
    ["1\u202f234,5", 1234.5],
    ["10 000", 10000],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["12 M€", 12],
    ["12,5 M€", 12.5],
    ["12,5M€", 12.5],
    ["-3,5", -3.5],
    ["\u22123,5", -3.5],
    [",5", 0.5],
    ["3.750684931506849", 3.750684931506849],
    ["1e3", 1000],
    [7, 7],
    [26.3, 26.3],
    [0, 0],
    [-0, 0],
  ])("%j → %j", (cell, expected) => {
    expect(parseNumber(cell)).toEqual({ ok: true, value: expected });
  });
  it.each(NULL_CELLS.map((c) => [c]))("NULL token %j → null", (cell) => {
    expect(parseNumber(cell)).toEqual({ ok: true, value: null });
  });
  it.each<[unknown, Problem]>([
    ["abc", "not-a-number"],
    ["12 à 15", "not-a-number"],
    ["1 23", "not-a-number"],
    ["M€", "not-a-number"],
    ["12-", "not-a-number"],
    [true, "not-a-number"],
    [{}, "not-a-number"],
    [[1], "not-a-number"],
    ["9".repeat(400), "not-a-number"],
    [Infinity, "not-finite"],
    ["1e999", "not-finite"],
  ])("%j → problem %j", (cell, problem) => {
    expect(parseNumber(cell)).toEqual({ ok: false, problem });
  });
  it("a million digits followed by a letter → not a number", () => {
    expect(parseNumber(`${"1".repeat(1_000_000)}x`)).toEqual({ ok: false, problem: "not-a-number" });
  });
});

describe("parseCostMeur and parseDurationYears", () => {
  it.each([
    ["53,02", 53.02],
    ["1,2 Md€", 1200],
    ["500 k€", 0.5],
    ["NA", null],
    ["En cadrage", null],
    [" en  Cadrage ", null],
    [10_000, 10_000],
  ])("cost %j → %j", (cell, expected) => {
    expect(parseCostMeur(cell)).toEqual({ ok: true, value: expected });
  });
  it.each([
    [-1, "negative-cost"],
    ["10 000,5", "absurd-cost"],
    ["20 Md€", "absurd-cost"],
  ])("cost %j → problem %j", (cell, problem) => {
    expect(parseCostMeur(cell)).toEqual({ ok: false, problem });
  });
  it.each([
    ["6,8027397260274", 6.8027397260274],
    [3.75068493150685, 3.75068493150685],
    ["18 mois", 1.5],
    ["4 ans", 4],
    ["None", null],
  ])("duration %j → %j", (cell, expected) => {
    expect(parseDurationYears(cell)).toEqual({ ok: true, value: expected });
  });
  it.each([
    [-0.5, "negative-duration"],
    [50.01, "duration-over-50-years"],
  ])("duration %j → problem %j", (cell, problem) => {
    expect(parseDurationYears(cell)).toEqual({ ok: false, problem });
  });
});

describe("parseDate", () => {
  it.each([
    ["2013-07-01", "2013-07-01"],
    ["2013-07-01T00:00:00", "2013-07-01"],
    ["2013-07-01T00:00:00.000Z", "2013-07-01"],
    ["2013-07", "2013-07-01"],
    ["01/07/2011", "2011-07-01"],
    ["1/7/2011", "2011-07-01"],
    ["29/11/2016", "2016-11-29"],
    ["01/07/11", "2011-07-01"],
    ["07/2013", "2013-07-01"],
    [40725, "2011-07-01"],
    ["40725", "2011-07-01"],
    [43159, "2018-02-28"],
    [40725.75, "2011-07-01"],
    ["juillet 2013", "2013-07-01"],
    ["Juillet 2013", "2013-07-01"],
    ["JUILLET 2013", "2013-07-01"],
    ["juil. 2013", "2013-07-01"],
    ["janv 2014", "2014-01-01"],
    ["janv. 2014", "2014-01-01"],
    ["février 2015", "2015-02-01"],
    ["fevrier 2015", "2015-02-01"],
    ["févr. 2015", "2015-02-01"],
    ["août 2016", "2016-08-01"],
    ["décembre 2012", "2012-12-01"],
    ["octobre 14", "2014-10-01"],
    ["septembre 22", "2022-09-01"],
    ["janvier 95", "1995-01-01"],
    ["1er juillet 2013", "2013-07-01"],
    ["15 juillet 2013", "2013-07-15"],
    ["2013", "2013-01-01"],
    [2013, "2013-01-01"],
    ["T3 2014", "2014-07-01"],
    ["S2 2015", "2015-07-01"],
    ["  mai 2011 ", "2011-05-01"],
  ])("%j → %j", (cell, expected) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: expected });
  });
  it.each(NULL_CELLS.map((c) => [c]))("NULL token %j → null", (cell) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: null });
  });
  it.each([
    ["31/02/2015", "invalid-date"],
    ["29/02/2015", "invalid-date"],
    ["2015-13-01", "invalid-date"],
    ["00/2015", "invalid-date"],
    ["1989-12-31", "date-out-of-range"],
    ["2051-01-01", "date-out-of-range"],
    ["janvier 1985", "date-out-of-range"],
    [1000, "date-out-of-range"],
    [60, "date-out-of-range"],
    [99999, "date-out-of-range"],
    [-5, "not-a-date"],
    ["brumaire 2013", "not-a-date"],
    ["S3 2015", "not-a-date"],
    ["bientôt", "not-a-date"],
    [true, "not-a-date"],
    ["9".repeat(101), "not-a-date"],
  ])("%j → problem %j", (cell, problem) => {
    expect(parseDate(cell)).toEqual({ ok: false, problem });
  });
  it("accepts 29 February of a leap year", () => {
    expect(parseDate("29/02/2016")).toEqual({ ok: true, value: "2016-02-29" });
  });
});

describe("parseBoolean", () => {
  it.each([
    ["Oui", true],
    ["oui", true],
    ["OUI ", true],
    ["O", true],
    ["Yes", true],
    ["true", true],
    ["1", true],
    [1, true],
    [true, true],
    ["Non", false],
    ["non", false],
    ["N", false],
    ["No", false],
    ["false", false],
    ["0", false],
    [0, false],
    [false, false],
    ["NA", null],
    ["", null],
    [null, null],
  ])("%j → %j", (cell, expected) => {
    expect(parseBoolean(cell)).toEqual({ ok: true, value: expected });
  });
  it.each([["Peut-être"], [2], ["Ouiii"], [{}]])("%j → problem", (cell) => {
    expect(parseBoolean(cell)).toEqual({ ok: false, problem: "not-yes-no" });
  });
});

describe("parsePhase", () => {
  it.each([
    ["Cadrage", "Cadrage"],
    ["cadrage", "Cadrage"],
    ["En cadrage", "Cadrage"],
    ["Conception / Réalisation", "Conception / Réalisation"],
    ["Conception/Réalisation", "Conception / Réalisation"],
    ["Conception - Réalisation", "Conception / Réalisation"],
    ["CONCEPTION / REALISATION", "Conception / Réalisation"],
    ["Réalisation", "Conception / Réalisation"],
    ["Conception", "Conception / Réalisation"],
    ["Expérimentation", "Expérimentation"],
    ["Expérimentation / Pilote", "Expérimentation"],
    ["Déploiement", "Déploiement"],
    ["Deploiement", "Déploiement"],
    ["En déploiement", "Déploiement"],
    ["Phase de déploiement", "Déploiement"],
    ["Déploiement en cours", "Déploiement"],
    ["Terminé", "Terminé"],
    ["Achevé", "Terminé"],
    ["Clos", "Terminé"],
    ["<b>Déploiement</b>", "Déploiement"],
  ])("%j → %j", (cell, phase) => {
    expect(parsePhase(cell)).toEqual({ ok: true, value: { phase, withheld: false } });
  });
  it.each([
    ["Les données de ce projet ne sont pas publiées car un appel d'offres est en cours"],
    ["Appel d’offres en cours : les coûts ne sont pas communiqués"],
    ["Projet dont la trajectoire est en cours de réexamen"],
    ["Données non publiées (procédure de passation en cours)"],
    ["Le projet est en cours de redéfinition"],
    ["Informations confidentielles"],
    ["Les éléments ne sont pas communiqués en raison de la révision du projet"],
    ["Projet en cours de révision"],
  ])("withheld sentence %j", (cell) => {
    expect(parsePhase(cell)).toEqual({ ok: true, value: { phase: null, withheld: true } });
  });
  it.each(NULL_CELLS.map((c) => [c]))("NULL token %j → no phase, not withheld", (cell) => {
    expect(parsePhase(cell)).toEqual({ ok: true, value: { phase: null, withheld: false } });
  });
  it.each([["Bientôt"], ["Maintenance"], [3], [true], ["en cours ".repeat(10)]])("%j → unknown phase", (cell) => {
    expect(parsePhase(cell)).toEqual({ ok: false, problem: "unknown-phase" });
  });
});

describe("parseUrl", () => {
  it.each([
    ["https://www.pnr.gouv.fr/", "https://www.pnr.gouv.fr/"],
    ["  http://www.justice.fr/ ", "http://www.justice.fr/"],
    ["HTTPS://ensap.gouv.fr", "HTTPS://ensap.gouv.fr"],
    ["https://franceconnect.gouv.fr/                                https://partenaires.franceconnect.gouv.fr/", "https://franceconnect.gouv.fr/"],
    ["https://election-tpe.travail.gouv.fr ; https://www.elections-professionnelles.travail.gouv.fr", "https://election-tpe.travail.gouv.fr"],
    ["'http://www.performance-publique.budget.gouv.fr/x.pdf#page=30\"", "http://www.performance-publique.budget.gouv.fr/x.pdf#page=30"],
    ["www.moncompteactivite.gouv.fr", "http://www.moncompteactivite.gouv.fr"],
    ['<a href="https://a.gouv.fr/x?a=1&amp;b=2" target="_blank">en savoir plus</a>', "https://a.gouv.fr/x?a=1&b=2"],
  ])("%j → %j", (cell, expected) => {
    expect(parseUrl(cell)).toEqual({ ok: true, value: expected });
  });
  it.each([["N/A"], ["NC"], [""], [null]])("NULL token %j → null", (cell) => {
    expect(parseUrl(cell)).toEqual({ ok: true, value: null });
  });
  it.each([
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    ["data:text/html;base64,PHNjcmlwdD4="],
    ["ftp://example.org/file"],
    ["En attente publication PAP 2017"],
    ["http://"],
    [0],
    ['<a href="javascript:alert(1)">clic</a>'],
  ])("%j → problem", (cell) => {
    expect(parseUrl(cell)).toEqual({ ok: false, problem: "not-http-url" });
  });
});

it("a URL longer than 2 048 characters → problem", () => {
  expect(parseUrl(`https://${"a".repeat(5000)}.fr`)).toEqual({ ok: false, problem: "not-http-url" });
});

describe("cleanText", () => {
  it.each([
    ['<a href="http://x.fr/p129.pdf" target="_blank">Coordination du travail gouvernemental (P129)</a>', "Coordination du travail gouvernemental (P129)"],
    ["Tom &amp; Jerry &lt;3 l&#39;État &#8217; &#x2019; &nbsp;fin", "Tom & Jerry <3 l'État ’ ’ fin"],
    ["&eacute;t&eacute; &unknown; &", "été &unknown; &"],
    ["  trop   d’espaces\t ici  ", "trop d’espaces ici"],
    ["Premier paragraphe.\r\n\r\n\r\nSecond  paragraphe.\r\n- point", "Premier paragraphe.\nSecond paragraphe.\n- point"],
    ["ligne<br>suivante<p>para</p>", "ligne\nsuivante\npara"],
    ["avant<script>alert('x')</script>après", "avantaprès"],
    ["a<STYLE type='text/css'>b{}</style >c", "ac"],
    ["a <!-- commentaire --> b", "a b"],
    ["1 < 2 et 3 > 2", "1 < 2 et 3 > 2"],
    ["a <b", "a <b"],
    ["e\u0301te\u0301", "été"],
    ["zéro\u200blargeur", "zérolargeur"],
    [42.5, "42.5"],
    ["<p>NA</p>", null],
    ["<br><br>", null],
    ["NA", null],
    ["", null],
    [null, null],
    [undefined, null],
    [{}, null],
  ])("%j → %j", (cell, expected) => {
    expect(cleanText(cell)).toBe(expected);
  });
});

describe("parseLinks", () => {
  it.each<[unknown, string[]]>([
    ['<a href="http://a.fr/1" target="_blank">x</a> et <a href=\'https://b.fr/2\'>y</a>', ["http://a.fr/1", "https://b.fr/2"]],
    ["<a target=_blank href=https://c.fr/3>z</a>", ["https://c.fr/3"]],
    ['<a href="https://a.fr/1        https://b.fr/2">x</a>', ["https://a.fr/1", "https://b.fr/2"]],
    ['<A HREF="https://up.fr/">x</A>', ["https://up.fr/"]],
    // The published cells with several links (2016-11, 2017-06, 2018-03).
    [
      "https://election-tpe.travail.gouv.fr ; https://www.elections-professionnelles.travail.gouv.fr ; https://www.representativite-patronale.travail.gouv.fr",
      [
        "https://election-tpe.travail.gouv.fr",
        "https://www.elections-professionnelles.travail.gouv.fr",
        "https://www.representativite-patronale.travail.gouv.fr",
      ],
    ],
    [
      "https://franceconnect.gouv.fr/                                https://partenaires.franceconnect.gouv.fr/",
      ["https://franceconnect.gouv.fr/", "https://partenaires.franceconnect.gouv.fr/"],
    ],
    ["http://pap.fr/152.pdf#page=37\nhttp://pap.fr/176.pdf#page=35", ["http://pap.fr/152.pdf#page=37", "http://pap.fr/176.pdf#page=35"]],
    ["http://pap.fr/156.pdf#page=32\r\n'http://pap.fr/105.pdf#page=30", ["http://pap.fr/156.pdf#page=32", "http://pap.fr/105.pdf#page=30"]],
    ["https://a.fr/1;https://b.fr/2, https://c.fr/3 | www.d.fr", ["https://a.fr/1", "https://b.fr/2", "https://c.fr/3", "http://www.d.fr"]],
    ["https://a.fr/ https://a.fr/", ["https://a.fr/"]],
    ["N/A", []],
    ["NC", []],
    ["", []],
    [null, []],
  ])("%j → %j", (cell, urls) => {
    const r = parseLinks(cell);
    expect(r.ok && r.value!.urls).toEqual(urls);
  });

  it.each<[string, string, string[]]>([
    ["www.moncompteactivité.gouv.fr", "http://www.moncompteactivité.gouv.fr", ["scheme-added"]],
    ["www.ign.fr/geoplateforme", "http://www.ign.fr/geoplateforme", ["scheme-added"]],
    ["economie.gouv.fr/cisirh", "http://economie.gouv.fr/cisirh", ["scheme-added"]],
    ["'http://www.economie.gouv.fr/cisirh/", "http://www.economie.gouv.fr/cisirh/", ["quote-stripped"]],
    ["'www.ign.fr/geoplateforme\"", "http://www.ign.fr/geoplateforme", ["quote-stripped", "scheme-added"]],
  ])("%j is kept as %j and recorded as a normalization (%j)", (cell, url, rules) => {
    expect(parseLinks(cell)).toEqual({ ok: true, value: { urls: [url], normalizations: [{ value: cell, normalized: url, rules }] } });
  });

  it.each([
    ["En attente publication PAP 2017"],
    ["0"],
    [0],
    ["https://a.fr/ et aussi la page du ministère"],
    ['<a href="javascript:alert(1)">x</a><a href="https://b.fr/">y</a>'],
    ['<a href="/relatif">z</a>'],
    ["javascript:alert(1)"],
    ["PAP.2017"],
  ])("%j → problem, no link kept", (cell) => {
    expect(parseLinks(cell)).toEqual({ ok: false, problem: "not-http-url" });
  });
});

describe("foldText", () => {
  it.each([
    ["Ministère porteur ", "ministere porteur"],
    ["Coût estimé (M€)", "cout estime m"],
    ["Financement [programme(s)]", "financement programme s"],
    ["ŒUVRE  Œuvre", "oeuvre oeuvre"],
    ["l’État", "l etat"],
  ])("%j → %j", (s, expected) => {
    expect(foldText(s)).toBe(expected);
  });
});

describe("hostile input stays fast", () => {
  const big = 1_000_000;
  it.each([
    ["many unterminated tags", "<a".repeat(big / 2)],
    ["many unterminated scripts", "<script>".repeat(big / 8)],
    ["many href attributes", `<a ${"href=".repeat(big / 5)}>`],
    ["many entities", "&#".repeat(big / 2) + "&amp;".repeat(1000)],
    ["long whitespace", `a${" ".repeat(big)}b`],
    ["long digits", "1".repeat(big)],
    ["nested comments", "<!--".repeat(big / 4)],
    ["many ampersands", "&a".repeat(big / 2)],
  ])("%s", (_label, s) => {
    const start = performance.now();
    for (const f of [cleanText, parseLinks, parseNumber, parseDate, parseUrl, parsePhase, parseBoolean, isNullToken]) f(s);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("properties", () => {
  const cells = fc.oneof(
    fc.anything(),
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.double(),
    fc.integer({ min: 30_000, max: 60_000 }),
    fc.constantFrom(
      "6,80",
      "juillet 2013",
      "octobre 14",
      "01/07/2011",
      "40725",
      "NA",
      "None",
      "Oui",
      "Déploiement",
      "https://a.fr",
      "<a href='http://a.fr'>x</a>",
    ),
    fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1900, max: 2100 })).map(([d, m, y]) => `${d}/${m}/${y}`),
  );
  const isoInRange = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= MIN_DATE && v <= MAX_DATE && !Number.isNaN(Date.parse(v));

  it("every parser returns a result of its type and never throws", () => {
    fc.assert(
      fc.property(cells, (cell) => {
        const n = parseNumber(cell);
        if (n.ok && n.value !== null) expect(Number.isFinite(n.value)).toBe(true);
        const c = parseCostMeur(cell);
        if (c.ok && c.value !== null) expect(c.value >= 0 && c.value <= 10_000).toBe(true);
        const d = parseDurationYears(cell);
        if (d.ok && d.value !== null) expect(d.value >= 0 && d.value <= 50).toBe(true);
        const date = parseDate(cell);
        if (date.ok && date.value !== null) expect(isoInRange(date.value)).toBe(true);
        const b = parseBoolean(cell);
        if (b.ok && b.value !== null) expect(typeof b.value).toBe("boolean");
        const p = parsePhase(cell);
        if (p.ok) {
          expect(p.value.phase === null || PHASES.includes(p.value.phase)).toBe(true);
          expect(p.value.withheld && p.value.phase !== null).toBe(false);
        }
        const u = parseUrl(cell);
        if (u.ok && u.value !== null) expect(/^https?:\/\//i.test(u.value)).toBe(true);
        for (const r of [n, c, d, date, b, p, u]) if (!r.ok) expect(PROBLEMS).toContain(r.problem);
        const t = cleanText(cell);
        expect(t === null || (typeof t === "string" && t.length > 0 && t === t.trim())).toBe(true);
        const links = parseLinks(cell);
        if (links.ok) for (const link of links.value!.urls) expect(/^https?:\/\//i.test(link)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("every day of 1990–2050 written dd/mm/yyyy round-trips", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2050, 11, 31)), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split("-");
        expect(parseDate(`${d}/${m}/${y}`)).toEqual({ ok: true, value: iso });
        const serial = Math.round((Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000);
        expect(parseDate(serial)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});
