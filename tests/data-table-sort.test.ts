// @vitest-environment jsdom
// Sortable and stacked data tables (docs/components/data-table.ts), the explorer's columns on demand
// (docs/components/explorer.ts) and the folded tables opened for print (data-details.ts), in jsdom.
import { describe, expect, it } from "vitest";
import { dataDetails } from "../docs/components/data-details.js";
import { sortableTable, sortRows, type DataColumn } from "../docs/components/data-table.js";
import { explorerTable, type ExplorerProject } from "../docs/components/explorer.js";

type Row = { name: string; change: number | null; listed: boolean };
const ROWS: Row[] = [
  { name: "Écho", change: 2.5, listed: true },
  { name: "alpha", change: null, listed: false },
  { name: "Delta", change: -4, listed: true },
  { name: "bravo", change: 10, listed: false },
];
const COLUMNS: DataColumn<Row>[] = [
  { label: "Projet", key: "name" },
  { label: "Écart (M€)", key: "change", format: (x) => (x === null ? "—" : String(x)) },
];
const names = (table: HTMLTableElement) => [...table.tBodies[0]!.rows].map((tr) => tr.cells[0]!.textContent);

describe("sortRows", () => {
  it("sorts numbers by value and text in French order, missing values last both ways", () => {
    expect(sortRows(ROWS, COLUMNS[1]!, "descending").map((r) => r.name)).toEqual(["bravo", "Écho", "Delta", "alpha"]);
    expect(sortRows(ROWS, COLUMNS[1]!, "ascending").map((r) => r.name)).toEqual(["Delta", "Écho", "bravo", "alpha"]);
    expect(sortRows(ROWS, COLUMNS[0]!, "ascending").map((r) => r.name)).toEqual(["alpha", "bravo", "Delta", "Écho"]);
  });
});

describe("sortableTable", () => {
  it("sorts on a header click, numbers largest first, then the other way, with aria-sort", () => {
    const table = sortableTable(ROWS, COLUMNS, { stack: true });
    const [nameHeader, changeHeader] = [...table.element.tHead!.rows[0]!.cells];
    expect(names(table.element)).toEqual(ROWS.map((r) => r.name));
    changeHeader!.querySelector("button")!.click();
    expect(changeHeader!.getAttribute("aria-sort")).toBe("descending");
    expect(names(table.element)).toEqual(["bravo", "Écho", "Delta", "alpha"]);
    expect(table.rows().map((r) => r.name)).toEqual(["bravo", "Écho", "Delta", "alpha"]);
    changeHeader!.querySelector("button")!.click();
    expect(changeHeader!.getAttribute("aria-sort")).toBe("ascending");
    expect(names(table.element)).toEqual(["Delta", "Écho", "bravo", "alpha"]);
    nameHeader!.querySelector("button")!.click();
    expect(nameHeader!.getAttribute("aria-sort")).toBe("ascending");
    expect(changeHeader!.hasAttribute("aria-sort")).toBe(false);
    expect(names(table.element)).toEqual(["alpha", "bravo", "Delta", "Écho"]);
    // stacked cells keep their column's label after a sort
    expect(table.element.classList.contains("stacked")).toBe(true);
    expect([...table.element.tBodies[0]!.rows[0]!.cells].map((td) => td.dataset.label)).toEqual(["Projet", "Écart (M€)"]);
  });
});

describe("explorerTable columns on demand", () => {
  const project = {
    edition: "2021-11",
    project_key: "p",
    name: "P",
    ministry: "Justice",
    ministry_published: null,
    interministerial: false,
    description: "Texte <b>brut</b>",
    start_date: null,
    duration_years: 26 / 12,
    figures_withheld: false,
    cost_meur: 12.5,
    functional_zone: "Justice",
    financing: "P166",
    phase: "Déploiement",
    cost_change_meur: 2.2,
    duration_change_years: null,
  } as ExplorerProject;

  it("adds description, zone and financing when asked, as text", () => {
    const table = explorerTable({ extras: [] });
    table.update([project]);
    const headers = () => [...table.element.querySelectorAll("thead button")].map((b) => (b as HTMLElement).dataset.key);
    expect(headers()).not.toContain("description");
    expect(headers()).toContain("cost_change_meur");
    table.setExtras(["description", "financing"]);
    expect(headers().slice(-2)).toEqual(["financing", "description"]);
    const cells = [...table.element.querySelectorAll("tbody td")] as HTMLElement[];
    expect(cells.at(-1)!.textContent).toBe("Texte <b>brut</b>");
    expect(cells.at(-1)!.querySelector("b")).toBeNull();
    expect(cells.find((td) => td.dataset.label === "Écart de coût (M€)")!.textContent).toBe("+2,2");
    expect(cells.find((td) => td.dataset.label === "Écart de durée (années)")!.textContent).toBe("—");
  });
});

describe("dataDetails for print", () => {
  it("opens every folded table when the page is printed, and folds them back after", () => {
    const details = dataDetails(ROWS, COLUMNS);
    document.body.append(details);
    expect(details.open).toBe(false);
    window.dispatchEvent(new Event("beforeprint"));
    expect(details.open).toBe(true);
    window.dispatchEvent(new Event("afterprint"));
    expect(details.open).toBe(false);
    details.remove();
  });
});
