// Issue 14, point 6: with PANORAMA_OFFLINE set, no source reaches the network: not the catalogue's
// downloads, not a cached edition's old warnings, not a redirect, not the data.gouv.fr API.
import { copyFile, mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { editionCodeHash } from "../loaders/build/edition-cache.js";
import { loadEdition } from "../loaders/build/pipeline.js";
import { acquire, defaultAcquireOptions, download, DownloadError, type AcquireOptions } from "../loaders/sources/acquire.js";
import type { Edition } from "../loaders/sources/catalogue.js";
import { fetchResources } from "../loaders/sources/discover.js";
import { LOADERS_DIR, removeDir, runCli, tempDir } from "./helpers.js";

const PAGE = join(import.meta.dirname, "fixtures", "read", "dashboard.html");
const ODS_URL = "https://www.data.gouv.fr/api/1/datasets/r/d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db";

// The 2021-11 shape: two data.gouv.fr spreadsheets that no mirror holds, and a mirrored dashboard page.
const edition: Edition = {
  id: "2021-11",
  label: "novembre 2021",
  number: 14,
  mirrored: true,
  inferred: false,
  sources: [
    {
      kind: "spreadsheet",
      format: "ods",
      url: ODS_URL,
      altUrls: [],
      sha256: null,
      mirrorPath: "spreadsheets/2021-11.ods",
      upstreamId: "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db",
    },
    {
      kind: "dashboard",
      format: "html",
      url: "https://raw.githubusercontent.com/DISIC/panorama/3c4ce678db11a20cae17951113ba24586cd61517/index.html",
      altUrls: [],
      sha256: null,
      mirrorPath: "dashboards/2021-11.html",
      upstreamId: "3c4ce678db11a20cae17951113ba24586cd61517",
    },
  ],
};

let dir: string;
let server: Server;
let local: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url === "/redirect") res.writeHead(302, { location: ODS_URL }).end();
    else res.writeHead(200).end("Nom du projet;Ministère porteur\nA;B\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  dir = await tempDir();
  requests = 0;
  await mkdir(join(dir, "mirror", "dashboards"), { recursive: true });
  await copyFile(PAGE, join(dir, "mirror", "dashboards", "2021-11.html"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await removeDir(dir);
});

/** A fetch that counts its calls and fails like a machine without DNS. */
function unreachable() {
  return vi.fn(async (input: string | URL | Request) => {
    throw new TypeError("fetch failed", { cause: new Error(`getaddrinfo ENOTFOUND ${new URL(String(input)).hostname}`) });
  });
}

describe("PANORAMA_OFFLINE=1", () => {
  const env = (over: NodeJS.ProcessEnv = {}) => ({ PANORAMA_MIRROR: join(dir, "mirror"), ...over });

  it("tries no catalogue address and says so for each", async () => {
    const spy = unreachable();
    const opts: AcquireOptions = { ...defaultAcquireOptions(env({ PANORAMA_OFFLINE: "1" }), dir), fetch: spy };
    await expect(acquire(edition, edition.sources[0]!, opts)).rejects.toThrow(`${ODS_URL}: not tried, offline (PANORAMA_OFFLINE=1)`);
    expect(spy).not.toHaveBeenCalled();
  });

  it("reports this run's acquisition, not the warnings cached by an earlier online run", async () => {
    const cache = { dir: join(dir, "editions"), code: await editionCodeHash(LOADERS_DIR) };
    const online = await loadEdition(edition, { ...defaultAcquireOptions(env(), dir), fetch: unreachable() }, cache);
    expect(online.warnings.join("\n")).toContain("ENOTFOUND");

    const spy = vi.spyOn(globalThis, "fetch");
    const offline = await loadEdition(edition, defaultAcquireOptions(env({ PANORAMA_OFFLINE: "1" }), dir), cache);
    expect(spy).not.toHaveBeenCalled();
    expect(offline.projects).toEqual(online.projects);
    const warnings = offline.warnings.join("\n");
    expect(warnings).not.toContain("ENOTFOUND");
    expect(warnings).not.toContain("request failed");
    expect(warnings).toContain(`${ODS_URL}: not tried, offline`);
  });

  it("refuses any download but a loopback test server's, and a redirect from it to the network", async () => {
    const spy = unreachable();
    const offline = { ...defaultAcquireOptions({ PANORAMA_OFFLINE: "1" }, dir), fetch: spy };
    await expect(download(ODS_URL, offline)).rejects.toThrow(new DownloadError("not tried, offline (PANORAMA_OFFLINE=1)"));
    expect(spy).not.toHaveBeenCalled();

    const loopback = { ...offline, fetch: undefined, allowInsecureLoopback: true, allowedHosts: ["127.0.0.1", "www.data.gouv.fr"] };
    expect((await download(`${local}/file`, loopback)).toString()).toContain("Nom du projet");
    await expect(download(`${local}/redirect`, loopback)).rejects.toThrow("not tried, offline");
    expect(requests).toBe(2);
  });

  it("lists no data.gouv.fr resource", async () => {
    const spy = unreachable();
    const opts = { ...defaultAcquireOptions({ PANORAMA_OFFLINE: "1" }, dir), fetch: spy };
    await expect(fetchResources("https://www.data.gouv.fr", opts)).rejects.toThrow("not tried, offline");
    expect(spy).not.toHaveBeenCalled();
  });

  it("`panorama build` makes no request", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const run = await runCli(
      ["build", "--out", join(dir, "out")],
      { PANORAMA_OFFLINE: "1", PANORAMA_MIRROR: join(dir, "mirror"), PANORAMA_NO_CACHE: "1" },
      dir,
    );
    expect(spy).not.toHaveBeenCalled();
    expect(run.err).not.toMatch(/request failed|ENOTFOUND|timed out/);
    expect(run.err).toContain("not tried, offline");
  });
});
