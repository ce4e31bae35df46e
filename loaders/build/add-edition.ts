// Records a checked edition file in editions.local.json and puts its bytes in the cache.
import { readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import {
  cachePath,
  writeAtomic,
  writeLocked,
  withLock,
  lockPathFor,
  readLocalInputSync,
  defaultMirrorPath,
  editionLabel,
  findEdition,
  LOCAL_CATALOGUE_FILE,
  mergeLocalCatalogue,
  type Edition,
  type SourceRef,
  dataGouvResourceId,
  type InputFile,
} from "../sources/index.js";
import { PanoramaError } from "../errors.js";
import { checkInput, findCataloguedSource, type CheckReport } from "./check.js";

export interface AddOptions {
  /** project root: editions.local.json and docs/ live there */
  root: string;
  /** default <root>/.cache/panorama/sources */
  cacheDir: string;
  edition: string | null;
  replace: boolean;
}

export interface AddResult {
  edition: Edition;
  source: SourceRef;
  report: CheckReport;
  /** where the bytes were stored */
  cacheFile: string;
  /** "recorded": editions.local.json written; "cached": the file is a catalogued source, only the cache was filled */
  action: "recorded" | "cached";
  /** what the new record replaced */
  replaced: "built-in" | "local" | null;
  /** sources of the other kind kept from the replaced record */
  kept: SourceRef[];
  /** Framework's cached loader outputs removed so that the next build reads the catalogue again */
  invalidated: string[];
}

/** The new catalogue source for a checked file. */
export function newSource(report: CheckReport, edition: string): SourceRef {
  let url: string | null = null;
  let altUrls: string[] = [];
  let upstreamId = "";
  if (report.url !== null) {
    if (!report.url.startsWith("https://")) {
      throw new PanoramaError(`the catalogue records https addresses only, not ${report.url}.`, {}, "Download the file and add it as a local file.");
    }
    url = report.url;
    const resource = dataGouvResourceId(url);
    if (resource) {
      upstreamId = resource;
      altUrls = [`https://www.data.gouv.fr/api/1/datasets/r/${resource}`, `https://www.data.gouv.fr/fr/datasets/r/${resource}`].filter((u) => u !== url);
    }
  }
  return {
    kind: report.kind,
    format: report.format,
    url,
    altUrls,
    sha256: report.sha256,
    mirrorPath: defaultMirrorPath(edition, report.kind, report.format),
    upstreamId,
  };
}

function readLocalRecords(path: string): unknown[] {
  const bytes = readLocalInputSync(path);
  if (bytes === null) return [];
  const text = bytes.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PanoramaError(`the local catalogue is not valid JSON (${(err as Error).message}).`, { file: path }, "Fix the file before adding an edition.");
  }
  if (!Array.isArray(json)) throw new PanoramaError("the local catalogue is not an array of editions.", { file: path });
  return json;
}

const recordId = (r: unknown): unknown => (r !== null && typeof r === "object" ? (r as { id?: unknown }).id : undefined);

function sourceJson(s: SourceRef): Record<string, unknown> {
  return { kind: s.kind, format: s.format, url: s.url, altUrls: s.altUrls, sha256: s.sha256, mirrorPath: s.mirrorPath, upstreamId: s.upstreamId };
}

/**
 * Removes Framework's cached data loader outputs (docs/.observablehq/cache/<path>, every entry but
 * Framework's own `_npm`, `_observablehq`… folders): a loader reruns only when its own file is newer
 * than its cached output, not when the catalogue changes.
 */
export async function invalidateLoaderCache(root: string): Promise<string[]> {
  const cache = join(root, "docs", ".observablehq", "cache");
  let entries: string[];
  try {
    entries = await readdir(cache);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries.sort()) {
    if (entry.startsWith("_") || entry.startsWith(".") || entry === "panorama-offline.json") continue;
    await rm(join(cache, entry), { recursive: true, force: true });
    removed.push(relative(root, join(cache, entry)));
  }
  return removed;
}

/** Checks the file, then records it (or, for a catalogued source, caches it). Throws a PanoramaError when the file cannot be used or the edition exists. */
export async function addEdition(input: InputFile, opts: AddOptions): Promise<AddResult> {
  const report = await checkInput(input, opts.edition);
  const catalogueFile = join(opts.root, LOCAL_CATALOGUE_FILE);
  // Read, decide and write under the catalogue's lock: two commands at once never lose a record.
  const result = await withLock(lockPathFor(catalogueFile), `the local catalogue ${LOCAL_CATALOGUE_FILE}`, () =>
    recordEdition(input, report, catalogueFile, opts),
  );
  return { ...result, invalidated: await invalidateLoaderCache(opts.root) };
}

async function recordEdition(input: InputFile, report: CheckReport, catalogueFile: string, opts: AddOptions): Promise<Omit<AddResult, "invalidated">> {
  const records = readLocalRecords(catalogueFile);
  const catalogue = mergeLocalCatalogue(records, catalogueFile);
  const stated = report.editionFrom === "page" || report.editionFrom === "option" ? report.edition : null;

  const known = findCataloguedSource(catalogue, report.sha256, report.url);
  if (known && !opts.replace) {
    if (stated && stated !== known.edition.id) {
      throw new PanoramaError(
        `this file is a source of edition ${known.edition.id} in the catalogue, not of ${stated}.`,
        { file: report.file },
        "Check the file and --edition.",
      );
    }
    const cacheFile = cachePath(known.edition, known.source, opts.cacheDir);
    await writeLocked(cacheFile, input.bytes);
    return { edition: known.edition, source: known.source, report, cacheFile, action: "cached", replaced: null, kept: [] };
  }

  if (!stated) {
    throw new PanoramaError(
      "the file does not state its edition.",
      { file: report.file },
      report.edition
        ? `Its publication dates suggest ${report.edition}: rerun with --edition ${report.edition} if that is right.`
        : "Give it with --edition YYYY-MM.",
    );
  }
  const existing = findEdition(stated, catalogue);
  const isLocal = records.some((r) => recordId(r) === stated);
  const replaced = existing ? (isLocal ? "local" : "built-in") : null;
  if (existing && !opts.replace) {
    throw new PanoramaError(
      `edition ${stated} is already in the catalogue (${replaced === "local" ? LOCAL_CATALOGUE_FILE : "built-in, loaders/sources/catalogue.ts"}).`,
      { edition: stated, file: report.file },
      `To replace its ${report.kind} source(s) with this file, add --replace (its other sources are kept).`,
    );
  }
  const source = newSource(report, stated);
  const kept = existing ? existing.sources.filter((s) => s.kind !== source.kind) : [];
  const record: Record<string, unknown> = {
    id: stated,
    label: existing?.label ?? editionLabel(stated),
    ...(existing?.number ? { number: existing.number } : {}),
    sources: [source, ...kept].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "spreadsheet" ? -1 : 1)).map(sourceJson),
  };
  const next = [...records.filter((r) => recordId(r) !== stated), record].sort((a, b) => String(recordId(a)).localeCompare(String(recordId(b))));
  const merged = mergeLocalCatalogue(next, catalogueFile);
  const edition = findEdition(stated, merged)!;

  // Cache first: the catalogue never names a file that is not there.
  const cacheFile = cachePath(edition, edition.sources.find((s) => s.mirrorPath === source.mirrorPath)!, opts.cacheDir);
  await writeLocked(cacheFile, input.bytes);
  await writeAtomic(catalogueFile, `${JSON.stringify(next, null, 2)}\n`);
  return { edition, source, report, cacheFile, action: "recorded", replaced, kept };
}
