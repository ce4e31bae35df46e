// Lock files: commands that run at once (two `panorama editions add`, two builds) take turns to
// change the catalogue, the caches and the outputs. A lock is a file created exclusively, holding
// the owner's process id, host and start time; a lock whose process no longer runs on this host,
// or older than `staleMs`, is broken (under a second, short-lived lock, so that two waiters never
// both break it and take it).

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { link, mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PanoramaError } from "../errors.js";

export interface LockOptions {
  /** How long to wait for another command to finish, in ms. */
  timeoutMs?: number;
  /** A lock older than this is broken even when its process seems to run (process ids are reused). */
  staleMs?: number;
}

export const LOCK_TIMEOUT_MS = 120_000;
const STALE_MS = 60 * 60 * 1000;
/** A breaker lock is held for a few file operations: older than this, its holder died. */
const BREAKER_STALE_MS = 10_000;

interface Owner {
  pid: number;
  host: string;
  since: string;
}

/** Whether a process of this machine runs with this id (EPERM: it runs as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readOwner(path: string): Promise<{ owner: Owner | null; text: string; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    let owner: Owner | null = null;
    try {
      const json = JSON.parse(text) as Partial<Owner>;
      if (Number.isInteger(json.pid) && typeof json.host === "string" && typeof json.since === "string") owner = json as Owner;
    } catch {
      owner = null;
    }
    return { owner, text, mtimeMs: info.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

function isStale(found: { owner: Owner | null; mtimeMs: number }, staleMs: number, now = Date.now()): boolean {
  const { owner } = found;
  // A lock being written (empty or half-written) is not stale until it is old.
  if (!owner) return now - found.mtimeMs > BREAKER_STALE_MS;
  const since = Date.parse(owner.since);
  if (!Number.isFinite(since) || now - since > staleMs) return true;
  return owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/** Creates `path` holding `text`, or returns false when it exists. The content is complete before the name appears. */
async function create(path: string, text: string): Promise<boolean> {
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, text, { flag: "wx" });
  try {
    // link() fails when the name exists: an exclusive create whose content is never seen half-written.
    await link(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: an exclusive create (its content may be read half-written, then it is not stale yet).
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") {
      return writeFile(path, text, { flag: "wx" }).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === "EEXIST") return false;
          throw e;
        },
      );
    }
    throw err;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** Removes `path` if it still holds `text` (a stale lock), under the breaker lock `path`.break. */
async function breakStale(path: string, text: string): Promise<void> {
  const breaker = `${path}.break`;
  const info = await stat(breaker).catch(() => null);
  if (info && Date.now() - info.mtimeMs > BREAKER_STALE_MS) await unlink(breaker).catch(() => {});
  if (!(await create(breaker, JSON.stringify(owner())))) return;
  try {
    const again = await readOwner(path);
    if (again && again.text === text) await unlink(path).catch(() => {});
  } finally {
    await unlink(breaker).catch(() => {});
  }
}

function owner(): Owner & { token: string } {
  // The token tells two holders of one process apart.
  return { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(6).toString("hex") };
}

/** A held lock: release() removes it (only if it is still this one). */
export interface Lock {
  path: string;
  release(): Promise<void>;
}

/** Takes the lock file `path`, waiting for another command to release it; breaks a stale one. */
export async function acquireLock(path: string, what: string, opts: LockOptions = {}): Promise<Lock> {
  const timeoutMs = opts.timeoutMs ?? LOCK_TIMEOUT_MS;
  const staleMs = opts.staleMs ?? STALE_MS;
  await mkdir(dirname(path), { recursive: true });
  const mine = JSON.stringify(owner());
  const start = Date.now();
  let delay = 10;
  for (;;) {
    if (await create(path, mine)) {
      return {
        path,
        release: async () => {
          const found = await readOwner(path).catch(() => null);
          if (found?.text === mine) await unlink(path).catch(() => {});
        },
      };
    }
    const found = await readOwner(path);
    if (found && isStale(found, staleMs)) {
      await breakStale(path, found.text);
      continue;
    }
    if (Date.now() - start > timeoutMs) {
      const who = found?.owner ? `process ${found.owner.pid} on ${found.owner.host}, since ${found.owner.since}` : "another process";
      throw new PanoramaError(
        `${what} is locked by another panorama command (${who}); waited ${Math.round(timeoutMs / 1000)} s.`,
        { file: path },
        "Wait for that command to finish; if none is running, delete the lock file.",
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 200);
  }
}

/** Runs `fn` holding the lock file `path`. */
export async function withLock<T>(path: string, what: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = await acquireLock(path, what, opts);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** The lock file that guards `file`: beside it, hidden. */
export function lockPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`);
}
