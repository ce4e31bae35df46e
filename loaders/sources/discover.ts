// The data.gouv.fr dataset's resources, and which of them the catalogue knows.
import { download, DownloadError, type AcquireOptions } from "./acquire.js";
import { sourceUrls, type Edition } from "./catalogue.js";
import { PanoramaError } from "../errors.js";
import { isSourceFormat } from "../schema.js";

export const DATASET_SLUG = "panorama-des-grands-projets-si-de-letat-1";
export const DEFAULT_API_BASE = "https://www.data.gouv.fr";
/** The dataset's JSON is a few tens of KB. */
export const API_MAX_BYTES = 5 * 1024 * 1024;
export const API_TIMEOUT_MS = 20_000;

/** One item of `resources` in the udata API v1 dataset answer (only the fields Panorama reads). */
export interface Resource {
  id: string;
  title: string;
  format: string;
  url: string;
  /** Permanent URL that redirects to the current file. */
  latest: string | null;
  /** bytes */
  filesize: number | null;
  mime: string | null;
  checksum: { type: string; value: string } | null;
  created_at: string | null;
  last_modified: string | null;
  type: string | null;
}

export interface ResourceMatch {
  resource: Resource;
  /** The catalogue edition that has this resource, or null when it is unknown. */
  edition: string | null;
  matchedBy: "resource id" | "url" | "sha256" | null;
}

export function datasetApiUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new PanoramaError(`--api "${base}" is not a URL.`, {}, `Give a base address such as ${DEFAULT_API_BASE}.`);
  }
  if (url.search || url.hash) throw new PanoramaError(`--api "${base}" must be a base address, without ? or #.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}/api/1/datasets/${DATASET_SLUG}/`;
}

/** Fetches and parses the dataset's resource list. Every failure is a PanoramaError naming the address. */
export async function fetchResources(base: string, opts: AcquireOptions): Promise<{ url: string; resources: Resource[] }> {
  const url = datasetApiUrl(base);
  const hint = `Check the network and the address (the dataset page is ${DEFAULT_API_BASE}/fr/datasets/${DATASET_SLUG}/), or give another --api base.`;
  let bytes: Buffer;
  try {
    bytes = await download(url, opts);
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    const timeout = /timed out/.test(err.message) ? " Set PANORAMA_TIMEOUT_MS (milliseconds) to wait longer." : "";
    throw new PanoramaError(`cannot list the dataset's resources from ${url}: ${err.message}.`, {}, hint + timeout, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new PanoramaError(`the answer of ${url} is not JSON (${(err as Error).message}).`, {}, hint, { cause: err });
  }
  return { url, resources: parseResources(json, url) };
}

/** The `resources` of a udata API v1 dataset answer; throws a PanoramaError saying which field is wrong. */
export function parseResources(json: unknown, where: string): Resource[] {
  const fail = (what: string): never => {
    throw new PanoramaError(`the answer of ${where} is not a udata dataset: ${what}.`, {}, "Check the --api base address (data.gouv.fr API v1).");
  };
  if (json === null || typeof json !== "object" || Array.isArray(json)) fail("expected a JSON object");
  const resources = (json as Record<string, unknown>).resources;
  if (!Array.isArray(resources)) fail(`no "resources" array`);
  return (resources as unknown[]).map((raw, i) => {
    const at = `resources[${i}]`;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail(`${at} is not an object`);
    const r = raw as Record<string, unknown>;
    const text = (key: string, required: boolean): string | null => {
      const v = r[key];
      if (typeof v === "string") return v;
      if (v === undefined || v === null) return required ? fail(`${at}.${key} is missing`) : null;
      return fail(`${at}.${key} is not a string`);
    };
    const filesize = r.filesize;
    if (filesize !== undefined && filesize !== null && (typeof filesize !== "number" || !Number.isFinite(filesize) || filesize < 0)) {
      fail(`${at}.filesize is not a size in bytes`);
    }
    let checksum: Resource["checksum"] = null;
    if (r.checksum !== undefined && r.checksum !== null) {
      const c = r.checksum as Record<string, unknown>;
      if (typeof c !== "object" || typeof c.type !== "string" || typeof c.value !== "string") fail(`${at}.checksum is not {type, value}`);
      checksum = { type: c.type as string, value: c.value as string };
    }
    return {
      id: text("id", true)!,
      title: text("title", false) ?? "",
      format: (text("format", false) ?? "").toLowerCase(),
      url: text("url", true)!,
      latest: text("latest", false),
      filesize: (filesize as number | null | undefined) ?? null,
      mime: text("mime", false),
      checksum,
      created_at: text("created_at", false),
      last_modified: text("last_modified", false),
      type: text("type", false),
    };
  });
}

function resourceSha256(r: Resource): string | null {
  if (!r.checksum) return null;
  const type = r.checksum.type.toLowerCase();
  const value = r.checksum.value.toLowerCase();
  // udata says "sha2" for SHA-256 in some versions.
  return (type === "sha256" || type === "sha2") && /^[0-9a-f]{64}$/.test(value) ? value : null;
}

/** For each resource, the catalogue edition that has it: by resource id in a source URL or upstreamId, by URL, or by sha256. */
export function matchResources(resources: readonly Resource[], catalogue: readonly Edition[]): ResourceMatch[] {
  return resources.map((resource) => {
    const id = resource.id.toLowerCase();
    const urls = new Set([resource.url, resource.latest].filter((u): u is string => !!u));
    const sha = resourceSha256(resource);
    for (const how of ["resource id", "url", "sha256"] as const) {
      for (const edition of catalogue) {
        for (const source of edition.sources) {
          const sourceAddresses = sourceUrls(source);
          const hit =
            how === "resource id"
              ? id !== "" && (source.upstreamId.toLowerCase() === id || sourceAddresses.some((u) => u.toLowerCase().includes(id)))
              : how === "url"
                ? sourceAddresses.some((u) => urls.has(u))
                : sha !== null && source.sha256 === sha;
          if (hit) return { resource, edition: edition.id, matchedBy: how };
        }
      }
    }
    return { resource, edition: null, matchedBy: null };
  });
}

export function isSupportedFormat(format: string): boolean {
  return isSourceFormat(format.toLowerCase());
}
