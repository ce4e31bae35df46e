// The layout of loaders/ as ARCHITECTURE.md describes it: no import cycle anywhere, stages that
// depend only on the stages below them and only through their index.ts, and no printing outside
// the command line and the site's data loaders.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, moduleGraph, relativeImports } from "../loaders/build/module-graph.js";

const REPO = join(import.meta.dirname, "..");
const LOADERS = join(REPO, "loaders");
// Highest first: a stage may import the stages after it, never those before it.
const STAGES = ["cli", "site", "report", "output", "build", "normalize", "read", "sources"] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${sep}node_modules${sep}`) && !f.includes(`${sep}.observablehq${sep}`))
    .sort();
}

const rel = (f: string) => relative(REPO, f);
const stageOf = (file: string): string | null => {
  const parts = relative(LOADERS, file).split(sep);
  return parts.length > 1 ? parts[0]! : null;
};
const rank = (stage: string | null) => (stage === null ? STAGES.length : STAGES.indexOf(stage as (typeof STAGES)[number]));

describe("module graph", () => {
  it("reads static, type-only, side-effect and dynamic imports, not commented ones", () => {
    const source = [
      'import { a } from "./a.js";',
      'import type { B } from "../b.js";',
      "import {\n  c,\n  d,\n} from './c.js';",
      'export * from "./e.js";',
      'import "./f.js";',
      'const g = await import("./g.js");',
      '// import { h } from "./h.js";',
      'import { readFile } from "node:fs";',
    ].join("\n");
    expect(relativeImports("/x/y/m.ts", source)).toEqual(["/x/b.js", "/x/y/a.js", "/x/y/c.js", "/x/y/e.js", "/x/y/f.js", "/x/y/g.js"]);
  });

  it("finds a cycle and only real ones", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(importCycles(graph)).toEqual([["a", "b", "c", "a"]]);
    expect(
      importCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });
});

describe("the project's modules", () => {
  const roots = ["loaders", "scripts", "docs/components", "docs/data", "bin"].flatMap((d) => sourceFiles(join(REPO, d)));
  const graph = moduleGraph(roots);

  it("import one another without a cycle", () => {
    expect(importCycles(graph).map((cycle) => cycle.map(rel).join(" → "))).toEqual([]);
  });

  it("each stage of loaders/ imports only the stages below it, through their index.ts", () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith(LOADERS + sep) || file === join(LOADERS, "index.ts")) continue;
      const from = stageOf(file);
      for (const target of imports) {
        if (!target.startsWith(LOADERS + sep)) {
          if (!target.startsWith(join(REPO, "docs", "components"))) wrong.push(`${rel(file)} → ${rel(target)}: outside loaders/`);
          continue;
        }
        const to = stageOf(target);
        if (to === from) continue;
        if (target === join(LOADERS, "index.ts")) wrong.push(`${rel(file)} → loaders/index.ts: the public API is for pages and scripts`);
        else if (rank(to) <= rank(from)) wrong.push(`${rel(file)} → ${rel(target)}: ${to ?? "root"} is not below ${from ?? "root"}`);
        else if (to !== null && !target.endsWith(`${sep}index.ts`)) wrong.push(`${rel(file)} → ${rel(target)}: not through ${to}/index.ts`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("library modules print nothing: only the command line and the site's data loaders do", () => {
    const printing = sourceFiles(LOADERS)
      .filter((f) => !["cli", "site"].includes(stageOf(f) ?? ""))
      .filter((f) => /\bconsole\.|process\.(stdout|stderr)\b/.test(readFileSync(f, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")));
    expect(printing.map(rel)).toEqual([]);
  });
});
