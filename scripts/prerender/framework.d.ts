// The parts of Framework 1.13 (pinned in package.json) that read a page's cells as its build does:
// the same Markdown parser (cell ids are hashes of their source) and the same transpiler.
declare module "@observablehq/framework/dist/markdown.js" {
  export interface MarkdownCode {
    id: string;
    mode: "block" | "inline" | "jsx";
    node: unknown;
  }
  export function createMarkdownIt(options?: Record<string, unknown>): unknown;
  export function parseMarkdown(input: string, options: { md: unknown; path: string }): { code: MarkdownCode[] };
}
declare module "@observablehq/framework/dist/javascript/transpile.js" {
  export function transpileJavaScript(
    node: unknown,
    options: { id: string; path: string; mode?: string; resolveImport?: (specifier: string) => string },
  ): string;
}
