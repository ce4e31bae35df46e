// npm run new-page -- <slug> "<Titre>": creates docs/<slug>.md from templates/analyse.md, its
// queries docs/<slug>.json.sql from templates/analyse.json.sql (run at build time, see
// scripts/queries/), and adds the page to the sidebar (pages.json, section « Analyses
// complémentaires »). Run from the project root.
import { existsSync } from "node:fs";
import { readFile, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeAtomic } from "../loaders/index.js";

export const TEMPLATE = "templates/analyse.md";
export const QUERY_TEMPLATE = "templates/analyse.json.sql";
export const SIDEBAR = "pages.json";
export const SECTION = "Analyses complémentaires";
const MAX_TITLE = 120;

export interface SidebarPage {
  name: string;
  path: string;
}
export interface SidebarSection {
  name: string;
  pages: SidebarPage[];
}

export class NewPageError extends Error {}

/** Lowercase letters, digits and single hyphens inside: « projets-par-programme ». */
export function checkSlug(slug: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw new NewPageError(`"${slug}" is not a valid page name: use lowercase letters a-z, digits and hyphens (e.g. projets-par-programme).`);
  }
  if (slug === "index" || slug === "404") throw new NewPageError(`"${slug}" is reserved by Framework.`);
  return slug;
}

export function checkTitle(title: string): string {
  const t = title.trim();
  if (t === "") throw new NewPageError("the title is empty.");
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new NewPageError("the title must fit on one line.");
  if (t.length > MAX_TITLE) throw new NewPageError(`the title is longer than ${MAX_TITLE} characters.`);
  return t;
}

/** The title as Markdown text: HTML and Framework's `${…}` are escaped, Markdown punctuation is literal, French spaces before « : ; ! ? » do not break. */
export function markdownText(s: string): string {
  return s
    .replace(/([\\`*_[\]#|~])/g, "\\$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\$/g, "&#36;")
    .replace(/ ([:;!?»])/g, "\u00a0$1")
    .replace(/« /g, "«\u00a0");
}

/** The template with its title: `{{title}}` in the front matter (a YAML double-quoted string), `{{heading}}` in the text, `{{slug}}` (the page's name, for its query file). */
export function renderTemplate(template: string, title: string, slug = "page"): string {
  if (!template.includes("{{title}}") || !template.includes("{{heading}}")) {
    throw new NewPageError(`${TEMPLATE} must contain {{title}} (front matter) and {{heading}} (first heading).`);
  }
  return template
    .replaceAll("{{title}}", () => JSON.stringify(title))
    .replaceAll("{{heading}}", () => markdownText(title))
    .replaceAll("{{slug}}", () => slug);
}

export function parseSidebar(text: string): SidebarSection[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new NewPageError(`${SIDEBAR} is not valid JSON (${(err as Error).message}).`);
  }
  const isPage = (p: unknown) => typeof (p as SidebarPage)?.name === "string" && typeof (p as SidebarPage)?.path === "string";
  const ok = Array.isArray(json) && json.every((s) => typeof s?.name === "string" && Array.isArray(s.pages) && s.pages.every(isPage));
  if (!ok) throw new NewPageError(`${SIDEBAR} must be a list of sections: [{"name": "…", "pages": [{"name": "…", "path": "/…"}]}].`);
  return json as SidebarSection[];
}

/** The sidebar with the page appended to `section`, created after « Analyses » (or at the end) when missing. */
export function addToSidebar(sections: readonly SidebarSection[], page: SidebarPage, section = SECTION): SidebarSection[] {
  if (sections.some((s) => s.pages.some((p) => p.path === page.path))) {
    throw new NewPageError(`${page.path} is already in ${SIDEBAR}.`);
  }
  const out = sections.map((s) => ({ ...s, pages: [...s.pages] }));
  const existing = out.find((s) => s.name === section);
  if (existing) {
    existing.pages.push(page);
    return out;
  }
  const after = out.findIndex((s) => s.name === "Analyses");
  out.splice(after >= 0 ? after + 1 : out.length, 0, { name: section, pages: [page] });
  return out;
}

/** pages.json as written: one line per page, so that a diff shows the page added. */
export function formatSidebar(sections: readonly SidebarSection[]): string {
  const page = (p: SidebarPage) => `      { "name": ${JSON.stringify(p.name)}, "path": ${JSON.stringify(p.path)} }`;
  const section = (s: SidebarSection) => `  {\n    "name": ${JSON.stringify(s.name)},\n    "pages": [\n${s.pages.map(page).join(",\n")}\n    ]\n  }`;
  return `[\n${sections.map(section).join(",\n")}\n]\n`;
}

/** Creates docs/<slug>.md and docs/<slug>.json.sql and adds the page to pages.json; refuses to overwrite anything. Returns the page's path. */
export async function newPage(root: string, slug: string, rawTitle: string): Promise<string> {
  checkSlug(slug);
  const title = checkTitle(rawTitle);
  const page = join(root, "docs", `${slug}.md`);
  const queries = join(root, "docs", `${slug}.json.sql`);
  if (existsSync(page) || existsSync(join(root, "docs", slug, "index.md"))) {
    throw new NewPageError(`docs/${slug}.md already exists: choose another name.`);
  }
  if (existsSync(queries)) throw new NewPageError(`docs/${slug}.json.sql already exists: choose another name, or remove that file.`);
  const template = await readFile(join(root, TEMPLATE), "utf8");
  const queryTemplate = await readFile(join(root, QUERY_TEMPLATE), "utf8");
  const sidebarPath = join(root, SIDEBAR);
  const sections = addToSidebar(parseSidebar(await readFile(sidebarPath, "utf8")), { name: title, path: `/${slug}` });
  const written: string[] = [];
  try {
    for (const [file, text] of [
      [queries, queryTemplate.replaceAll("{{slug}}", () => slug)],
      [page, renderTemplate(template, title, slug)],
    ] as const) {
      await writeFile(file, text, { flag: "wx" });
      written.push(file);
    }
    await writeAtomic(sidebarPath, formatSidebar(sections));
  } catch (err) {
    for (const file of written) await unlink(file).catch(() => {});
    if ((err as NodeJS.ErrnoException).code === "EEXIST")
      throw new NewPageError(`${(err as NodeJS.ErrnoException).path ?? `docs/${slug}.md`} already exists: choose another name.`);
    throw err;
  }
  // A running `npm run dev` reloads its configuration when the config file's mtime changes.
  const config = join(root, "observablehq.config.ts");
  if (existsSync(config)) {
    const now = new Date();
    await utimes(config, now, now).catch(() => {});
  }
  return page;
}

async function main(args: string[]): Promise<number> {
  if (args.length !== 2) {
    console.error('Usage: npm run new-page -- <slug> "<Titre de la page>"   (slug: lowercase letters, digits, hyphens)');
    return 2;
  }
  try {
    const page = await newPage(process.cwd(), args[0]!, args[1]!);
    console.log(
      `created ${page.slice(process.cwd().length + 1)} and its queries docs/${args[0]}.json.sql, and added the page to ${SIDEBAR} (section « ${SECTION} »)`,
    );
    console.log(`preview: npm run dev, then open http://127.0.0.1:3000/${args[0]}`);
    return 0;
  } catch (err) {
    if (!(err instanceof NewPageError) && (err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    console.error(`new-page: error: ${(err as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
