import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addToSidebar,
  checkSlug,
  checkTitle,
  formatSidebar,
  markdownText,
  parseSidebar,
  renderTemplate,
  SECTION,
  type SidebarSection,
} from "../scripts/new-page.js";
import { parseQueries } from "../scripts/queries/queries.js";
import { removeDir, tempDir } from "./helpers.js";

const REPO = join(import.meta.dirname, "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");
const SCRIPT = join(REPO, "scripts", "new-page.ts");
const exec = promisify(execFile);

let root: string;
beforeEach(async () => {
  root = await tempDir("panorama-new-page-");
  await mkdir(join(root, "docs"));
  await mkdir(join(root, "templates"));
  await copyFile(join(REPO, "templates", "analyse.md"), join(root, "templates", "analyse.md"));
  await copyFile(join(REPO, "templates", "analyse.json.sql"), join(root, "templates", "analyse.json.sql"));
  await copyFile(join(REPO, "pages.json"), join(root, "pages.json"));
  await writeFile(join(root, "observablehq.config.ts"), "export default {};\n");
  const old = new Date("2020-01-01T00:00:00Z");
  await utimes(join(root, "observablehq.config.ts"), old, old);
});
afterEach(async () => {
  await removeDir(root);
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(TSX, [SCRIPT, ...args], { cwd: root });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

describe("npm run new-page", () => {
  it("creates the page from the template and appends it to « Analyses complémentaires »", async () => {
    const before = parseSidebar(await readFile(join(root, "pages.json"), "utf8"));
    const res = await run("projets-par-programme", "Projets par programme : le P129 & les autres");
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
    expect(res.out).toContain(
      "created docs/projets-par-programme.md and its queries docs/projets-par-programme.json.sql, and added the page to pages.json (section « Analyses complémentaires »)",
    );
    const page = await readFile(join(root, "docs", "projets-par-programme.md"), "utf8");
    expect(page.startsWith('---\ntitle: "Projets par programme : le P129 & les autres"\n---\n')).toBe(true);
    expect(page).toContain("\n# Projets par programme\u00a0: le P129 &amp; les autres\n");
    expect(page).not.toContain("{{");
    // No SQL block run in the browser: the page reads its build-time results.
    expect(page).not.toMatch(/```sql|^sql:/m);
    expect(page).toContain('const {parEdition} = await loadQueries(FileAttachment("projets-par-programme.json"));');
    expect(page).toContain("resize((width) => Plot.plot(");
    const queries = await readFile(join(root, "docs", "projets-par-programme.json.sql"), "utf8");
    expect(parseQueries(queries, "docs/projets-par-programme.json.sql").map((q) => q.name)).toEqual(["parEdition"]);
    expect(queries).toContain("Requêtes de la page projets-par-programme.md");
    const after = parseSidebar(await readFile(join(root, "pages.json"), "utf8"));
    const section = after.find((s) => s.name === SECTION)!;
    expect(section.pages.at(-1)).toEqual({ name: "Projets par programme : le P129 & les autres", path: "/projets-par-programme" });
    expect(after.filter((s) => s.name !== SECTION)).toEqual(before.filter((s) => s.name !== SECTION));
    expect((await stat(join(root, "observablehq.config.ts"))).mtime.getFullYear()).toBeGreaterThan(2020);
  });

  it("creates the section when it is missing, after « Analyses »", async () => {
    const sections: SidebarSection[] = [
      { name: "Analyses", pages: [{ name: "A", path: "/a" }] },
      { name: "Données", pages: [{ name: "D", path: "/d" }] },
    ];
    await writeFile(join(root, "pages.json"), formatSidebar(sections));
    expect((await run("nouvelle", "Nouvelle")).code).toBe(0);
    const after = parseSidebar(await readFile(join(root, "pages.json"), "utf8"));
    expect(after.map((s) => s.name)).toEqual(["Analyses", SECTION, "Données"]);
    expect(after[1]!.pages).toEqual([{ name: "Nouvelle", path: "/nouvelle" }]);
  });

  it.each([
    [["Bad_Slug", "Titre"], 1, /"Bad_Slug" is not a valid page name: use lowercase letters a-z, digits and hyphens/],
    [["../etc", "Titre"], 1, /not a valid page name/],
    [["index", "Titre"], 1, /reserved by Framework/],
    [["ok", "   "], 1, /the title is empty/],
    [["ok", "deux\nlignes"], 1, /the title must fit on one line/],
    [["seul"], 2, /Usage: npm run new-page -- <slug> "<Titre de la page>"/],
  ])("refuses %j (exit %i) and writes nothing", async (args, code, message) => {
    const sidebar = await readFile(join(root, "pages.json"), "utf8");
    const res = await run(...args);
    expect(res.code).toBe(code);
    expect(res.err).toMatch(message);
    expect(await readFile(join(root, "pages.json"), "utf8")).toBe(sidebar);
    expect(existsSync(join(root, "docs", "ok.md"))).toBe(false);
  });

  it.each([
    [
      "an existing page",
      async () => writeFile(join(root, "docs", "derives.md"), "# Dérives\n"),
      "derives",
      /docs\/derives\.md already exists: choose another name/,
    ],
    [
      "an existing folder page",
      async () => {
        await mkdir(join(root, "docs", "projets"));
        await writeFile(join(root, "docs", "projets", "index.md"), "# P\n");
      },
      "projets",
      /docs\/projets\.md already exists/,
    ],
    ["a path already in the sidebar", async () => {}, "guide", /\/guide is already in pages\.json/],
    [
      "an existing query file",
      async () => writeFile(join(root, "docs", "nouvelle.json.sql"), "-- name: a\nSELECT 1\n"),
      "nouvelle",
      /docs\/nouvelle\.json\.sql already exists/,
    ],
  ])("never overwrites %s", async (_name, prepare, slug, message) => {
    await prepare();
    const files = existsSync(join(root, "docs", `${slug}.md`)) ? await readFile(join(root, "docs", `${slug}.md`), "utf8") : null;
    const res = await run(slug, "Titre");
    expect(res.code).toBe(1);
    expect(res.err).toMatch(message);
    expect(existsSync(join(root, "docs", `${slug}.md`)) ? await readFile(join(root, "docs", `${slug}.md`), "utf8") : null).toBe(files);
  });

  it("reports a broken pages.json and creates no page", async () => {
    await writeFile(join(root, "pages.json"), '[{"name": "A"}]');
    const res = await run("nouvelle", "Nouvelle");
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/pages\.json must be a list of sections/);
    expect(existsSync(join(root, "docs", "nouvelle.md"))).toBe(false);
  });
});

describe("new-page helpers", () => {
  it.each([["a"], ["projets-par-programme"], ["p129"], ["2021-11"]])("accepts the slug %s", (slug) => {
    expect(checkSlug(slug)).toBe(slug);
  });
  it.each([[""], ["-a"], ["a-"], ["a--b"], ["É"], ["a b"], ["a/b"], ["A"], ["a.md"]])("refuses the slug %j", (slug) => {
    expect(() => checkSlug(slug)).toThrow(/not a valid page name/);
  });
  it("trims titles and limits their length", () => {
    expect(checkTitle("  Titre  ")).toBe("Titre");
    expect(() => checkTitle("x".repeat(121))).toThrow(/longer than 120/);
  });
  it.each([
    ["Coûts <b>totaux</b>", "Coûts &lt;b&gt;totaux&lt;/b&gt;"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a title that looks like an inline expression.
    ["Budget ${1+1} M€", "Budget &#36;{1+1} M€"],
    ["*P129* _et_ [P302] # `x`", "\\*P129\\* \\_et\\_ \\[P302\\] \\# \\`x\\`"],
    ["L’État & ses projets", "L’État &amp; ses projets"],
    ["Pourquoi ? « Coûts » : bilan !", "Pourquoi\u00a0? «\u00a0Coûts\u00a0»\u00a0: bilan\u00a0!"],
  ])("markdownText(%j)", (title, text) => {
    expect(markdownText(title)).toBe(text);
  });
  it("puts the title in the front matter as a quoted YAML string", () => {
    expect(renderTemplate("---\ntitle: {{title}}\n---\n# {{heading}}\n", 'Dit "oui" : 100 %')).toBe(
      '---\ntitle: "Dit \\"oui\\" : 100 %"\n---\n# Dit "oui"\u00a0: 100 %\n',
    );
    expect(() => renderTemplate("# {{heading}}", "x")).toThrow(/must contain \{\{title\}\}/);
  });
  it("formats pages.json one page per line, and reads it back", () => {
    const sections: SidebarSection[] = [
      {
        name: "Données",
        pages: [
          { name: "Guide de l’analyste", path: "/guide" },
          { name: "Atelier", path: "/atelier" },
        ],
      },
    ];
    expect(formatSidebar(sections)).toBe(
      '[\n  {\n    "name": "Données",\n    "pages": [\n      { "name": "Guide de l’analyste", "path": "/guide" },\n      { "name": "Atelier", "path": "/atelier" }\n    ]\n  }\n]\n',
    );
    expect(parseSidebar(formatSidebar(sections))).toEqual(sections);
    expect(addToSidebar(sections, { name: "X", path: "/x" }).map((s) => s.name)).toEqual(["Données", SECTION]);
  });
  it("the project's pages.json is valid and lists the example analysis and the guide", async () => {
    const sections = parseSidebar(await readFile(join(REPO, "pages.json"), "utf8"));
    const paths = sections.flatMap((s) => s.pages.map((p) => p.path));
    expect(paths).toEqual(expect.arrayContaining(["/interministeriels", "/guide"]));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
