// A built site (dist/): its pages, their kinds and site paths, and the data files they reference.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { isPage, listFiles } from "../dist-files.js";

/** Paths under _file/data/ that a built page references (Framework's registerFile entries, links). */
export function dataFileRefs(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/_file\/(data\/[^"'`\s)?#]+)/g)) out.add(m[1]!);
  return [...out].sort();
}

export function gzipSize(bytes: Uint8Array | string): number {
  return gzipSync(bytes).length;
}

export type PageKind = "narrative" | "explorer" | "analyst" | "reference";

/** Pages that may load DuckDB-WASM: the SQL workshop, the analyst's guide, and the pages analysts add
 * with `npm run new-page` (pages.json section « Analyses complémentaires », SQL over panorama.duckdb). */
export const ANALYST_PAGES = ["/atelier", "/guide"] as const;
export const ANALYST_SECTION = "Analyses complémentaires";
export const EXPLORER_PAGE = "/projets";
/** The example analysis page (docs/interministeriels.md, from templates/analyse.md). */
export const ANALYSIS_PAGE = "/interministeriels";

/** Analyst pages: the fixed ones and those of the sidebar's analyst section (pages.json content). */
export function analystPaths(sidebar: unknown): Set<string> {
  const out = new Set<string>(ANALYST_PAGES);
  if (!Array.isArray(sidebar)) return out;
  for (const section of sidebar as { name?: unknown; pages?: { path?: unknown }[] }[]) {
    if (section?.name !== ANALYST_SECTION || !Array.isArray(section.pages)) continue;
    for (const page of section.pages) if (typeof page?.path === "string") out.add(page.path);
  }
  return out;
}

/** Every page is narrative except the explorer (its own target) and analyst pages. */
export function pageKind(path: string, analyst: ReadonlySet<string> = new Set(ANALYST_PAGES)): PageKind {
  if (analyst.has(path)) return "analyst";
  if (path === EXPLORER_PAGE) return "explorer";
  return "narrative";
}

/** Site path of a built HTML file relative to dist/: index.html → /, projets/index.html → /projets, zones.html → /zones. */
export function sitePath(relativeHtml: string): string {
  const clean = relativeHtml
    .split(sep)
    .join("/")
    .replace(/\.html$/, "");
  if (clean === "index") return "/";
  return `/${clean.replace(/\/index$/, "")}`;
}

/** The file of a site path in dist/, relative to it; null when the page was not built. */
export function builtPage(dist: string, path: string): string | null {
  const base = path === "/" ? "index" : path.slice(1);
  for (const candidate of [`${base}.html`, `${base}/index.html`]) if (existsSync(join(dist, candidate))) return candidate;
  return null;
}

/** The files under _file/data/: sizes, the crawled pages that loaded them, the built pages that reference them. */
export async function dataFiles(dist: string, crawl: { path: string; kind: PageKind; dataFiles: string[] }[]) {
  const dir = join(dist, "_file", "data");
  const html = (await listFiles(dist)).filter((f) => isPage(dist, f));
  const referencedBy = new Map<string, Set<string>>();
  for (const file of html) {
    for (const ref of dataFileRefs(await readFile(file, "utf8"))) {
      if (!referencedBy.has(ref)) referencedBy.set(ref, new Set());
      referencedBy.get(ref)!.add(sitePath(relative(dist, file)));
    }
  }
  if (!existsSync(dir)) return [];
  const out = [];
  for (const file of (await listFiles(dir)).sort()) {
    const rel = relative(join(dist, "_file"), file).split(sep).join("/");
    const bytes = await readFile(file);
    const loadedBy = crawl.filter((c) => c.dataFiles.includes(rel));
    const pagesReferencing = [...(referencedBy.get(rel) ?? [])].sort();
    out.push({
      path: rel,
      bytes: bytes.length,
      gzipBytes: gzipSize(bytes),
      loadedBy: loadedBy.map((c) => c.path),
      loadedByReaderPage: loadedBy.some((c) => c.kind === "narrative" || c.kind === "explorer"),
      referencedBy: pagesReferencing.length > 20 ? [...pagesReferencing.slice(0, 20), `… ${pagesReferencing.length - 20} more`] : pagesReferencing,
      referencedByPages: pagesReferencing.length,
    });
  }
  return out;
}
