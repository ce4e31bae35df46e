import { main } from "./main.js";

/** Runs the command line; `loadersDir` is the loaders' source folder (bin/panorama.js knows it, the bundle does not). */
export async function run(loadersDir: string): Promise<number> {
  return main(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
    cwd: process.cwd(),
    loadersDir,
  });
}
