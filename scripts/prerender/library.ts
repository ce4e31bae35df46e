// Framework's library as a page's cells see it, in Node at build time: Plot, d3, htl and Inputs from
// node_modules, the page's files as built (dist/_file/…), and one chart width.
import { readFile } from "node:fs/promises";
import type { Library } from "./runtime.js";

export interface BuiltFile {
  /** absolute path of the file in dist */
  path: string;
  mimeType?: string;
}

// The page's files as its built HTML registers them: registerFile("./x.json", {…,"path":"./_file/x.1234abcd.json",…}).
const REGISTER_FILE = /registerFile\(("(?:[^"\\]|\\.)*"), (\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\})\)/g;

/** name → the path relative to the page, as written in the built page. */
export function registeredFiles(html: string): Map<string, { path: string; mimeType?: string }> {
  const files = new Map<string, { path: string; mimeType?: string }>();
  for (const [, name, info] of html.matchAll(REGISTER_FILE)) {
    const parsed = JSON.parse(info!) as { path?: unknown; mimeType?: unknown };
    if (typeof parsed.path !== "string") continue;
    files.set(JSON.parse(name!) as string, { path: parsed.path, ...(typeof parsed.mimeType === "string" ? { mimeType: parsed.mimeType } : {}) });
  }
  return files;
}

// Untyped on purpose: these are the page's libraries, handed to its cells as they are.
const load = (specifier: string): Promise<Record<string, unknown>> => import(specifier);

type Dsv = { parse(text: string, row?: unknown): unknown };

function attachment(name: string, file: BuiltFile) {
  const text = () => readFile(file.path, "utf-8");
  const dsv = async (delimiter: string, typed: unknown) => {
    const { dsvFormat, autoType } = (await load("d3-dsv")) as { dsvFormat: (delimiter: string) => Dsv; autoType: unknown };
    return dsvFormat(delimiter).parse(await text(), typed ? autoType : undefined);
  };
  return {
    name,
    mimeType: file.mimeType,
    href: file.path,
    url: async () => file.path,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      const bytes = await readFile(file.path);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
    csv: ({ typed = false } = {}) => dsv(",", typed),
    tsv: ({ typed = false } = {}) => dsv("\t", typed),
  };
}

export function nodeLibrary(options: { width: number; files: ReadonlyMap<string, BuiltFile>; now: number }): Library {
  const { width, files, now } = options;
  return {
    Plot: () => load("@observablehq/plot"),
    d3: () => load("d3"),
    htl: () => load("htl"),
    html: async () => (await load("htl")).html,
    svg: async () => (await load("htl")).svg,
    Inputs: () => load("@observablehq/inputs"),
    FileAttachment: () => (name: string) => {
      const file = files.get(name);
      if (!file) throw new Error(`FileAttachment(${JSON.stringify(name)}): no such file in the built page`);
      return attachment(name, file);
    },
    resize: () => (render: (width: number) => unknown) => render(width),
    width: () => width,
    dark: () => false,
    now: () => now,
    visibility: () => () => Promise.resolve(),
  };
}
