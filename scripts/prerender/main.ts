// Runs after the build (npm run build): draws the first chart of every analysis page (a page with
// its queries beside it, docs/<page>.json.sql) in Node and puts it in the built HTML, so that the
// reader sees it before any script has run. The live chart takes its place once drawn. A chart
// that needs the browser (an input the reader moves, live SQL…) is left to it, and said so.
//
// Usage: tsx scripts/prerender/main.ts [--docs docs] [--dist dist] [--timeout-ms 60000] (per page and width)
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { visibleText } from "../../loaders/errors.js";
import { prerenderPage } from "./page.js";

const QUERIES = ".json.sql";

async function* queryFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* queryFiles(path);
    else if (entry.name.endsWith(QUERIES)) yield path;
  }
}

/** The analysis pages of docs that the build wrote to dist: their path in the site and their HTML. */
export async function analysisPages(docs: string, dist: string): Promise<{ page: string; built: string }[]> {
  const pages = [];
  for await (const sql of queryFiles(docs)) {
    const name = relative(docs, sql).slice(0, -QUERIES.length).split("\\").join("/");
    const built = join(dist, `${name}.html`);
    if (existsSync(join(docs, `${name}.md`)) && existsSync(built)) pages.push({ page: `/${name}.md`, built });
  }
  return pages.sort((a, b) => a.page.localeCompare(b.page));
}

function buildNow(): number {
  const epoch = process.env.SOURCE_DATE_EPOCH?.trim();
  return epoch && /^\d{1,12}$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
}

async function main(): Promise<void> {
  const repo = fileURLToPath(new URL("../..", import.meta.url));
  const { values } = parseArgs({ options: { docs: { type: "string" }, dist: { type: "string" }, "timeout-ms": { type: "string", default: "60000" } } });
  const timeoutMs = Number(values["timeout-ms"]);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new Error(`--timeout-ms: expected a positive whole number of milliseconds, got ${values["timeout-ms"]}`);
  const docs = resolve(values.docs ?? join(repo, "docs"));
  const dist = resolve(values.dist ?? join(repo, "dist"));
  const pages = await analysisPages(docs, dist);
  let drawn = 0;
  for (const { page, built } of pages) {
    const outcome = await prerenderPage({ docs, page, built, now: buildNow(), timeoutMs }).catch((error: unknown) => ({
      drawn: false as const,
      reason: error instanceof Error ? error.message : String(error),
    }));
    if (outcome.drawn) ++drawn;
    else console.warn(`prerender: ${page.slice(0, -3)}: first chart drawn in the browser only (${visibleText(outcome.reason)})`);
  }
  console.log(`prerender: first chart drawn at build time in ${drawn} of ${pages.length} analysis page(s)`);
}

// Exits when done: a page's cell may have left a timer or a pending request behind.
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(`prerender: ${visibleText(error instanceof Error ? error.message : String(error))}`);
    process.exit(1);
  });
