import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, posix, relative, resolve, sep } from "node:path";
import { isSafeRelativePath, sourceUrls, type Edition, type SourceRef } from "./catalogue.js";
import { PanoramaError } from "../errors.js";
import { sameSha256, sha256Hex } from "./hash.js";
import { formatBytes, LIMITS, readLocalFile } from "./limits.js";
import { lockPathFor, withLock } from "./lock.js";
import type { SourceKind } from "../schema.js";

export interface AcquireOptions {
  /** default <root>/.cache/panorama/sources */
  cacheDir: string;
  /** from env PANORAMA_MIRROR */
  mirrorDir: string | null;
  /** default: true unless env PANORAMA_OFFLINE=1 */
  online: boolean;
  /** per URL, redirects and body included */
  timeoutMs: number;
  /** exact host names; env PANORAMA_ALLOWED_HOSTS (comma list) overrides */
  allowedHosts: string[];
  maxBytes: number;
  fetch?: typeof fetch;
  /** Tests only: also accept http:// on 127.0.0.1, localhost and [::1]. Never set by defaultAcquireOptions. */
  allowInsecureLoopback?: boolean;
}

export interface Acquired {
  bytes: Buffer;
  path: string;
  origin: "cache" | "mirror" | "download";
  sha256: string;
  source: SourceRef;
}

export const DEFAULT_ALLOWED_HOSTS = ["www.data.gouv.fr", "data.gouv.fr", "static.data.gouv.fr", "raw.githubusercontent.com"];
export const DEFAULT_MAX_BYTES = LIMITS.maxFileBytes;
export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function defaultAcquireOptions(env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): AcquireOptions {
  const mirror = env.PANORAMA_MIRROR?.trim();
  const hosts = env.PANORAMA_ALLOWED_HOSTS?.split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return {
    cacheDir: join(root, ".cache", "panorama", "sources"),
    mirrorDir: mirror ? resolve(root, mirror) : null,
    online: !["1", "true", "yes"].includes((env.PANORAMA_OFFLINE ?? "").trim().toLowerCase()),
    timeoutMs: DEFAULT_TIMEOUT_MS,
    allowedHosts: hosts && hosts.length > 0 ? hosts : [...DEFAULT_ALLOWED_HOSTS],
    maxBytes: DEFAULT_MAX_BYTES,
  };
}

export function cachePath(edition: Edition, source: SourceRef, cacheDir: string): string {
  return join(cacheDir, edition.id, posix.basename(source.mirrorPath));
}

/** Cache, then mirror (read in place), then download (written to the cache). Throws a PanoramaError listing every place looked. */
export async function acquire(edition: Edition, source: SourceRef, opts: AcquireOptions): Promise<Acquired> {
  const looked: string[] = [];
  const target = cachePath(edition, source, opts.cacheDir);

  const local = await readLocalFile(target, opts.maxBytes);
  const cached = local.kind === "file" ? local.bytes : null;
  if (local.kind === "too-large") {
    looked.push(`cache ${target}: present but ${formatBytes(local.size)}, over the limit of ${formatBytes(opts.maxBytes)} (ignored, not read)`);
  } else if (cached) {
    const sha = sha256Hex(cached);
    if (source.sha256 === null || sameSha256(sha, source.sha256)) {
      return { bytes: cached, path: target, origin: "cache", sha256: sha, source };
    }
    looked.push(`cache ${target}: present but sha256 ${sha} differs from the expected ${source.sha256} (ignored)`);
  } else {
    looked.push(`cache ${target}: absent`);
  }

  if (opts.mirrorDir) {
    const hit = await fromMirror(source, opts.mirrorDir, opts.maxBytes, looked);
    if (hit) return hit;
  } else {
    looked.push("mirror: PANORAMA_MIRROR not set");
  }

  if (opts.online) {
    const hit = await fromNetwork(source, target, opts, looked);
    if (hit) return hit;
  } else {
    for (const url of sourceUrls(source)) looked.push(`${url}: ${OFFLINE_NOT_TRIED}`);
  }

  throw new PanoramaError(
    `cannot get the ${source.kind} (${source.format}) ${source.mirrorPath}${source.sha256 ? ` (sha256 ${source.sha256})` : ""}. Looked in:\n${looked.map((l) => `  - ${l}`).join("\n")}\n`,
    { edition: edition.id, file: source.mirrorPath },
    `To provide it: set PANORAMA_MIRROR to a folder laid out like ../shared/panorama, or put the file at ${target}, or run online (PANORAMA_OFFLINE unset, hosts allowed by PANORAMA_ALLOWED_HOSTS).`,
  );
}

/**
 * The first source of that kind that can be had, in catalogue order; null when the edition has
 * no source of that kind; throws when it has some but none can be had.
 */
export async function acquireFirst(edition: Edition, kind: SourceKind, opts: AcquireOptions): Promise<Acquired | null> {
  const sources = edition.sources.filter((s) => s.kind === kind);
  if (sources.length === 0) return null;
  const failures: PanoramaError[] = [];
  for (const source of sources) {
    try {
      return await acquire(edition, source, opts);
    } catch (err) {
      if (!(err instanceof PanoramaError)) throw err;
      failures.push(err);
    }
  }
  if (failures.length === 1) throw failures[0]!;
  throw new PanoramaError(`none of the ${sources.length} ${kind} sources can be had:\n${failures.map((f, i) => `(${i + 1}) ${f.message}`).join("\n")}`, {
    edition: edition.id,
  });
}

// ---- Mirror -------------------------------------------------------------------------------------

async function fromMirror(source: SourceRef, mirrorDir: string, maxBytes: number, looked: string[]): Promise<Acquired | null> {
  if (!(await isDirectory(mirrorDir))) {
    looked.push(`mirror ${mirrorDir} (PANORAMA_MIRROR): not a folder`);
    return null;
  }
  const tried = new Set<string>();
  const tryFile = async (rel: string, how: string): Promise<Acquired | null> => {
    const path = join(mirrorDir, ...rel.split("/"));
    if (tried.has(path)) return null;
    tried.add(path);
    const local = await readLocalFile(path, maxBytes);
    if (local.kind === "too-large") {
      looked.push(`mirror ${path}${how}: refused, ${formatBytes(local.size)} is over the limit of ${formatBytes(maxBytes)} (not read)`);
      return null;
    }
    if (local.kind !== "file") {
      looked.push(`mirror ${path}${how}: absent`);
      return null;
    }
    const bytes = local.bytes;
    const sha = sha256Hex(bytes);
    if (source.sha256 !== null && !sameSha256(sha, source.sha256)) {
      looked.push(`mirror ${path}${how}: refused, sha256 ${sha} differs from the expected ${source.sha256}`);
      return null;
    }
    return { bytes, path, origin: "mirror", sha256: sha, source };
  };

  const direct = await tryFile(source.mirrorPath, "");
  if (direct) return direct;

  const readmePath = join(mirrorDir, "README.md");
  const readme = source.upstreamId ? await readIfFile(readmePath) : null;
  if (readme) {
    const rows = mirrorReadmeRows(readme.toString("utf8"), source.upstreamId);
    if (rows.length === 0) {
      const named = readme.toString("utf8").includes(source.upstreamId);
      looked.push(`mirror ${readmePath}: ${named ? "the row naming" : "no table row names"} ${source.upstreamId}${named ? " gives no mirror file" : ""}`);
    }
    for (const rel of rows) {
      const hit = await tryFile(rel, ` (README row for ${source.upstreamId})`);
      if (hit) return hit;
    }
  } else if (source.upstreamId) {
    looked.push(`mirror ${readmePath}: absent`);
  }

  if (source.sha256 !== null) {
    const found = await findBySha(mirrorDir, source.sha256, tried, maxBytes);
    if (found) return { bytes: found.bytes, path: found.path, origin: "mirror", sha256: source.sha256.toLowerCase(), source };
    looked.push(`mirror ${mirrorDir}: no file with sha256 ${source.sha256}`);
  }
  return null;
}

/** Mirror files named in the first column of README table rows that mention `upstreamId`. */
export function mirrorReadmeRows(readme: string, upstreamId: string): string[] {
  const out: string[] = [];
  for (const line of readme.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("|") || !trimmed.includes(upstreamId)) continue;
    const first =
      trimmed
        .slice(1)
        .split("|")[0]
        ?.trim()
        .replace(/^`(.*)`$/, "$1") ?? "";
    if (isSafeRelativePath(first) && !/\s/.test(first)) out.push(first);
  }
  return out;
}

// The sha256 of each mirror file scanned, by path, size, date and inode: each edition missing from
// the mirror scans it, and a file that kept all four is not read again.
const scannedSha = new Map<string, string>();

async function findBySha(dir: string, sha: string, skip: Set<string>, maxBytes: number): Promise<{ path: string; bytes: Buffer } | null> {
  for (const path of await listFiles(dir)) {
    if (skip.has(path)) continue;
    const info = await stat(path).catch(() => null);
    const id = info ? [path, info.size, info.mtimeMs, info.ino].join("\0") : null;
    const known = id === null ? undefined : scannedSha.get(id);
    if (known !== undefined && !sameSha256(known, sha)) continue;
    const local = await readLocalFile(path, maxBytes);
    if (local.kind !== "file") continue;
    const digest = sha256Hex(local.bytes);
    if (id !== null) scannedSha.set(id, digest);
    if (sameSha256(digest, sha)) return { path, bytes: local.bytes };
  }
  return null;
}

/** Files under `dir`, sorted, without hidden files or folders and without the mirror's README. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !/^readme(\.md)?$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (path) =>
        !relative(dir, path)
          .split(sep)
          .some((part) => part.startsWith(".")),
    )
    .sort((a, b) => a.localeCompare(b));
}

// ---- Download -----------------------------------------------------------------------------------

async function fromNetwork(source: SourceRef, target: string, opts: AcquireOptions, looked: string[]): Promise<Acquired | null> {
  if (source.url === null && source.altUrls.length === 0) {
    looked.push("no download address: the source was added from a local file (panorama editions add)");
  }
  for (const url of sourceUrls(source)) {
    let bytes: Buffer;
    try {
      bytes = await download(url, opts);
    } catch (err) {
      looked.push(`${url}: ${err instanceof DownloadError ? err.message : `failed (${describe(err)})`}`);
      continue;
    }
    const sha = sha256Hex(bytes);
    if (source.sha256 !== null && !sameSha256(sha, source.sha256)) {
      looked.push(`${url}: downloaded ${bytes.length} bytes with sha256 ${sha}, expected ${source.sha256} (not kept)`);
      continue;
    }
    await writeLocked(target, bytes);
    return { bytes, path: target, origin: "download", sha256: sha, source };
  }
  return null;
}

export class DownloadError extends Error {}

/** What a source says when PANORAMA_OFFLINE is set: no request leaves the machine. */
export const OFFLINE_NOT_TRIED = "not tried, offline (PANORAMA_OFFLINE=1)";

function isLoopbackAllowed(url: URL, opts: AcquireOptions): boolean {
  return opts.allowInsecureLoopback === true && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

function checkUrl(url: URL, opts: AcquireOptions): void {
  const host = url.hostname.toLowerCase();
  // Offline, a redirect from a local server to another host stops here too.
  if (!opts.online && !isLoopbackAllowed(url, opts)) throw new DownloadError(OFFLINE_NOT_TRIED);
  const loopbackHttp = opts.allowInsecureLoopback === true && url.protocol === "http:" && LOOPBACK_HOSTS.has(host);
  if (url.protocol !== "https:" && !loopbackHttp) throw new DownloadError(`refused ${url.href}: only https is allowed`);
  if (!opts.allowedHosts.map((h) => h.toLowerCase()).includes(host)) {
    throw new DownloadError(`refused ${url.href}: host ${host} is not allowed (allowed: ${opts.allowedHosts.join(", ")}; see PANORAMA_ALLOWED_HOSTS)`);
  }
}

/** GET with the checks of every download: https (or loopback http when allowed), allowed hosts at each redirect, timeout, size limit. Throws DownloadError. */
export async function download(url: string, opts: AcquireOptions): Promise<Buffer> {
  const fetchImpl = opts.fetch ?? fetch;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new DownloadError("not a valid URL");
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      checkUrl(current, opts);
      let res: Response;
      try {
        res = await fetchImpl(current.href, { redirect: "manual", signal: controller.signal });
      } catch (err) {
        if (controller.signal.aborted) throw new DownloadError(`timed out after ${opts.timeoutMs} ms`);
        throw new DownloadError(`request failed (${describe(err)})`);
      }
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get("location");
        if (!location) throw new DownloadError(`HTTP ${res.status} redirect without a Location header from ${current.href}`);
        if (hop >= MAX_REDIRECTS) throw new DownloadError(`more than ${MAX_REDIRECTS} redirects`);
        try {
          current = new URL(location, current);
        } catch {
          throw new DownloadError(`redirected to an invalid URL "${location}"`);
        }
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => {});
        throw new DownloadError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${current.href !== url ? ` at ${current.href}` : ""}`);
      }
      return await readBody(res, opts.maxBytes, controller, opts.timeoutMs);
    }
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(res: Response, maxBytes: number, controller: AbortController, timeoutMs: number): Promise<Buffer> {
  const tooBig = () => new DownloadError(`response larger than the limit of ${maxBytes} bytes`);
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw tooBig();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        controller.abort();
        throw tooBig();
      }
      chunks.push(Buffer.from(value));
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    if (controller.signal.aborted) throw new DownloadError(`timed out after ${timeoutMs} ms while reading the body`);
    throw new DownloadError(`body read failed (${describe(err)})`);
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}

// ---- Files --------------------------------------------------------------------------------------

export async function writeAtomic(target: string, bytes: Buffer | string): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: "wx" });
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/** writeAtomic under the file's lock (lockPathFor): writers of one cache file take turns. */
export async function writeLocked(target: string, bytes: Buffer | string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await withLock(lockPathFor(target), `the cached file ${target}`, () => writeAtomic(target, bytes));
}

async function readIfFile(path: string): Promise<Buffer | null> {
  const local = await readLocalFile(path);
  return local.kind === "file" ? local.bytes : null;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
