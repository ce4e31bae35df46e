// @vitest-environment jsdom
// Components that build DOM (tables, movement lists, the shell fixes), in jsdom: text from the data
// stays text, and only safe addresses become links.
import { describe, expect, it } from "vitest";
import { dataTable, textLink, type DataColumn } from "../docs/components/data-table.js";
import { movementLists, type MovementGroup } from "../docs/components/movement-lists.js";
import { fixShell } from "../docs/components/shell-fixes.js";

const HOSTILE = `<img src=x onerror=alert(1)>`;

/** Each cell as its text, with `[text](href)` for a link. */
function cells(table: HTMLTableElement): string[][] {
  return [...table.tBodies[0]!.rows].map((tr) =>
    [...tr.cells].map((td) =>
      [...td.childNodes].map((n) => (n instanceof HTMLAnchorElement ? `[${n.textContent}](${n.getAttribute("href")})` : n.textContent)).join(""),
    ),
  );
}

type Row = { name: string; key: string; sources: { label: string; url: string | null }[] };
const ROWS: Row[] = [
  {
    name: "Vitam",
    key: "vitam",
    sources: [
      { label: "tableau de bord", url: "https://example.org/a" },
      { label: "presse", url: null },
    ],
  },
  { name: HOSTILE, key: `x"><b>`, sources: [{ label: HOSTILE, url: "javascript:alert(1)" }] },
  { name: "Sans source", key: "s", sources: [] },
];

describe("dataTable links", () => {
  it.each<[string, DataColumn<Row>, string[]]>([
    ["a plain column", { label: "Projet", key: "name" }, ["Vitam", HOSTILE, "Sans source"]],
    [
      "href on a column",
      { label: "Projet", key: "name", href: (r) => `./projets/${encodeURIComponent(r.key)}` },
      ["[Vitam](./projets/vitam)", `[${HOSTILE}](./projets/x%22%3E%3Cb%3E)`, "[Sans source](./projets/s)"],
    ],
    ["unsafe href: text only", { label: "Projet", key: "name", href: () => "javascript:alert(1)" }, ["Vitam", HOSTILE, "Sans source"]],
    [
      "several links in a cell",
      { label: "Source", links: (r) => r.sources.map((s) => ({ text: s.label, href: s.url })) },
      ["[tableau de bord](https://example.org/a) ; presse", HOSTILE, ""],
    ],
  ])("%s", (_, column, expected) => {
    const table = dataTable(ROWS, [column]);
    expect(cells(table).map((r) => r[0])).toEqual(expected);
    expect(table.querySelector("img, b")).toBeNull();
  });

  it("marks external links noopener noreferrer, not site links", () => {
    expect((textLink("a", "https://example.org/") as HTMLAnchorElement).rel).toBe("noopener noreferrer");
    expect((textLink("a", "./donnees") as HTMLAnchorElement).rel).toBe("");
    expect(textLink("a", null).nodeType).toBe(Node.TEXT_NODE);
  });
});

describe("movementLists", () => {
  const project = (key: string, over: Partial<MovementGroup["entered"][number]> = {}) => ({
    key,
    name: key.toUpperCase(),
    ministry: "Culture",
    phase: "Déploiement",
    cost_meur: 12.5,
    ...over,
  });
  const GROUPS: MovementGroup[] = [
    { edition: "2018-11", previous_edition: "2018-07", missing_between: [], entered: [project("a"), project("b", { cost_meur: null })], exited: [] },
    {
      edition: "2021-11",
      previous_edition: "2018-11",
      missing_between: ["2019-03", "2019-07"],
      entered: [],
      exited: [project("c", { phase: "Terminé" }), project("d", { name: HOSTILE, phase: "Cadrage" })],
    },
  ];

  it("lists the latest pair first, entries then exits, each name a link", () => {
    const root = document.createElement("div");
    root.append(movementLists(GROUPS));
    const text = [...root.children].map((e) => `${e.localName}${e.id ? `#${e.id}` : ""}: ${e.textContent!.replace(/\u00a0/g, " ")}`);
    expect(text).toEqual([
      "h3#mouvements-2021-11: De novembre 2018 à novembre 2021",
      "p: Éditions intermédiaires non disponibles : mars 2019, juillet 2019.",
      "p: Aucune entrée.",
      "p: Sorties (2)",
      `ul: C (Culture ; terminé)${HOSTILE} (Culture ; dernière phase : cadrage)`,
      "h3#mouvements-2018-11: De juillet 2018 à novembre 2018",
      "p: Entrées (2)",
      "ul: A (Culture ; 12,5 M€)B (Culture ; coût non publié)",
      "p: Aucune sortie.",
    ]);
    expect([...root.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "./projets/c.html",
      "./projets/d.html",
      "./projets/a.html",
      "./projets/b.html",
    ]);
    expect(root.querySelector("img")).toBeNull();
  });
});

describe("fixShell", () => {
  it("puts the page in French and names the sidebar's controls, now and as they are added or retitled", async () => {
    document.documentElement.innerHTML = `<body><input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar"><ol><label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label></ol><main id="observablehq-main"></main></body>`;
    fixShell(document);
    const toggle = document.getElementById("observablehq-sidebar-toggle")!;
    expect(document.documentElement.lang).toBe("fr");
    expect(toggle.getAttribute("aria-label")).toBe("Afficher le menu");
    expect(toggle.title).toBe("Afficher ou masquer le menu");
    expect(document.getElementById("observablehq-sidebar-close")!.getAttribute("aria-hidden")).toBe("true");
    toggle.title = "Toggle sidebar ⌘B";
    document.getElementById("observablehq-main")!.innerHTML = `<pre>code</pre><svg><g aria-label="bar"></g></svg>`;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(toggle.title).toBe("Afficher ou masquer le menu (⌘B)");
    expect(document.querySelector("pre")!.getAttribute("tabindex")).toBe("0");
    expect(document.querySelector("g")!.getAttribute("role")).toBe("group");
  });
});
