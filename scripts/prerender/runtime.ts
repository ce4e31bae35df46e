// Just enough of Framework's runtime to draw a page's first chart in Node: cells run in document
// order, each variable is computed once from the cell that declares it, and the first value a cell
// displays that holds an <svg> is the chart. What only a browser has (inputs the reader moves,
// DuckDB-WASM…) makes the cell fail, and the page then draws that chart in the browser only.

export interface CellDefinition {
  id: string;
  inputs?: string[];
  outputs?: string[];
  body: (...args: unknown[]) => unknown;
}

/** Values known before any cell runs (Framework's library: Plot, FileAttachment, width…), each made on first use. */
export type Library = Record<string, () => unknown>;

export type ChartResult = { id: string; chart: Element; failures: string[] } | { id: null; chart: null; failures: string[] };

// A cell is never invalidated here: the page is drawn once.
const NEVER = new Promise<void>(() => {});

interface CellRun {
  exports: Record<string, unknown>;
  displayed: unknown[];
}

function isGenerator(value: unknown): value is Iterator<unknown> | AsyncIterator<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Iterator<unknown>).next === "function" &&
    (Symbol.iterator in value || Symbol.asyncIterator in value)
  );
}

// A generator's value is its first one, as the runtime shows before anything changes.
async function settle(value: unknown): Promise<unknown> {
  const v = await value;
  return isGenerator(v) ? (await v.next()).value : v;
}

/** The element a displayed value stands for as a chart, or null. */
export function chartOf(value: unknown): Element | null {
  if (typeof value !== "object" || value === null || !("querySelector" in value)) return null;
  const element = value as Element;
  if (element.localName === "svg") return element;
  return element.querySelector("svg") ? element : null;
}

export async function firstChart(cells: readonly CellDefinition[], library: Library): Promise<ChartResult> {
  const declaring = new Map<string, CellDefinition>();
  for (const cell of cells) for (const name of cell.outputs ?? []) declaring.set(name, cell);
  const runs = new Map<string, Promise<CellRun>>();
  const builtins = new Map<string, Promise<unknown>>();

  // Boxed: a value may itself be a promise that never settles (invalidation).
  const value = async (name: string): Promise<{ value: unknown }> => {
    if (name === "invalidation") return { value: NEVER };
    const cell = declaring.get(name);
    if (cell) return { value: await settle((await run(cell)).exports[name]) };
    const make = library[name];
    if (!make) throw new ReferenceError(`${name} is not defined`);
    if (!builtins.has(name)) builtins.set(name, settle(make()));
    return { value: await builtins.get(name) };
  };

  const run = (cell: CellDefinition): Promise<CellRun> => {
    let pending = runs.get(cell.id);
    if (!pending) {
      pending = (async () => {
        const displayed: unknown[] = [];
        const display = (v: unknown) => {
          displayed.push(v);
          return v;
        };
        const view = (v: unknown) => {
          display(v);
          return (v as { value?: unknown } | null)?.value;
        };
        const boxes = await Promise.all(
          (cell.inputs ?? []).map((name) => (name === "display" ? { value: display } : name === "view" ? { value: view } : value(name))),
        );
        const args = boxes.map((box) => box.value);
        const exports = (await cell.body(...args)) as Record<string, unknown> | undefined;
        return { exports: exports ?? {}, displayed };
      })();
      runs.set(cell.id, pending);
    }
    return pending;
  };

  const failures: string[] = [];
  for (const cell of cells) {
    if (!cell.inputs?.includes("display") && !cell.inputs?.includes("view")) continue;
    try {
      const { displayed } = await run(cell);
      for (const v of displayed) {
        const chart = chartOf(await v);
        if (chart) return { id: cell.id, chart, failures };
      }
    } catch (error) {
      failures.push(`${cell.id}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
  return { id: null, chart: null, failures };
}
