import { visibleText } from "../errors.js";

/** What a command may touch of the world: its output lines, the environment and the working folder. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The loaders' source folder: the edition cache hashes the code that reads editions. */
  loadersDir: string;
}

/**
 * The printing boundary: every line a command prints goes through here, so that text from files
 * and servers (headers, dates, titles, error messages) reaches the terminal as text, never as
 * control sequences (loaders/errors.ts, visibleText).
 */
export function terminalIo(io: Io): Io {
  return { ...io, out: (line) => io.out(visibleText(line)), err: (line) => io.err(visibleText(line)) };
}

// What JSON.stringify leaves raw and a terminal would act on: DEL, C1 controls, bidirectional controls, line separators.
const JSON_INVISIBLE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal or a pipe: the same value, with invisible characters written as \uXXXX escapes. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
