// Public face of loaders/cli/: the command line (bin/panorama.js runs `run`).
export { run } from "./bin.js";
export { main } from "./main.js";
export type { Io } from "./io.js";
