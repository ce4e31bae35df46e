// Observable Framework 1.13 configuration: https://observablehq.com/framework/config
// The site is built offline: scripts/prepare-offline.js fills Framework's npm cache from
// node_modules, and the guard below makes any CDN or registry request fail the build.
import "./scripts/offline-guard.js";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDataset } from "./loaders/index.js";

const title = "Panorama des grands projets numériques de l’État";

// SOURCE_DATE_EPOCH (seconds) makes the footer date reproducible.
const buildDate = process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date();
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
  const isPage = (p: any) => typeof p?.name === "string" && typeof p?.path === "string" && p.path.startsWith("/");
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

export default {
  root: "docs",
  title,
  home: "Accueil",
  sidebar: true,
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
      for (const [key, p] of latest) {
        yield { path: `/projets/${key}`, title: p.name, text: [p.ministry, p.description].filter(Boolean).join(" — ") };
      }
    },
  },
  toc: { show: true, label: "Sur cette page" },
  typographer: true,
  quotes: ["«\u00A0", "\u00A0»", "‹\u00A0", "\u00A0›"],
  // Framework 1.13 has no `lang` option: the script sets it in preview (scripts/finalize-build.js
  // writes <html lang="fr"> and the shell's labels into the built pages). It also fixes, in preview
  // and build alike, as elements are parsed or drawn: the sidebar toggle's name (a checkbox with
  // only a title), the sidebar's close label (a <label> directly in an <ol>, a mouse-only duplicate
  // of the toggle), code blocks that scroll but take no keyboard focus, and Plot 0.6's mark groups
  // (<g aria-label>, not allowed without a role).
  // A module script: deferred, so it never holds up parsing (a classic one waits for style.css).
  head: `<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<script type="module">
document.documentElement.lang = "fr";
{
  const titled = "#observablehq-sidebar-toggle, label[for='observablehq-sidebar-toggle']";
  const retitle = (e) => {
    const match = /^Toggle sidebar(?: (.+))?$/.exec(e.title);
    if (match) e.title = "Afficher ou masquer le menu" + (match[1] ? " (" + match[1] + ")" : "");
  };
  const fixes = [
    ["#observablehq-sidebar-toggle:not([aria-label])", (e) => e.setAttribute("aria-label", "Afficher le menu")],
    [titled, retitle],
    ["#observablehq-sidebar-close:not([aria-hidden]), #observablehq-sidebar-backdrop:not([aria-hidden])", (e) => e.setAttribute("aria-hidden", "true")],
    ["#observablehq-search input:not([aria-label])", (e) => { e.placeholder = "Rechercher"; e.setAttribute("aria-label", "Rechercher dans le site"); }],
    ["#observablehq-main pre:not([tabindex])", (e) => (e.tabIndex = 0)],
    ["svg g[aria-label]:not([role])", (e) => e.setAttribute("role", "group")],
  ];
  const fix = (node) => {
    for (const [selector, apply] of fixes) {
      if (node.matches(selector)) apply(node);
      for (const e of node.querySelectorAll(selector)) apply(e);
    }
  };
  // Framework's client script retitles the toggle and its labels in English, with the shortcut.
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") {
        if (record.target.matches(titled)) retitle(record.target);
      } else for (const node of record.addedNodes) if (node.nodeType === 1) fix(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["title"] });
  fix(document.documentElement);
}
</script>`,
  footer:
    `Données : DINSIC/DINUM, <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte / Etalab</a>. ` +
    `Panorama est un projet libre. Site construit le <time datetime="${buildDate.toISOString().slice(0, 10)}">${buildDateLabel}</time>.`,
  // The default theme imports Source Serif from Google Fonts: style.css imports the same themes
  // without it, and with system font stacks.
  style: "style.css",
  globalStylesheets: [],
  // No extension self-hosting (extensions.duckdb.org is unreachable); pages read .duckdb files,
  // which DuckDB-WASM opens natively.
  duckdb: { extensions: { json: null, parquet: null } },
};
