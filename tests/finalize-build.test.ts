import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO } from "./e2e/fixture-site.js";

const run = promisify(execFile);
const SCRIPT = join(REPO, "scripts", "finalize-build.js");

function page(href: string): string {
  return `<!DOCTYPE html>\n<html>\n<head>\n<link rel="preload" as="style" href="${href}">\n<link rel="stylesheet" type="text/css" href="${href}">\n</head>\n<body><main>x</main></body>\n</html>\n`;
}

async function finalize(dist: string): Promise<{ code: number; stderr: string }> {
  return run(process.execPath, [SCRIPT, dist]).then(
    () => ({ code: 0, stderr: "" }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe("finalize-build puts the site's stylesheets in each page", () => {
  let dist: string;
  beforeEach(async () => {
    dist = await mkdtemp(join(tmpdir(), "panorama-finalize-"));
    await mkdir(join(dist, "_import"));
    await mkdir(join(dist, "projets"));
  });
  afterEach(async () => {
    await rm(dist, { recursive: true, force: true });
  });

  it("inlines a stylesheet for pages at any depth and drops its preload", async () => {
    await writeFile(join(dist, "_import", "style.css"), 'main { color: red; background: url("data:image/svg+xml,%3Csvg%3E"); }\n');
    await writeFile(join(dist, "index.html"), page("./_import/style.css"));
    await writeFile(join(dist, "projets", "a.html"), page("../_import/style.css"));
    expect(await finalize(dist)).toEqual({ code: 0, stderr: "" });
    for (const file of ["index.html", "projets/a.html"]) {
      const html = await readFile(join(dist, file), "utf-8");
      expect(html).toContain("<style>\nmain { color: red;");
      expect(html).not.toContain("<link");
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    }
  });

  it.each([
    ["a relative url()", "@font-face { src: url(font.woff2); }"],
    ["a closing style tag", 'main::after { content: "</style><script>"; }'],
  ])("refuses a stylesheet with %s, which would break once inlined", async (_, css) => {
    await writeFile(join(dist, "_import", "style.css"), css);
    await writeFile(join(dist, "index.html"), page("./_import/style.css"));
    const result = await finalize(dist);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("index.html: stylesheet ./_import/style.css cannot be inlined");
  });

  it("refuses a link to a stylesheet that is not in the site", async () => {
    await writeFile(join(dist, "index.html"), page("../outside.css"));
    const result = await finalize(dist);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("index.html: stylesheet ../outside.css is not a file of the site");
  });
});
