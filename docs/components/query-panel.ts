// Under a build-time query's chart: « Voir les données » (its rows, downloadable as CSV or XLSX,
// like the explorer), « Voir la requête » (its SQL), and « Modifier la requête », which loads
// DuckDB-WASM only when clicked and runs the edited query in the page.
import { downloadButton } from "./download-button.js";
import { formatInt } from "./format.js";
import type { QueryRows } from "./query-results.js";
import { plural } from "./sentences.js";
import { explainError } from "./sql-errors.js";
import { sqlTable } from "./sql-table.js";
import { frenchSpacing } from "./typography.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

const lines = (n: number) => plural(n, "ligne");

/** A file name from a label: lowercase ASCII letters, digits and hyphens. */
export function fileSlug(label: string): string {
  return (
    label
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "resultat"
  );
}

/** CSV and XLSX buttons for the rows of a result (export.js, with its xlsx library, is loaded on click). */
export function downloadButtons(rows: QueryRows, name: string): HTMLElement {
  const columns = rows.query.columns.map((c) => ({ name: c.name, label: c.name }));
  const base = fileSlug(name);
  const what = rows.length === 1 ? "cette ligne" : `ces ${lines(rows.length)}`;
  const csv = downloadButton(
    `Télécharger ${what} (CSV)`,
    `${base}.csv`,
    async () => (await import("./export.js")).toCsv(rows, columns),
    "text/csv;charset=utf-8",
  );
  const xlsx = downloadButton(
    `Télécharger ${what} (XLSX)`,
    `${base}.xlsx`,
    async () => (await import("./export.js")).toXlsx(rows, columns, "Résultat") as Uint8Array<ArrayBuffer>,
    XLSX_TYPE,
  );
  return el("p", { className: "query-downloads" }, csv, " ", xlsx);
}

/** The result of a live query, or its error in French with DuckDB's message below. */
export function liveOutcome(outcome: { rows: QueryRows; truncated: boolean; milliseconds?: number } | { error: unknown }, caption: string): HTMLElement {
  if ("error" in outcome) {
    const message = String((outcome.error as Error)?.message ?? outcome.error);
    return el(
      "div",
      { className: "query-error" },
      el("p", { role: "alert" }, el("strong", {}, "La requête a échoué. "), explainError(message)),
      el("p", { className: "query-error-label" }, "Message de DuckDB :"),
      el("pre", {}, message),
    );
  }
  const { rows, truncated } = outcome;
  const out = el("div", { className: "query-result" });
  if (rows.query.columns.length === 0) {
    out.append(el("p", { role: "status" }, "La requête a été exécutée ; elle ne renvoie pas de tableau."));
    return out;
  }
  const summary = truncated
    ? frenchSpacing(
        `Plus de ${lines(rows.length)} : seules les ${formatInt(rows.length)} premières sont affichées. Ajoutez un filtre ou un LIMIT pour voir les suivantes.`,
      )
    : rows.length === 0
      ? "La requête ne renvoie aucune ligne."
      : `${lines(rows.length)}.`;
  out.append(el("p", { role: "status", className: truncated ? "query-limit" : "" }, summary));
  if (rows.length > 0) out.append(sqlTable(rows, { caption, limit: rows.length }), downloadButtons(rows, caption));
  return out;
}

/** The panel of a build-time query: `rows` comes from loadQueries (query-results.js). With `table: false` (the page already shows the rows), only the downloads. */
export function queryPanel(rows: QueryRows, { caption = rows.query.name, table = true }: { caption?: string; table?: boolean } = {}): HTMLElement {
  const panel = el("div", { className: "query-panel" });
  panel.dataset.query = rows.query.name;
  if (rows.length === 0) panel.append(el("p", { className: "query-empty" }, "Cette requête ne renvoie aucune ligne."));
  else if (!table) panel.append(downloadButtons(rows, caption));
  else {
    const data = el("details", { className: "data-details" }, el("summary", {}, `Voir les données (${lines(rows.length)})`));
    const scroll = el("div", { className: "data-details-scroll", tabIndex: 0 }, sqlTable(rows, { caption, limit: rows.length }));
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", caption);
    data.append(scroll, downloadButtons(rows, caption));
    panel.append(data);
  }
  const code = el("code", { className: "language-sql" }, rows.query.sql);
  panel.append(el("details", { className: "data-details query-sql" }, el("summary", {}, "Voir la requête"), el("pre", {}, code)));

  const edit = el("button", { type: "button", className: "query-edit" }, "Modifier la requête");
  const live = el("div", { className: "query-live", hidden: true });
  edit.addEventListener("click", () => openEditor(rows, caption, edit, live));
  panel.append(el("p", {}, edit), live);
  return panel;
}

async function openEditor(rows: QueryRows, caption: string, button: HTMLButtonElement, live: HTMLElement): Promise<void> {
  if (!live.hidden) {
    live.querySelector("textarea")?.focus();
    return;
  }
  button.disabled = true;
  const status = el(
    "p",
    { role: "status" },
    frenchSpacing("Chargement du moteur SQL (DuckDB-WASM, environ 35 Mo) : la première fois, cela prend quelques secondes…"),
  );
  live.hidden = false;
  live.replaceChildren(status);
  try {
    const { openEngine } = await import("./live-sql.js");
    const engine = await openEngine();
    const id = `query-${rows.query.name}-${Math.random().toString(36).slice(2, 8)}`;
    const textarea = el("textarea", { id, value: rows.query.sql, rows: Math.min(16, rows.query.sql.split("\n").length + 1), spellcheck: false });
    const run = el("button", { type: "button" }, "Exécuter");
    const output = el("div", { className: "query-live-output" });
    const execute = async () => {
      run.disabled = true;
      output.replaceChildren(el("p", { role: "status" }, "Exécution…"));
      const outcome = await engine.run(textarea.value).catch((error: unknown) => ({ error }));
      output.replaceChildren(liveOutcome(outcome, `${caption} (requête modifiée)`));
      run.disabled = false;
    };
    run.addEventListener("click", execute);
    textarea.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        execute();
      }
    });
    live.replaceChildren(
      el("label", { htmlFor: id }, "Requête SQL (exécutée dans votre navigateur, sur la base du panorama)"),
      textarea,
      el("p", {}, run, " ", el("span", { className: "query-hint" }, "ou Ctrl + Entrée")),
      output,
    );
    textarea.focus();
    await execute();
  } catch (error) {
    live.replaceChildren(liveOutcome({ error }, caption));
  } finally {
    button.disabled = false;
  }
}
