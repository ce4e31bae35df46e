import { join, posix } from "node:path";
import { PanoramaError } from "../errors.js";
import { isSha256 } from "./hash.js";
import { readLocalInputSync } from "./limits.js";
import { isSourceFormat, SOURCE_FORMATS, SOURCE_KINDS, type SourceFormat, type SourceKind } from "../schema.js";

export interface SourceRef {
  kind: SourceKind;
  format: SourceFormat;
  /** null for a source added from a local file (`panorama editions add`, local catalogue only): cache or mirror only */
  url: string | null;
  /** alternative URLs tried in order after url */
  altUrls: string[];
  sha256: string | null;
  /** path relative to a mirror folder laid out like ../shared/panorama, e.g. "dashboards/2021-11.html" */
  mirrorPath: string;
  /** upstream commit or data.gouv resource id, used to find the file in a mirror's README table */
  upstreamId: string;
}

export interface Edition {
  /** YYYY-MM */
  id: string;
  /** French: "novembre 2016" */
  label: string;
  /** 1 for the first, 14 for Nov 2021 */
  number: number | null;
  mirrored: boolean;
  /** true when the edition id is inferred and the page must confirm it */
  inferred: boolean;
  /** spreadsheet sources first, then the dashboard page */
  sources: SourceRef[];
}

export const LOCAL_CATALOGUE_FILE = "editions.local.json";

const FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"] as const;

export function isEditionId(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function editionLabel(id: string): string {
  if (!isEditionId(id)) throw new PanoramaError(`"${id}" is not an edition id (expected YYYY-MM, e.g. 2017-06).`);
  return `${FRENCH_MONTHS[Number(id.slice(5, 7)) - 1]} ${id.slice(0, 4)}`;
}

export function defaultMirrorPath(id: string, kind: SourceKind, format: SourceFormat): string {
  return kind === "dashboard" ? `dashboards/${id}.html` : `spreadsheets/${id}.${format}`;
}

// ---- Built-in catalogue -------------------------------------------------------------------------
// Sources from ../shared/panorama/README.md. Dashboard pages: DISIC/panorama, branch gh-pages, index.html.

type SourceSpec = Omit<SourceRef, "mirrorPath">;
interface EditionSpec {
  id: string;
  number: number;
  mirrored: boolean;
  inferred: boolean;
  sources: SourceSpec[];
}

const github = (kind: SourceKind, format: SourceFormat, commit: string, path: string, sha256: string | null): SourceSpec => ({
  kind,
  format,
  url: `https://raw.githubusercontent.com/DISIC/panorama/${commit}/${path}`,
  altUrls: [],
  sha256,
  upstreamId: commit,
});
const page = (commit: string, sha256: string | null = null) => github("dashboard", "html", commit, "index.html", sha256);

// data.gouv.fr resources redirect to static.data.gouv.fr; their bytes may change upstream, hence no sha256.
const dataGouv = (format: SourceFormat, resourceId: string): SourceSpec => ({
  kind: "spreadsheet",
  format,
  url: `https://www.data.gouv.fr/api/1/datasets/r/${resourceId}`,
  altUrls: [`https://www.data.gouv.fr/fr/datasets/r/${resourceId}`],
  sha256: null,
  upstreamId: resourceId,
});

// Ranks: the 1st (2016-11), 9th (2019-07), 13th (2021-07), 14th (2021-11), 16th (2022-12) and 18th
// (2023-12) are attested, and the editions listed between them fill the gaps exactly.
// Unmirrored ids come from upstream commit dates: the page must confirm them (inferred: true).
const SPECS: EditionSpec[] = [
  {
    id: "2016-11",
    number: 1,
    mirrored: true,
    inferred: false,
    sources: [
      github(
        "spreadsheet",
        "csv",
        "4ba4069f2e376981d3d1e76743d7e066736090fb",
        "raw-data/panorama_projets_si.csv",
        "1356b0b416eebbe9d065a9422bb264402097308363356daf4beb3071e9af2d0a",
      ),
      // DINSIC-Panorama_des_grands_projets_SI_20161116.xlsx
      dataGouv("xlsx", "54aa0d23-d00e-4cdd-ba33-62299b64199d"),
      page("e3a459c74b81951af4eab6af7a630ff8b2223bbe", "41e1ab1e6f6916b0eb7393746a48bf4cedb85bba3c5e9297bbfa5c1cc0b6a848"),
    ],
  },
  {
    id: "2017-02",
    number: 2,
    mirrored: true,
    inferred: false,
    sources: [page("a50f6e79b0687cf6ddf10ba0c7f4869ba5cbfcfa", "5bbcc3f9d6a7b7ecee86944efba9431db280ff2621f4c4fe1f56b9450b185e59")],
  },
  {
    id: "2017-06",
    number: 3,
    mirrored: true,
    inferred: false,
    sources: [
      github(
        "spreadsheet",
        "csv",
        "c2eea27a0748928e0028e8059247aa587f07351e",
        "raw-data/Panorama_des_grands_projets_SI_-_20170630.csv",
        "6c00c2a6d24459608fe6dd0bbc98e5191448d1623b81e060a3d862c239932519",
      ),
      page("cf4e3ca9334b81d988a2f5ebc26872f0d1822733", "e3b65afbd92c9b8880e190de04e8dae4c6b670cd3e53485ebb58e8591aa126c8"),
    ],
  },
  {
    id: "2017-11",
    number: 4,
    mirrored: true,
    inferred: false,
    sources: [page("c7fd1c744e0c944aa17d069842916de59cf40852", "5f552f77bf46bfe92d37d361a7394619f35a2a19dfc579c3648424fc7bd5634a")],
  },
  {
    id: "2018-03",
    number: 5,
    mirrored: true,
    inferred: false,
    sources: [
      github(
        "spreadsheet",
        "xlsx",
        "d594ddae7b48e880debdc27963e47f17700ddfd9",
        "raw-data/export.xlsx",
        "e9170a0e0d04f60acf7cd73e873e5ab31f9fb3cb302683cdc27295509de0457f",
      ),
      page("d1c28d0843c8896609d783114a9dcd33bf8e93ea", "ec56defc519018f809f931c661029babb00120a9381338c2ee8f3951aad044e5"),
    ],
  },
  {
    id: "2018-07",
    number: 6,
    mirrored: true,
    inferred: false,
    sources: [page("84e75704c5d21526cbb8c04d036cdfc12738a941", "1edbbbf92319a88ea976ef4c9441e926152b9be88a383b0b81678eea16b1fdaf")],
  },
  {
    id: "2018-11",
    number: 7,
    mirrored: true,
    inferred: false,
    sources: [page("527347d65c67d240726b8e7bc03bf9e32603f90e", "f7755dcd491c952fdb02d2b21484e211a743d9a2f98ea4e28e858f715a2f2491")],
  },
  {
    id: "2019-03",
    number: 8,
    mirrored: false,
    inferred: true,
    sources: [page("dc6c764da423d5e44b2af9c95261cf1dfdb0c402", "e307c599a636677cb74e9e6f01f297aa577c86c6023fb70a2b646c1e5b49e416")],
  },
  // Published October 2019.
  { id: "2019-07", number: 9, mirrored: false, inferred: true, sources: [page("4f08cb757b7310588ffb19e8bac92b85a207a409")] },
  // "Early 2020" and "mid 2020": the month is a guess.
  { id: "2020-02", number: 10, mirrored: false, inferred: true, sources: [page("debc78610ec1c5b8bd1c6715947853387406efc0")] },
  { id: "2020-07", number: 11, mirrored: false, inferred: true, sources: [page("d688ff37cf0f8f9e737349d5bfb7e64760371635")] },
  { id: "2020-11", number: 12, mirrored: false, inferred: true, sources: [page("d0c5f43c4f6ae253bc3591f6b152ec102bd66d7f")] },
  {
    id: "2021-07",
    number: 13,
    mirrored: false,
    inferred: true,
    sources: [page("382682947370a817df75f1f1bc19d1c35c1a095b", "00bbb61b31d9f543b5170156686e2ccac7e544f21ea65c063eb3ac1e132bbcf6")],
  },
  {
    id: "2021-11",
    number: 14,
    mirrored: true,
    inferred: false,
    sources: [
      dataGouv("ods", "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db"),
      dataGouv("xls", "c1d77aa2-115c-495e-9751-1630833218d5"),
      page("3c4ce678db11a20cae17951113ba24586cd61517", "f5930124e4a1151aa77f146bf425b9823866083d4d8d09d88733cf50bb7130a1"),
    ],
  },
  // "June/July 2022".
  { id: "2022-07", number: 15, mirrored: false, inferred: true, sources: [page("37cc3bb1183e05f709896c716d07f3653d36aff8")] },
  { id: "2022-12", number: 16, mirrored: false, inferred: true, sources: [page("6d53b0ae09a2bf235250e2fb600c5620af3f2aba")] },
  { id: "2023-06", number: 17, mirrored: false, inferred: true, sources: [page("783dce16cf0701ef7fe8383b93896b34cda11bd9")] },
  // Published April 2024.
  { id: "2023-12", number: 18, mirrored: false, inferred: true, sources: [page("467f2522a789506818f28a3246fb63406c3a3622")] },
];

function buildEdition(spec: EditionSpec): Edition {
  return {
    id: spec.id,
    label: editionLabel(spec.id),
    number: spec.number,
    mirrored: spec.mirrored,
    inferred: spec.inferred,
    sources: spec.sources.map((s) => ({ ...s, mirrorPath: defaultMirrorPath(spec.id, s.kind, s.format) })),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const EDITIONS: readonly Edition[] = deepFreeze(checkCatalogue(SPECS.map(buildEdition), "built-in catalogue"));

export function findEdition(id: string, catalogue: readonly Edition[] = EDITIONS): Edition | undefined {
  return catalogue.find((e) => e.id === id);
}

// ---- Local catalogue (editions.local.json) ------------------------------------------------------

/**
 * Built-in editions plus those of `<root>/editions.local.json` (same shape as Edition[]; a record
 * replaces the built-in one with the same id). Optional fields of a local record: label, number,
 * mirrored, inferred, and per source altUrls, sha256, mirrorPath, upstreamId.
 */
export function loadCatalogue(root: string = process.cwd()): Edition[] {
  const path = join(root, LOCAL_CATALOGUE_FILE);
  const bytes = readLocalInputSync(path);
  if (bytes === null) return EDITIONS.map(cloneEdition);
  const text = bytes.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PanoramaError(
      `the local catalogue is not valid JSON (${(err as Error).message}).`,
      { file: path },
      "Fix the file or remove it to use the built-in catalogue only.",
      { cause: err },
    );
  }
  return mergeLocalCatalogue(json, path);
}

/** Built-in editions merged with the parsed content of a local catalogue file (validated as loadCatalogue does). */
export function mergeLocalCatalogue(json: unknown, path: string): Edition[] {
  const local = parseLocalCatalogue(json, path);
  const byId = new Map<string, Edition>(EDITIONS.map((e) => [e.id, cloneEdition(e)]));
  for (const e of local) byId.set(e.id, e);
  return checkCatalogue(
    [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)),
    path,
  );
}

function cloneEdition(e: Edition): Edition {
  return { ...e, sources: e.sources.map((s) => ({ ...s, altUrls: [...s.altUrls] })) };
}

type Json = Record<string, unknown>;

function parseLocalCatalogue(json: unknown, file: string): Edition[] {
  const fail = (where: string, what: string): never => {
    throw new PanoramaError(
      `${where}: ${what}`,
      { file },
      `Each record needs "id" (YYYY-MM) and "sources" (each with "kind", "format", "url" — null for a file kept in the cache only); see loaders/sources/catalogue.ts.`,
    );
  };
  if (!Array.isArray(json)) fail("top level", "expected an array of editions.");
  const seen = new Set<string>();
  return (json as unknown[]).map((raw, i) => {
    const at = `[${i}]`;
    const rec = expectObject(raw, at, fail);
    checkKeys(rec, ["id", "label", "number", "mirrored", "inferred", "sources"], at, fail);
    const id = rec.id;
    if (typeof id !== "string" || !isEditionId(id)) fail(`${at}.id`, `expected YYYY-MM, got ${JSON.stringify(id)}.`);
    const eid = id as string;
    if (seen.has(eid)) fail(`${at}.id`, `edition ${eid} appears twice.`);
    seen.add(eid);
    const label = optional(rec.label, editionLabel(eid), (v) => typeof v === "string" && v.trim() !== "", `${at}.label`, "a non-empty string", fail);
    const number = optional<number | null>(
      rec.number,
      null,
      (v) => v === null || (Number.isInteger(v) && (v as number) > 0),
      `${at}.number`,
      "a positive integer or null",
      fail,
    );
    const mirrored = optional(rec.mirrored, false, (v) => typeof v === "boolean", `${at}.mirrored`, "a boolean", fail);
    const inferred = optional(rec.inferred, false, (v) => typeof v === "boolean", `${at}.inferred`, "a boolean", fail);
    if (!Array.isArray(rec.sources) || rec.sources.length === 0) fail(`${at}.sources`, "expected a non-empty array.");
    const sources = (rec.sources as unknown[]).map((rs, j) => parseLocalSource(rs, eid, `${at}.sources[${j}]`, fail));
    return { id: eid, label, number, mirrored, inferred, sources: sortSources(sources) };
  });
}

function parseLocalSource(raw: unknown, id: string, at: string, fail: (where: string, what: string) => never): SourceRef {
  const rec = expectObject(raw, at, fail);
  checkKeys(rec, ["kind", "format", "url", "altUrls", "sha256", "mirrorPath", "upstreamId"], at, fail);
  if (!SOURCE_KINDS.includes(rec.kind as SourceKind)) fail(`${at}.kind`, `expected one of ${SOURCE_KINDS.join(", ")}.`);
  if (!isSourceFormat(rec.format)) fail(`${at}.format`, `expected one of ${SOURCE_FORMATS.join(", ")}.`);
  const kind = rec.kind as SourceKind;
  const format = rec.format as SourceFormat;
  if (typeof rec.url !== "string" && rec.url !== null) fail(`${at}.url`, "expected an https URL, or null for a file kept in the cache only.");
  const altUrls = optional(
    rec.altUrls,
    [] as string[],
    (v) => Array.isArray(v) && v.every((u) => typeof u === "string"),
    `${at}.altUrls`,
    "an array of URLs",
    fail,
  );
  const sha = optional<string | null>(
    rec.sha256,
    null,
    (v) => v === null || (typeof v === "string" && isSha256(v.toLowerCase())),
    `${at}.sha256`,
    "64 hexadecimal digits or null",
    fail,
  );
  const mirrorPath = optional(rec.mirrorPath, defaultMirrorPath(id, kind, format), (v) => typeof v === "string", `${at}.mirrorPath`, "a relative path", fail);
  const upstreamId = optional(rec.upstreamId, "", (v) => typeof v === "string", `${at}.upstreamId`, "a string", fail);
  return { kind, format, url: rec.url as string | null, altUrls: [...altUrls], sha256: sha === null ? null : sha.toLowerCase(), mirrorPath, upstreamId };
}

function expectObject(raw: unknown, at: string, fail: (where: string, what: string) => never): Json {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail(at, "expected an object.");
  return raw as Json;
}

function checkKeys(rec: Json, allowed: string[], at: string, fail: (where: string, what: string) => never): void {
  for (const key of Object.keys(rec)) if (!allowed.includes(key)) fail(`${at}.${key}`, `unknown field (allowed: ${allowed.join(", ")}).`);
}

function optional<T>(value: unknown, fallback: T, ok: (v: unknown) => boolean, at: string, what: string, fail: (where: string, what: string) => never): T {
  if (value === undefined) return fallback;
  if (!ok(value)) fail(at, `expected ${what}, got ${JSON.stringify(value)}.`);
  return value as T;
}

function sortSources(sources: SourceRef[]): SourceRef[] {
  const rank = (s: SourceRef) => (s.kind === "spreadsheet" ? 0 : 1);
  return [...sources].sort((a, b) => rank(a) - rank(b));
}

// ---- Invariants shared by the built-in and merged catalogues ----------------------------------

function checkCatalogue(editions: Edition[], file: string): Edition[] {
  const ids = new Set<string>();
  const mirrorPaths = new Map<string, string>();
  for (const e of editions) {
    const fail = (what: string): never => {
      throw new PanoramaError(what, { edition: e.id, file });
    };
    if (!isEditionId(e.id)) fail(`invalid edition id "${e.id}".`);
    if (ids.has(e.id)) fail("duplicate edition id.");
    ids.add(e.id);
    const cacheNames = new Set<string>();
    let seenDashboard = false;
    for (const s of e.sources) {
      if (s.kind === "dashboard") seenDashboard = true;
      else if (seenDashboard) fail("spreadsheet sources must come before the dashboard page.");
      if ((s.kind === "dashboard") !== (s.format === "html")) fail(`a ${s.kind} source cannot have format ${s.format}.`);
      for (const url of sourceUrls(s)) {
        if (!isHttpsUrl(url)) fail(`source URL "${url}" is not an https URL.`);
      }
      if (s.sha256 !== null && !isSha256(s.sha256)) fail(`sha256 "${s.sha256}" is not 64 lowercase hexadecimal digits.`);
      if (!isSafeRelativePath(s.mirrorPath)) fail(`mirrorPath "${s.mirrorPath}" must be a relative path inside the mirror.`);
      const other = mirrorPaths.get(s.mirrorPath);
      if (other) fail(`mirrorPath "${s.mirrorPath}" is already used by edition ${other}.`);
      mirrorPaths.set(s.mirrorPath, e.id);
      const name = posix.basename(s.mirrorPath);
      if (cacheNames.has(name)) fail(`two sources share the file name "${name}" (they would share a cache file).`);
      cacheNames.add(name);
    }
  }
  return editions;
}

/** The URLs to download a source from, in order (none for a local-only source). */
export function sourceUrls(source: SourceRef): string[] {
  return source.url === null ? [...source.altUrls] : [source.url, ...source.altUrls];
}

function isHttpsUrl(s: string): boolean {
  try {
    return new URL(s).protocol === "https:";
  } catch {
    return false;
  }
}

export function isSafeRelativePath(p: string): boolean {
  if (p === "" || p.includes("\\") || p.includes("\0") || p.startsWith("/")) return false;
  return p.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
