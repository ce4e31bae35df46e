// The publishing workflows (.github/workflows/) and the scripts they call (scripts/publish/): the
// workflows parse, call only those scripts, pin every action by commit and ask for no secret; the
// watch for new editions runs against a local server in the shape of the data.gouv.fr API.
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATASET_SLUG } from "../loaders/sources/discover.js";
import { printable, summaryMarkdown } from "../scripts/watch-editions.js";
import { portablePaths } from "../loaders/site/dataset.js";
import { removeDir, tempDir } from "./helpers.js";

const REPO = join(import.meta.dirname, "..");
const WORKFLOWS = join(REPO, ".github", "workflows");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string };
type Job = { "runs-on": string; steps: Step[]; permissions?: Record<string, string>; needs?: string };
type Workflow = { name: string; on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

const workflow = (file: string): Workflow => yaml.load(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow;
const steps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps);

describe("the workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it("are publish.yml and watch.yml, and parse", () => {
    expect(files.sort()).toEqual(["publish.yml", "watch.yml"]);
    for (const file of files) expect(Object.keys(workflow(file).jobs).length, file).toBeGreaterThan(0);
  });

  it.each(["publish.yml", "watch.yml"])("%s: every action is pinned by commit, every command is a script of scripts/publish/", (file) => {
    const text = readFileSync(join(WORKFLOWS, file), "utf8");
    for (const step of steps(workflow(file))) {
      if (step.uses !== undefined) {
        expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(text, `${file}: ${step.uses} has no version comment`).toMatch(new RegExp(`${step.uses.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} # v\\d`));
      } else {
        const match = /^bash (scripts\/publish\/[a-z-]+\.sh)$/.exec(step.run ?? "");
        expect(match, `${file}: run: ${step.run}`).not.toBeNull();
        const script = join(REPO, match![1]!);
        expect(existsSync(script), script).toBe(true);
        accessSync(script, constants.X_OK);
      }
    }
    expect(text).not.toMatch(/secrets\./);
  });

  it.each(["publish.yml", "watch.yml"])("%s: reads the repository only, and checks it out without keeping credentials", (file) => {
    const w = workflow(file);
    expect(w.permissions).toEqual({ contents: "read" });
    for (const step of steps(w).filter((s) => s.uses?.startsWith("actions/checkout@"))) expect(step.with?.["persist-credentials"]).toBe(false);
  });

  it("publish.yml: on push to main and by hand; install, restore the sources cache keyed on the catalogue, build, test, deploy with the least permissions", () => {
    const w = workflow("publish.yml");
    expect(w.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
    const build = w.jobs.build!;
    const runs = build.steps.map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(["bash scripts/publish/install.sh", "bash scripts/publish/build.sh", "bash scripts/publish/test.sh"]);
    const cache = build.steps.find((s) => s.uses?.startsWith("actions/cache@"));
    expect(cache?.with?.path).toBe(".cache/panorama/sources");
    expect(String(cache?.with?.key)).toContain("hashFiles('loaders/sources/catalogue.ts', 'editions.local.json')");
    const order = build.steps.map((s) => s.uses?.split("@")[0] ?? s.run);
    expect(order.indexOf("actions/cache")).toBeLessThan(order.indexOf("bash scripts/publish/build.sh"));
    expect(build.steps.at(-1)?.uses).toMatch(/^actions\/upload-pages-artifact@/);
    expect(build.steps.at(-1)?.with?.path).toBe("dist");
    const deploy = w.jobs.deploy!;
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.steps.map((s) => s.uses?.split("@")[0])).toEqual(["actions/deploy-pages"]);
  });

  it("watch.yml: weekly and by hand, runs the watch script", () => {
    const w = workflow("watch.yml");
    const schedule = w.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    const [, , dayOfMonth, month, dayOfWeek] = schedule[0]!.cron.split(" ");
    expect([dayOfMonth, month]).toEqual(["*", "*"]);
    expect(dayOfWeek).toMatch(/^[0-6]$/);
    expect("workflow_dispatch" in w.on).toBe(true);
    expect(steps(w).at(-1)?.run).toBe("bash scripts/publish/watch.sh");
  });
});

const run = promisify(execFile);
const API_PATH = `/api/1/datasets/${DATASET_SLUG}/`;
// The built-in November 2021 ODS, known to the catalogue by its data.gouv.fr resource id.
const KNOWN = "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db";
const NEW_ID = "0f0e0d0c-1111-4222-8333-444455556666";
const CSV = [
  "Ministère porteur;Nom du projet;Description;Date de début;Durée prévisionnelle en année;Phase du projet en cours;Financement;Coût estimé;Zone fonctionnelle",
  "Ministère de l'Intérieur;ALPHA;Un projet;01/01/2024;3;Conception;P216;12,5;Sécurité",
  "Ministère des Armées;BETA;Un autre projet;01/06/2024;2,5;Réalisation;P178;30;Défense",
].join("\r\n");

interface WatchRun {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
}

describe("the watch for new editions (scripts/publish/watch.sh), against a local data.gouv.fr API", () => {
  let server: Server;
  let base: string;
  let dir: string;
  let answer: (res: ServerResponse) => void;
  const resource = (id: string, over: Record<string, unknown> = {}) => ({
    id,
    title: `Ressource ${id}`,
    format: "ods",
    url: `https://static.data.gouv.fr/resources/panorama/${id}.ods`,
    latest: `https://www.data.gouv.fr/api/1/datasets/r/${id}`,
    filesize: 45_312,
    mime: "application/vnd.oasis.opendocument.spreadsheet",
    checksum: null,
    created_at: "2021-11-20T10:00:00+00:00",
    last_modified: "2021-11-20T10:00:00+00:00",
    type: "main",
    ...over,
  });
  const dataset = (resources: unknown[]) => JSON.stringify({ id: "x", slug: DATASET_SLUG, title: "Panorama", resources });

  beforeAll(async () => {
    dir = await tempDir();
    server = createServer((req, res) => {
      if (req.url === "/files/nouvelle.csv") res.writeHead(200, { "Content-Type": "text/csv" }).end(CSV);
      else if (req.url?.startsWith(API_PATH)) answer(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await removeDir(dir);
  });

  async function watch(): Promise<WatchRun> {
    const summary = join(dir, `summary-${Math.random().toString(36).slice(2)}.md`);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: summary, PANORAMA_TIMEOUT_MS: "2000" };
    delete env.PANORAMA_OFFLINE;
    try {
      const { stdout, stderr } = await run("bash", [join(REPO, "scripts/publish/watch.sh"), "--api", base], { env, cwd: REPO });
      return { code: 0, stdout, stderr, summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr, summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
    }
  }

  it("exits 0 and says so when the catalogue knows every resource", async () => {
    answer = (res) => res.writeHead(200, { "Content-Type": "application/json" }).end(dataset([resource(KNOWN)]));
    const result = await watch();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Nothing new");
    expect(result.summary).toContain("nothing new");
  }, 60_000);

  it("exits 1 with the title, format, date and URL of a new resource and the output of editions check on it", async () => {
    const url = `${base}/files/nouvelle.csv`;
    const title = "Panorama décembre 2025 \u001b]0;titre\u0007\u202e";
    answer = (res) =>
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(dataset([resource(KNOWN), resource(NEW_ID, { title, format: "csv", url, latest: url, last_modified: "2025-12-15T09:00:00+00:00" })]));
    const result = await watch();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("1 resource(s) of the data.gouv.fr dataset are not in the catalogue");
    expect(result.stdout).toContain("Panorama décembre 2025 \\u{1b}]0;titre\\u{7}\\u{202e}");
    expect(result.stdout).toContain("format: csv");
    expect(result.stdout).toContain("last modified: 2025-12-15T09:00:00+00:00");
    expect(result.stdout).toContain(`URL: ${url}`);
    expect(result.stdout).toMatch(/panorama editions check \(exit 0\):/);
    expect(result.stdout).toMatch(/ALPHA|2 rows|2 projects/);
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(result.summary).toContain("| Panorama décembre 2025");
    expect(result.summary).toContain("panorama editions check");
  }, 120_000);

  it.each([
    ["answers 503", (res: ServerResponse) => res.writeHead(503).end("maintenance")],
    ["answers something that is not the dataset", (res: ServerResponse) => res.writeHead(200, { "Content-Type": "application/json" }).end("[1, 2")],
  ])(
    "exits 3, distinctly, when the API %s",
    async (_what, respond) => {
      answer = respond;
      const result = await watch();
      expect(result.code).toBe(3);
      expect(result.stderr).toContain("Cannot reach or read the data.gouv.fr API");
      expect(result.stdout).toBe("");
      expect(result.summary).toContain("API unreachable");
    },
    60_000,
  );
});

describe("the watch's summaries", () => {
  it("neutralises control and bidirectional characters, and Markdown in titles", () => {
    expect(printable("a\u001b[2Jb\u202ec\nd")).toBe("a\\u{1b}[2Jb\\u{202e}c\nd");
    const md = summaryMarkdown(
      [{ title: "<img src=x> | *x* [l](javascript:1)", format: "csv", last_modified: null, url: "https://x/y", supported: true }],
      new Map(),
    );
    expect(md).toContain("\\<img src=x\\> \\| \\*x\\* \\[l\\]\\(javascript:1\\)");
  });
});

describe("portable paths in the site's data", () => {
  it("names the checkout's and the mirror's folders by their role, wherever they are", () => {
    const message = "Looked in:\n  - cache /srv/a$&b/.cache/panorama/sources/x.html: absent\n  - mirror /data/mirror/dashboards/x.html: absent";
    expect(portablePaths(message, "/srv/a$&b", "/data/mirror")).toBe(
      "Looked in:\n  - cache .cache/panorama/sources/x.html: absent\n  - mirror $PANORAMA_MIRROR/dashboards/x.html: absent",
    );
    expect(portablePaths(message, "/srv/a$&b", undefined)).toContain("mirror /data/mirror/dashboards/x.html");
  });
});
