/** What a command may touch of the world: its output lines, the environment and the working folder. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The loaders' source folder: the edition cache hashes the code that reads editions. */
  loadersDir: string;
}
