// Python's http.server over dist/: a plain static file server with no rewrite rule (no clean URLs,
// no 404 page, no range requests), like nginx's or Apache's defaults.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import type { StaticServer } from "./server.js";

export const HAS_PYTHON = spawnSync("python3", ["--version"]).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`python3 -m http.server exited with ${child.exitCode}`);
    try {
      await fetch(url, { method: "HEAD" });
      return;
    } catch {
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  throw new Error(`${url}: python3 -m http.server did not answer`);
}

/** Serves `root` with `python3 -m http.server` on 127.0.0.1 and a free port. */
export async function startPlainServer(root: string): Promise<StaticServer> {
  const port = await freePort();
  const child = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/`, child);
  return {
    url,
    close: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill();
      }),
  };
}
