// `panorama editions discover`: the data.gouv.fr dataset's resources that the catalogue does not know.
import {
  API_MAX_BYTES,
  API_TIMEOUT_MS,
  DEFAULT_API_BASE,
  datasetApiUrl,
  fetchResources,
  isSupportedFormat,
  matchResources,
  type ResourceMatch,
  httpOptions,
  loadCatalogue,
} from "../sources/index.js";
import { terminalJson, type Io } from "./io.js";
import { visibleText } from "../errors.js";

export function formatSize(bytes: number | null): string {
  if (bytes === null) return "?";
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value.toFixed(1)} ${unit}`;
}

// Titles and dates come from a server: a line break or tab would break the table's columns, any other
// control character is shown as its code before the widths are measured.
const printable = (s: string) => visibleText(s.replace(/[\t\n\r]/g, " "));

export function discoverLines(datasetUrl: string, matches: readonly ResourceMatch[]): string[] {
  const unknown = matches
    .filter((m) => m.edition === null)
    .map((m) => m.resource)
    .sort((a, b) => (b.last_modified ?? "").localeCompare(a.last_modified ?? ""));
  const lines = [`${datasetUrl}: ${matches.length} resources, ${matches.length - unknown.length} in the catalogue, ${unknown.length} not.`];
  if (unknown.length === 0) return [...lines, "Nothing new: every resource is in the catalogue."];
  const rows = unknown.map((r) => ({
    date: printable((r.last_modified ?? "?").slice(0, 10)),
    format: printable(r.format || "?") + (isSupportedFormat(r.format) ? "" : " (not readable)"),
    size: formatSize(r.filesize),
    title: printable(r.title),
    url: printable(r.latest ?? r.url),
  }));
  const w = {
    date: Math.max(13, ...rows.map((r) => r.date.length)),
    format: Math.max(6, ...rows.map((r) => r.format.length)),
    size: Math.max(4, ...rows.map((r) => r.size.length)),
  };
  const row = (date: string, format: string, size: string, rest: string) =>
    `  ${date.padEnd(w.date)}  ${format.padEnd(w.format)}  ${size.padStart(w.size)}  ${rest}`;
  lines.push("", row("last modified", "format", "size", "title / permanent URL"));
  for (const r of rows) {
    lines.push(row(r.date, r.format, r.size, r.title));
    lines.push(row("", "", "", r.url));
  }
  lines.push("", "Next: panorama editions check <permanent URL> [--edition YYYY-MM], then panorama editions add <permanent URL> [--edition YYYY-MM].");
  return lines;
}

export function discoverJson(datasetUrl: string, matches: readonly ResourceMatch[]): unknown {
  return {
    dataset: datasetUrl,
    resources: matches.length,
    known: matches.filter((m) => m.edition !== null).map((m) => ({ id: m.resource.id, title: m.resource.title, edition: m.edition, matchedBy: m.matchedBy })),
    unknown: matches.filter((m) => m.edition === null).map((m) => ({ ...m.resource, supported: isSupportedFormat(m.resource.format) })),
  };
}

export async function runDiscover(args: { api: string | null; json: boolean }, io: Io): Promise<number> {
  const base = args.api ?? DEFAULT_API_BASE;
  const opts = httpOptions(datasetApiUrl(base), io.env, io.cwd, { timeoutMs: API_TIMEOUT_MS, maxBytes: API_MAX_BYTES });
  const { url, resources } = await fetchResources(base, opts);
  const matches = matchResources(resources, loadCatalogue(io.cwd));
  if (args.json) io.out(terminalJson(discoverJson(url, matches)));
  else for (const line of discoverLines(url, matches)) io.out(line);
  return 0;
}
