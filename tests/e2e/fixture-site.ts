// Builds tests/fixtures/offline-site with the project's own configuration and offline tooling
// (prepare-offline.js, offline-guard.js, finalize-build.js) in a temporary folder. It exercises
// every module kind the report relies on (implicit and explicit Plot, d3, htl, Inputs,
// FileAttachment JSON/CSV, `sql:` on a .duckdb file) independently of docs/ pages.
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDuckDB } from "../../loaders/output/index.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = join(REPO, "tests", "fixtures", "offline-site", "src");
const OBSERVABLE = join(REPO, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");

export interface FixtureSite {
  dir: string;
  root: string;
  dist: string;
  /** stdout and stderr of prepare-offline, observable build and finalize-build */
  log: string;
  buildSeconds: number;
  cleanup(): Promise<void>;
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1", PANORAMA_ALLOW_NETWORK: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(output) : fail(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

// Same storage version as the report's panorama.duckdb, which DuckDB-WASM 1.29 can attach.
async function writeDatabase(dataDir: string): Promise<void> {
  const { connection, close } = await openDuckDB();
  try {
    const duckdbPath = join(dataDir, "panorama.duckdb").replaceAll("'", "''");
    await connection.run(`ATTACH '${duckdbPath}' AS fixture (STORAGE_VERSION 'v1.0.0')`);
    await connection.run(
      // DOUBLE, as in loaders/schema.ts: DECIMAL values reach the browser as Arrow Decimal words.
      `CREATE TABLE fixture.projects AS SELECT id, ministry, cost::DOUBLE AS cost FROM (VALUES ('P1', 'Intérieur', 12.5), ('P2', 'Justice', 30.0), ('P3', 'Armées', 7.25)) v(id, ministry, cost)`,
    );
    await connection.run("DETACH fixture");
  } finally {
    close();
  }
}

export async function buildFixtureSite(): Promise<FixtureSite> {
  const dir = await mkdtemp(join(tmpdir(), "panorama-offline-site-"));
  const root = join(dir, "src");
  const dist = join(dir, "dist");
  try {
    await cp(FIXTURE, root, { recursive: true });
    await cp(join(REPO, "docs", "style.css"), join(root, "style.css"));
    // style.css bundles the components' stylesheets.
    await cp(join(REPO, "docs", "components"), join(root, "components"), { recursive: true, filter: (src) => !/\.[a-z]+$/.test(src) || src.endsWith(".css") });
    await cp(join(REPO, "docs", "assets"), join(root, "assets"), { recursive: true });
    await writeDatabase(join(root, "data"));
    const config = join(REPO, "observablehq.config.ts");
    // ESM, so that tsx (which Framework registers for a .ts config) handles the .ts import too.
    await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    await writeFile(
      join(dir, "observablehq.config.ts"),
      `import config from ${JSON.stringify(config)};\n` +
        `export default {...config, root: "src", output: "dist", dynamicPaths: [], search: true, pages: [{name: "Essais", pages: [{name: "Imports explicites", path: "/explicit"}, {name: "SQL", path: "/sql"}]}]};\n`,
    );
    const started = performance.now();
    let log = await run(process.execPath, [join(REPO, "scripts", "prepare-offline.js"), "--root", root], dir);
    log += await run(process.execPath, [OBSERVABLE, "build"], dir);
    log += await run(process.execPath, [join(REPO, "scripts", "finalize-build.js"), dist], dir);
    const buildSeconds = (performance.now() - started) / 1000;
    return { dir, root, dist, log, buildSeconds, cleanup: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
