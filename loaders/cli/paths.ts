// The --out folder, checked before any work, and the file system's refusals said in words.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { PanoramaError } from "../errors.js";

/** Raised for a bad command line (exit code 2). */
export class UsageError extends PanoramaError {}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EEXIST: "something already exists there",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOENT: "no such file or folder",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EBUSY: "the file is busy",
  EXDEV: "it is on another device",
};

/** A Node file system error (code, syscall, path) in words, or null for any other error. */
export function systemErrorText(e: unknown): string | null {
  const { code, syscall, path } = (e ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof code !== "string" || !(code in REASONS)) return null;
  const what = typeof syscall === "string" ? `${syscall} ` : "";
  return `${what}${typeof path === "string" ? path : "?"} failed: ${REASONS[code]} (${code})`;
}

/**
 * Checks that `out` is, or can become, a folder this process writes in: the nearest existing
 * path must be a folder with write and search permission. Nothing is created here.
 */
export async function checkOutFolder(out: string, cwd: string): Promise<void> {
  const target = resolve(cwd, out);
  let probe = target;
  for (;;) {
    const found = await stat(probe).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      if (e.code === "ENOTDIR") return "not a folder" as const;
      throw new PanoramaError(`--out ${out}: ${systemErrorText(e) ?? String(e)}.`, {}, "Choose a folder you can write to.", { cause: e });
    });
    if (found === "not a folder") {
      probe = dirname(probe);
      continue;
    }
    if (found) {
      if (!found.isDirectory()) {
        throw new UsageError(
          probe === target ? `--out ${out} is a file, not a folder.` : `--out ${out} cannot be created: ${probe} is a file, not a folder.`,
          {},
          "Give a folder (it is created if missing), for example --out out.",
        );
      }
      break;
    }
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  try {
    await access(probe, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new PanoramaError(
      `--out ${out}: cannot write in ${probe} (${systemErrorText(e) ?? String(e)}).`,
      {},
      "Choose a folder you can write to, or change its permissions.",
      { cause: e },
    );
  }
}

/** An error from writing the outputs, as a PanoramaError naming the folder; other errors unchanged. */
export function outputError(e: unknown, out: string): unknown {
  const text = systemErrorText(e);
  if (text === null) return e;
  return new PanoramaError(
    `could not write the outputs in ${out}: ${text}.`,
    {},
    "Check that --out is a folder you can write to, with free space, and run the command again.",
    { cause: e },
  );
}
