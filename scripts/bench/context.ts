// What every part of the benchmark shares: the repository, the options, temporary folders, the log.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const MB = 1024 * 1024;

export interface Options {
  runs: number;
  only: Set<string>;
  skipSiteBuild: boolean;
  dist: string;
  edition: string;
  key: string | null;
  out: string;
  keep: boolean;
  mirror: string;
}

const temps: string[] = [];
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `panorama-bench-${prefix}-`));
  temps.push(dir);
  return dir;
}

export async function removeTempDirs(keep: boolean): Promise<void> {
  if (!keep) for (const dir of temps) await rm(dir, { recursive: true, force: true });
  else log(`kept ${temps.length} temporary folders under ${tmpdir()}`);
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
