import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// Static relative imports between TypeScript modules: the edition cache hashes the code an
// edition goes through, and a test checks that the graph has no cycle.

const IMPORT = /(?:^|[\s;}])(?:import|export)\s[^;"'`]*?from\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
const BLOCK_COMMENT = /\/\*[\s\S]*?\*\//g;
const LINE_COMMENT = /^\s*\/\/.*$/gm;

/** A specifier's file: `x.js` is the `x.ts` beside it when there is one (TypeScript's NodeNext convention). */
function resolveSpecifier(from: string, spec: string): string {
  const path = resolve(dirname(from), spec);
  const ts = path.replace(/\.js$/, ".ts");
  return ts !== path && existsSync(ts) ? ts : path;
}

/** The files a module imports (relative specifiers only). */
export function relativeImports(file: string, source: string): string[] {
  const code = source.replace(BLOCK_COMMENT, "").replace(LINE_COMMENT, "");
  const found = new Set<string>();
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2]!;
    found.add(resolveSpecifier(file, spec));
  }
  return [...found].sort();
}

export type ModuleGraph = Map<string, string[]>;

/** Every module reachable from the entries, with its imports. */
export function moduleGraph(entries: readonly string[], read: (file: string) => string = (f) => readFileSync(f, "utf8")): ModuleGraph {
  const graph: ModuleGraph = new Map();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (graph.has(file)) continue;
    const imports = relativeImports(file, read(file)).filter((f) => /\.(ts|js)$/.test(f) && existsSync(f));
    graph.set(file, imports);
    todo.push(...imports);
  }
  return graph;
}

/** One cycle per strongly connected group of modules (as a path that returns to its start), sorted. */
export function importCycles(graph: ModuleGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
