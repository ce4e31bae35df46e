import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type Io } from "../loaders/cli/index.js";
import { PanoramaError } from "../loaders/errors.js";
import { openDuckDB } from "../loaders/output/index.js";

export const LOADERS_DIR = join(import.meta.dirname, "..", "loaders");
export const MIRROR = process.env.PANORAMA_MIRROR || null;
export const NO_MIRROR_REASON = "PANORAMA_MIRROR is not set: the real editions are not available";

export async function tempDir(prefix = "panorama-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Runs a read-only query against a DuckDB file and returns JSON-friendly rows. */
export async function queryDuckdb(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const { connection, close } = await openDuckDB();
  try {
    await connection.run(`ATTACH '${path.replaceAll("'", "''")}' AS db (READ_ONLY)`);
    await connection.run("USE db");
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    close();
  }
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in process with captured output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd, loadersDir: LOADERS_DIR };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The PanoramaError that fn throws; any other outcome fails the test. */
export function thrown(fn: () => unknown): PanoramaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PanoramaError) return error;
    throw error;
  }
  throw new Error("expected a PanoramaError");
}

/**
 * A bound on the time of a test over a large or hostile input that catches super-linear work (a
 * quadratic pass over these inputs takes hours), not a speed target: speeds are measured by
 * `npm run bench`. Generous, so that a loaded machine passes.
 */
export const CATASTROPHIC_MS = 30_000;
