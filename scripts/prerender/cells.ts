// A page's JavaScript cells, read and transpiled by Framework's own parser and transpiler, as one
// module that defines them: `export default (define) => { define({id, inputs, outputs, body}); … }`.
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createMarkdownIt, parseMarkdown } from "@observablehq/framework/dist/markdown.js";
import { transpileJavaScript } from "@observablehq/framework/dist/javascript/transpile.js";

/** How a cell's import is found in Node: local modules by file URL (tsx maps .js to .ts), packages unchanged. */
export function nodeImport(docs: string, page: string, specifier: string): string {
  if (specifier.startsWith("/")) return pathToFileURL(join(docs, specifier)).href;
  if (specifier.startsWith("./") || specifier.startsWith("../")) return pathToFileURL(resolve(docs, dirname(page.slice(1)), specifier)).href;
  return specifier;
}

/** `page` is the page's path in the site, with its extension: "/interministeriels.md". */
export function cellsModule(markdown: string, docs: string, page: string): { module: string; ids: string[] } {
  const { code } = parseMarkdown(markdown, { md: createMarkdownIt(), path: page });
  const blocks = code.filter((c) => c.mode === "block");
  const defines = blocks.map((c) => transpileJavaScript(c.node, { id: c.id, path: page, resolveImport: (s) => nodeImport(docs, page, s) }));
  return { module: `export default (define) => {\n${defines.join("\n")}\n};\n`, ids: blocks.map((c) => c.id) };
}
