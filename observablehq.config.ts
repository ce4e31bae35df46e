// Observable Framework 1.13 configuration: https://observablehq.com/framework/config
// The site is built offline: scripts/prepare-offline.js fills Framework's npm cache from
// node_modules, and the guard below makes any CDN or registry request fail the build.
import "./scripts/offline-guard.js";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setCurrentDate } from "@observablehq/framework/dist/config.js";
import { transformSync } from "esbuild";
import { foldText, foldWords } from "./docs/components/labels.js";
import { loadDataset } from "./loaders/index.js";
import { frenchSpacing } from "./docs/components/typography.js";

const title = "Panorama des grands projets numériques de l’État";

// SOURCE_DATE_EPOCH (seconds since 1970, UTC) makes the footer date reproducible.
function sourceDate(value: string | undefined): Date {
  if (value === undefined || value.trim() === "") return new Date();
  const seconds = /^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
    throw new Error(
      `observablehq.config.ts: SOURCE_DATE_EPOCH=${JSON.stringify(value)} is not a number of seconds since 1970-01-01 (e.g. 1700000000); unset it to use today's date.`,
    );
  }
  return date;
}
const buildDate = sourceDate(process.env.SOURCE_DATE_EPOCH);
// A build with SOURCE_DATE_EPOCH gives every file that date (FileAttachment#lastModified, and the
// module hashes that depend on it): the same sources give the same dist/. Not in preview, which
// watches files by their dates.
if (process.env.SOURCE_DATE_EPOCH?.trim() && process.argv.includes("build")) setCurrentDate(buildDate);
const buildDateLabel = buildDate.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

type Page = { name: string; path: string };
type Section = { name: string; pages: Page[] };

// Chapters are written in parallel: the sidebar lists those that exist (Framework 1.13 fails the
// build on a listed page that has no file) and says which are still missing.
const docs = fileURLToPath(new URL("./docs/", import.meta.url));
const exists = ({ path }: Page) => existsSync(`${docs}${path}.md`) || existsSync(`${docs}${path}/index.md`);
// The sidebar's sections and pages are in pages.json (`npm run new-page` appends to it).
function readSidebar(): Section[] {
  const file = fileURLToPath(new URL("./pages.json", import.meta.url));
  const specs: unknown = JSON.parse(readFileSync(file, "utf8"));
  const isPage = (p: { name?: unknown; path?: unknown } | null) => typeof p?.name === "string" && typeof p?.path === "string" && p.path.startsWith("/");
  if (!Array.isArray(specs) || !specs.every((s) => typeof s?.name === "string" && Array.isArray(s.pages) && s.pages.every(isPage))) {
    throw new Error(`${file}: expected [{"name": "Section", "pages": [{"name": "Page", "path": "/page"}]}]`);
  }
  return specs as Section[];
}

function sections(specs: Section[]): Section[] {
  const missing = specs.flatMap((s) => s.pages.filter((p) => !exists(p)).map((p) => p.path));
  if (missing.length) console.warn(`observablehq.config.ts: pages not written yet, left out of the sidebar: ${missing.join(", ")}`);
  return specs.map((s) => ({ ...s, pages: s.pages.filter(exists) })).filter((s) => s.pages.length > 0);
}

const SHELL_FIXES = new URL("./docs/components/shell-fixes.ts", import.meta.url);
const TYPOGRAPHY = new URL("./docs/components/typography.ts", import.meta.url);

type Token = { type: string; content: string; children: Token[] | null };
type MarkdownIt = { core: { ruler: { push(name: string, rule: (state: { tokens: Token[] }) => void): void } } };

// French spacing in the Markdown's prose at build time (after the typographer's « » quotes); code,
// HTML blocks and ${…} expressions are left to typesetPage in the browser.
function frenchMarkdown(md: MarkdownIt): MarkdownIt {
  md.core.ruler.push("french_spacing", (state) => {
    for (const token of state.tokens) {
      for (const child of token.type === "inline" ? (token.children ?? []) : []) {
        if (child.type === "text") child.content = frenchSpacing(child.content);
      }
    }
  });
  return md;
}

// A TypeScript file compiled to an inline module script (deferred: it never holds up parsing, where
// a classic script would wait for style.css), followed by `call`.
function inlineModule(file: URL, call: string): string {
  const { code } = transformSync(readFileSync(file, "utf8"), { loader: "ts", format: "esm", target: "es2022" });
  if (/<\/script/i.test(code)) throw new Error(`${fileURLToPath(file)}: "</script" cannot be inlined in a <script>`);
  return `<script type="module">\n${code}${call}\n</script>`;
}

// The folder the site is served from (PANORAMA_BASE_PATH, e.g. "/panorama" for a GitHub project
// site): only the 404 page, served at any depth, needs it; every other link is relative.
const base = `/${(process.env.PANORAMA_BASE_PATH ?? "").split("/").filter(Boolean).map(encodeURIComponent).join("/")}/`.replace(/\/+$/, "/");

export default {
  root: "docs",
  base,
  title,
  home: "Accueil",
  sidebar: true,
  // Links name their file (ministeres.html, projets/archipel.html): any static server finds them
  // without rewrite rules.
  preserveExtension: true,
  pages: sections(readSidebar()),
  // One page per project (docs/projets/[key].md), for every key in the data.
  async *dynamicPaths() {
    const keys = new Set((await loadDataset()).projects.map((p) => p.project_key));
    for (const key of [...keys].sort()) yield `/projets/${key}`;
  },
  // Project pages render their text in the browser: index each one by its latest name, ministry and description.
  search: {
    async *index() {
      const latest = new Map<string, { name: string; ministry: string | null; description: string | null }>();
      for (const p of (await loadDataset()).projects) latest.set(p.project_key, p);
      // Framework folds accents out of queries and page text, not out of these entries: fold them
      // here, so that « securite » finds « Sécurité » and the other way round.
      for (const [key, p] of latest) {
        const text = [p.ministry, p.description].filter(Boolean).join(" ");
        yield { path: `/projets/${key}`, title: p.name, text: foldWords(text), keywords: `${foldWords(p.name)} ${foldText(p.name)}` };
      }
    },
  },
  toc: { show: true, label: "Sur cette page" },
  typographer: true,
  quotes: ["«\u202F", "\u202F»", "‹\u202F", "\u202F›"],
  markdownIt: frenchMarkdown,
  // Framework 1.13 has no `lang` option and writes some of its shell in English: the shell fixes
  // (docs/components/shell-fixes.ts) run in preview and build alike.
  head: `<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">\n${inlineModule(SHELL_FIXES, "fixShell(document);")}\n${inlineModule(TYPOGRAPHY, "typesetPage(document);")}`,
  footer:
    `Données : DINSIC/DINUM, <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte / Etalab</a>. ` +
    `Panorama est un projet libre. <a href="/accessibilite">Accessibilité : non conforme</a>. Site construit le <time datetime="${buildDate.toISOString().slice(0, 10)}">${buildDateLabel}</time>.`,
  // The default theme imports Source Serif from Google Fonts: style.css imports the same themes
  // without it, and with system font stacks.
  style: "style.css",
  globalStylesheets: [],
  // Analysis pages' queries: docs/<page>.json.sql is run at build time into <page>.json (scripts/queries/).
  interpreters: {
    ".sql": [process.execPath, fileURLToPath(import.meta.resolve("tsx/cli")), fileURLToPath(new URL("./scripts/queries/run.ts", import.meta.url))],
  },
  // No extension self-hosting (extensions.duckdb.org is unreachable); pages read .duckdb files,
  // which DuckDB-WASM opens natively.
  duckdb: { extensions: { json: null, parquet: null } },
};
