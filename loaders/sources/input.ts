// Files and addresses given on the command line: local paths, or downloads through the allow-list.
import { basename, resolve } from "node:path";
import { defaultAcquireOptions, DEFAULT_TIMEOUT_MS, download, DownloadError, LOOPBACK_HOSTS, type AcquireOptions } from "./acquire.js";
import { PanoramaError } from "../errors.js";
import { readLocalInput } from "./limits.js";

/** The bytes of a file given on the command line, and where they came from. */
export interface InputFile {
  bytes: Buffer;
  /** file name (local path's base name, or the URL's last path segment) */
  file: string;
  /** the URL it was downloaded from, null for a local file */
  url: string | null;
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Reads a local file, or downloads a URL (https through the allow-list; http only on loopback). */
export async function readFileOrUrl(input: string, env: NodeJS.ProcessEnv, cwd: string): Promise<InputFile> {
  if (isUrl(input)) {
    const opts = httpOptions(input, env, cwd, { timeoutMs: DEFAULT_TIMEOUT_MS });
    try {
      const bytes = await download(input, opts);
      const last = new URL(input).pathname.split("/").filter(Boolean).pop();
      return { bytes, file: last ? safeDecode(last) : "download", url: input };
    } catch (err) {
      if (!(err instanceof DownloadError)) throw err;
      throw new PanoramaError(
        `cannot download ${input}: ${err.message}.`,
        {},
        "Check the address and the network (PANORAMA_ALLOWED_HOSTS lists the hosts allowed).",
        { cause: err },
      );
    }
  }
  return { bytes: await readLocalInput(resolve(cwd, input), input), file: basename(input), url: null };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const MAX_TIMEOUT_MS = 3_600_000;

/**
 * Download options for an address given on the command line: https through the allow-list of
 * acquire.ts; plain http only on the loopback interface (a local server, in tests).
 * PANORAMA_TIMEOUT_MS overrides the timeout.
 */
export function httpOptions(address: string, env: NodeJS.ProcessEnv, cwd: string, defaults: { timeoutMs: number; maxBytes?: number }): AcquireOptions {
  const opts = defaultAcquireOptions(env, cwd);
  let url: URL;
  try {
    url = new URL(address);
  } catch (cause) {
    throw new PanoramaError(`"${address}" is not a valid address.`, {}, "Give an https address (or a local path) as the file to read.", { cause });
  }
  const host = url.hostname.toLowerCase();
  const loopback = LOOPBACK_HOSTS.has(host);
  if (url.protocol === "http:" && !loopback) {
    throw new PanoramaError(`refused ${url.href}: only https is allowed (plain http only on 127.0.0.1, localhost or [::1]).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PanoramaError(`refused ${url.href}: only https is allowed.`);
  if (!opts.online && !loopback) throw new PanoramaError(`not downloading ${url.href}: PANORAMA_OFFLINE is set.`, {}, "Unset PANORAMA_OFFLINE to go online.");
  const timeout = env.PANORAMA_TIMEOUT_MS?.trim();
  let timeoutMs = defaults.timeoutMs;
  if (timeout) {
    // Digits only: Number() would also take "0x10", "1e3" or " ", and a timer above 2^31 - 1 ms fires at once.
    timeoutMs = /^\d{1,10}$/.test(timeout) ? Number(timeout) : Number.NaN;
    if (!(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) {
      throw new PanoramaError(
        `PANORAMA_TIMEOUT_MS="${timeout}" is not a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (one hour).`,
        {},
        `Set it to, for example, ${defaults.timeoutMs}, or unset it for the default.`,
      );
    }
  }
  return {
    ...opts,
    timeoutMs,
    maxBytes: defaults.maxBytes ?? opts.maxBytes,
    allowedHosts: loopback ? [...opts.allowedHosts, host] : opts.allowedHosts,
    allowInsecureLoopback: loopback,
  };
}

const DATA_GOUV_RESOURCE = /^https:\/\/(?:www\.)?data\.gouv\.fr\/(?:fr\/datasets\/r|api\/1\/datasets\/r)\/([0-9a-f-]{36})\/?$/i;

/** The data.gouv.fr resource id of a download address (both documented forms), or null. */
export function dataGouvResourceId(url: string): string | null {
  return DATA_GOUV_RESOURCE.exec(url)?.[1]?.toLowerCase() ?? null;
}
