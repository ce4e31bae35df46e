// The watch for new editions (scripts/publish/watch.sh, weekly in .github/workflows/watch.yml):
// runs `panorama editions discover --json`; when the data.gouv.fr dataset has resources that the
// catalogue does not know, prints a summary (title, format, date, URL) and the output of
// `panorama editions check` on each readable one, and exits 1, so that the team is notified.
// Exit 0: nothing new. Exit 3: the API could not be reached or read (distinct from a new edition).
// Usage: tsx scripts/watch-editions.ts [--api <base URL>]
// With GITHUB_STEP_SUMMARY set, the summary is also written there in Markdown.
import { spawnSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const EXIT_NOTHING_NEW = 0;
export const EXIT_NEW_RESOURCES = 1;
export const EXIT_USAGE = 2;
export const EXIT_API_UNREACHABLE = 3;

export interface UnknownResource {
  title: string;
  format: string;
  last_modified: string | null;
  url: string;
  supported: boolean;
}

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Titles and messages come from a server: no control or bidirectional character reaches a terminal.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
export const printable = (s: string): string => s.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>()#+\-.!|]/g;
const markdownText = (s: string): string =>
  printable(s)
    .replace(/\s+/g, " ")
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);

/** The unknown resources of `discover --json`'s output; throws on anything else. */
export function parseDiscover(stdout: string): UnknownResource[] {
  const data = JSON.parse(stdout) as { unknown?: unknown };
  if (!Array.isArray(data.unknown)) throw new Error("no `unknown` list in the output of discover --json");
  return data.unknown.map((r: Record<string, unknown>) => ({
    title: String(r.title ?? ""),
    format: String(r.format ?? ""),
    last_modified: typeof r.last_modified === "string" ? r.last_modified : null,
    url: String(r.latest ?? r.url ?? ""),
    supported: r.supported === true,
  }));
}

export function summaryLines(resources: readonly UnknownResource[], checks: ReadonlyMap<string, CommandRun>): string[] {
  if (resources.length === 0) return ["Nothing new: the catalogue knows every resource of the data.gouv.fr dataset."];
  const lines = [`${resources.length} resource(s) of the data.gouv.fr dataset are not in the catalogue:`, ""];
  for (const r of resources) {
    lines.push(`- ${printable(r.title)}`, `  format: ${printable(r.format || "?")}${r.supported ? "" : " (not readable by Panorama)"}`);
    lines.push(`  last modified: ${printable(r.last_modified ?? "?")}`, `  URL: ${printable(r.url)}`);
    const check = checks.get(r.url);
    if (check) {
      lines.push(`  panorama editions check (exit ${check.code}):`);
      for (const line of `${check.stdout}\n${check.stderr}`.trim().split("\n")) lines.push(`    ${printable(line)}`);
    }
    lines.push("");
  }
  lines.push("Next: panorama editions add <URL> [--edition YYYY-MM], commit editions.local.json, and the report is rebuilt.");
  return lines;
}

export function summaryMarkdown(resources: readonly UnknownResource[], checks: ReadonlyMap<string, CommandRun>): string {
  if (resources.length === 0) return "### Panorama: nothing new\n\nThe catalogue knows every resource of the data.gouv.fr dataset.\n";
  const rows = resources.map(
    (r) => `| ${markdownText(r.title)} | ${markdownText(r.format || "?")} | ${markdownText(r.last_modified ?? "?")} | ${markdownText(r.url)} |`,
  );
  const details = resources
    .filter((r) => checks.has(r.url))
    .map((r) => {
      const check = checks.get(r.url)!;
      const text = printable(`${check.stdout}\n${check.stderr}`.trim()).replace(/`{3,}/g, "'''");
      return `#### ${markdownText(r.title)}\n\n\`panorama editions check\` (exit ${check.code}):\n\n\`\`\`text\n${text}\n\`\`\`\n`;
    });
  return [
    `### Panorama: ${resources.length} new resource(s) on data.gouv.fr`,
    "",
    "| title | format | last modified | URL |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...details,
  ].join("\n");
}

const repo = fileURLToPath(new URL("..", import.meta.url));
const panorama = (args: readonly string[]): CommandRun => {
  const run = spawnSync(process.execPath, [`${repo}bin/panorama.js`, ...args], { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: run.status ?? 1, stdout: run.stdout ?? "", stderr: run.stderr ?? run.error?.message ?? "" };
};

export function watch(args: readonly string[], out: (line: string) => void, err: (line: string) => void, summaryFile?: string): number {
  const api = args.indexOf("--api");
  if ((api >= 0 && !args[api + 1]) || args.some((a, i) => a.startsWith("-") && a !== "--api" && i !== api + 1)) {
    err("usage: tsx scripts/watch-editions.ts [--api <base URL>]");
    return EXIT_USAGE;
  }
  const discover = panorama(["editions", "discover", "--json", ...(api >= 0 ? ["--api", args[api + 1]!] : [])]);
  let resources: UnknownResource[];
  try {
    if (discover.code !== 0) throw new Error(discover.stderr.trim() || `exit ${discover.code}`);
    resources = parseDiscover(discover.stdout);
  } catch (error) {
    err(`Cannot reach or read the data.gouv.fr API: ${printable((error as Error).message)}`);
    err("This is not a new edition: the watch will try again at its next run.");
    if (summaryFile) appendFileSync(summaryFile, `### Panorama: data.gouv.fr API unreachable\n\n\`\`\`text\n${printable((error as Error).message)}\n\`\`\`\n`);
    return EXIT_API_UNREACHABLE;
  }
  const checks = new Map<string, CommandRun>();
  for (const r of resources) if (r.supported && r.url) checks.set(r.url, panorama(["editions", "check", r.url]));
  for (const line of summaryLines(resources, checks)) out(line);
  if (summaryFile) appendFileSync(summaryFile, summaryMarkdown(resources, checks));
  return resources.length === 0 ? EXIT_NOTHING_NEW : EXIT_NEW_RESOURCES;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = watch(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
    process.env.GITHUB_STEP_SUMMARY || undefined,
  );
}
