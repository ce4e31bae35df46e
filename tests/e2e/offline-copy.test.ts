// The offline copy for an intranet (scripts/publish/offline-copy.sh) of the built dist/: a tarball
// holding every file of dist/ under one folder, its sha256 beside it, the same bytes each time.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../scripts/dist-files.js";
import { DEFAULT_DIST } from "./server.js";

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "publish", "offline-copy.sh");

describe("offline copy of dist/ (scripts/publish/offline-copy.sh)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "panorama-offline-copy-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a dated tarball of every file of dist/ and its sha256, identical from one run to the next", async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: "1764460800" };
    await run("bash", [SCRIPT, join(dir, "a")], { env });
    await run("bash", [SCRIPT, join(dir, "b")], { env });
    expect((await readdir(join(dir, "a"))).sort()).toEqual(["panorama-2025-11-30.tar.gz", "panorama-2025-11-30.tar.gz.sha256"]);
    const archive = await readFile(join(dir, "a", "panorama-2025-11-30.tar.gz"));
    expect(archive.equals(await readFile(join(dir, "b", "panorama-2025-11-30.tar.gz")))).toBe(true);
    const sum = (await readFile(join(dir, "a", "panorama-2025-11-30.tar.gz.sha256"), "utf8")).trim();
    expect(sum).toBe(`${createHash("sha256").update(archive).digest("hex")}  panorama-2025-11-30.tar.gz`);
    await run("sha256sum", ["-c", "panorama-2025-11-30.tar.gz.sha256"], { cwd: join(dir, "a") });
    const { stdout } = await run("tar", ["-tzf", join(dir, "a", "panorama-2025-11-30.tar.gz")], { maxBuffer: 64 << 20 });
    const listed = stdout.split("\n").filter((l) => l && !l.endsWith("/"));
    const files = (await listFiles(DEFAULT_DIST)).map((f) => `panorama-2025-11-30/${f.slice(DEFAULT_DIST.length).replace(/^\//, "")}`);
    expect(listed.sort()).toEqual(files.sort());
    expect(listed).toContain("panorama-2025-11-30/index.html");
  }, 120_000);

  it("refuses, with a message, when there is no built site", async () => {
    const empty = await mkdtemp(join(tmpdir(), "panorama-no-dist-"));
    try {
      await run("bash", [
        "-c",
        `cp "${SCRIPT}" "${empty}/s.sh" && mkdir -p "${empty}/scripts/publish" && mv "${empty}/s.sh" "${empty}/scripts/publish/offline-copy.sh" && bash "${empty}/scripts/publish/offline-copy.sh"`,
      ]);
      expect.unreachable();
    } catch (error) {
      const e = error as { code: number; stderr: string };
      expect(e.code).toBe(1);
      expect(e.stderr).toContain("dist/index.html not found: build the report first");
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
