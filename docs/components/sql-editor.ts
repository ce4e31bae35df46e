// The Atelier's editor: a query box, « Exécuter », the result in French formats (or the error
// explained in French), the query kept in the page's address (`?sql=…`) so that it can be shared.
import type { Engine } from "./live-sql.js";
import { liveOutcome } from "./query-panel.js";

export const URL_PARAM = "sql";

/** The query in an address's search part, or null. */
export function queryFromSearch(search: string): string | null {
  const sql = new URLSearchParams(search).get(URL_PARAM);
  return sql && sql.trim() !== "" ? sql : null;
}

/** The search part that keeps `sql`, other parameters unchanged. */
export function searchWithQuery(search: string, sql: string): string {
  const params = new URLSearchParams(search);
  params.set(URL_PARAM, sql);
  return `?${params.toString()}`;
}

export interface SqlEditor {
  element: HTMLElement;
  /** Puts `sql` in the box, runs it and brings the editor into view. */
  open(sql: string): Promise<void>;
  run(): Promise<void>;
}

export function sqlEditor(engine: Engine, { initial, caption = "Résultat de votre requête" }: { initial: string; caption?: string }): SqlEditor {
  const element = document.createElement("div");
  element.className = "sql-editor";
  const label = document.createElement("label");
  label.htmlFor = "sql-editor-box";
  label.textContent = "Requête SQL";
  const box = document.createElement("textarea");
  box.id = "sql-editor-box";
  box.rows = 8;
  box.spellcheck = false;
  box.value = initial;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Exécuter";
  const hint = document.createElement("span");
  hint.className = "query-hint";
  hint.textContent = " ou Ctrl + Entrée ; l’adresse de la page garde la requête, pour la partager.";
  const actions = document.createElement("p");
  actions.append(button, hint);
  const output = document.createElement("div");
  output.setAttribute("aria-live", "polite");
  element.append(label, box, actions, output);

  const run = async () => {
    const sql = box.value;
    button.disabled = true;
    const status = document.createElement("p");
    status.textContent = "Exécution…";
    output.replaceChildren(status);
    try {
      history.replaceState(history.state, "", `${searchWithQuery(location.search, sql)}${location.hash}`);
    } catch {
      // An address too long for the browser: the query still runs.
    }
    const outcome = await engine.run(sql).catch((error: unknown) => ({ error }));
    output.replaceChildren(liveOutcome(outcome, caption));
    button.disabled = false;
  };
  button.addEventListener("click", run);
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  return {
    element,
    run,
    async open(sql: string) {
      box.value = sql;
      element.scrollIntoView({ block: "start" });
      box.focus({ preventScroll: true });
      await run();
    },
  };
}
