import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { datasetApiUrl, DATASET_SLUG, matchResources, parseResources, type Resource } from "../loaders/sources/discover.js";
import { formatSize } from "../loaders/cli/discover.js";
import { EDITIONS } from "../loaders/sources/catalogue.js";
import { removeDir, runCli, tempDir } from "./helpers.js";

const PATH = `/api/1/datasets/${DATASET_SLUG}/`;
const SHA_2017_06 = "6c00c2a6d24459608fe6dd0bbc98e5191448d1623b81e060a3d862c239932519";
const NEW_XLSX = "0f0e0d0c-1111-4222-8333-444455556666";
const NEW_PDF = "a1a2a3a4-1111-4222-8333-444455556666";

function resource(id: string, over: Partial<Resource> = {}): Resource {
  return {
    id,
    title: `Ressource ${id}`,
    format: "xlsx",
    url: `https://static.data.gouv.fr/resources/panorama/${id}.xlsx`,
    latest: `https://www.data.gouv.fr/api/1/datasets/r/${id}`,
    filesize: 45_312,
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    checksum: null,
    created_at: "2021-11-20T10:00:00+00:00",
    last_modified: "2021-11-20T10:00:00+00:00",
    type: "main",
    ...over,
  };
}

// What the API answers for the dataset, in its shape (udata API v1), with extra fields it also sends.
const DATASET = {
  id: "5c3f4b1a8b4c4158a3e0f1a2",
  title: "Panorama des grands projets SI de l'État",
  slug: DATASET_SLUG,
  resources: [
    // Known by resource id (built-in 2021-11 ODS).
    resource("d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db", { format: "ods", title: "Panorama novembre 2021 (ODS)" }),
    // Known by URL (built-in 2016-11 CSV on GitHub).
    resource("77777777-1111-4222-8333-444455556666", {
      format: "csv",
      url: "https://raw.githubusercontent.com/DISIC/panorama/4ba4069f2e376981d3d1e76743d7e066736090fb/raw-data/panorama_projets_si.csv",
      latest: "https://www.data.gouv.fr/api/1/datasets/r/77777777-1111-4222-8333-444455556666",
    }),
    // Known by sha256 (built-in 2017-06 CSV).
    resource("88888888-1111-4222-8333-444455556666", { format: "csv", checksum: { type: "sha256", value: SHA_2017_06.toUpperCase() } }),
    // Unknown.
    resource(NEW_XLSX, {
      title: "Panorama des grands projets numériques \u001b[31mdécembre 2023",
      filesize: 52_480,
      last_modified: "2024-04-12T08:30:00+00:00",
      checksum: { type: "sha1", value: "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
    }),
    resource(NEW_PDF, { format: "pdf", title: "Méthodologie", filesize: 1_250_000, last_modified: "2022-01-05T00:00:00+00:00", type: "documentation" }),
  ],
  tags: ["si", "numerique"],
};

type Handler = (url: string, res: import("node:http").ServerResponse) => void;
let handler: Handler;
let server: Server;
let base: string;
let dir: string;
const env = () => {
  const e: NodeJS.ProcessEnv = { ...process.env, PANORAMA_TIMEOUT_MS: "400" };
  delete e.PANORAMA_ALLOWED_HOSTS;
  delete e.PANORAMA_OFFLINE;
  return e;
};
const discover = (...args: string[]) => runCli(["editions", "discover", "--api", base, ...args], env(), dir);
const json = (res: import("node:http").ServerResponse, status: number, body: string) => res.writeHead(status, { "Content-Type": "application/json" }).end(body);

beforeAll(async () => {
  server = createServer((req, res) => handler(req.url ?? "/", res));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});
beforeEach(async () => {
  dir = await tempDir();
  handler = (url, res) => (url === PATH ? json(res, 200, JSON.stringify(DATASET)) : json(res, 404, '{"message": "Not found"}'));
});
afterEach(async () => {
  await removeDir(dir);
});

describe("panorama editions discover", () => {
  it("lists the resources the catalogue does not know, newest first, with format, size, date and permanent URL", async () => {
    const run = await discover();
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const lines = run.out.split("\n");
    expect(lines[0]).toBe(`${base}${PATH}: 5 resources, 3 in the catalogue, 2 not.`);
    const table = lines.slice(2, 7).map((l) => l.trimEnd());
    expect(table).toEqual([
      "  last modified  format                 size  title / permanent URL",
      "  2024-04-12     xlsx                52.5 kB  Panorama des grands projets numériques  [31mdécembre 2023",
      `                                              https://www.data.gouv.fr/api/1/datasets/r/${NEW_XLSX}`,
      "  2022-01-05     pdf (not readable)   1.3 MB  Méthodologie",
      `                                              https://www.data.gouv.fr/api/1/datasets/r/${NEW_PDF}`,
    ]);
    expect(run.out).not.toContain("\u001b");
    expect(run.out).not.toContain("d4b2eeb6");
    expect(run.out).toMatch(/^Next: panorama editions check <permanent URL>/m);
  });

  it("gives the same answer as JSON with --json", async () => {
    const run = await discover("--json");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out);
    expect(out.dataset).toBe(`${base}${PATH}`);
    expect(out.resources).toBe(5);
    expect(out.known).toEqual([
      { id: "d4b2eeb6-4c3e-4b0b-8d12-4cfd642597db", title: "Panorama novembre 2021 (ODS)", edition: "2021-11", matchedBy: "resource id" },
      { id: "77777777-1111-4222-8333-444455556666", title: "Ressource 77777777-1111-4222-8333-444455556666", edition: "2016-11", matchedBy: "url" },
      { id: "88888888-1111-4222-8333-444455556666", title: "Ressource 88888888-1111-4222-8333-444455556666", edition: "2017-06", matchedBy: "sha256" },
    ]);
    expect(out.unknown.map((r: { id: string; supported: boolean }) => [r.id, r.supported])).toEqual([
      [NEW_XLSX, true],
      [NEW_PDF, false],
    ]);
    expect(out.unknown[0]).toMatchObject({
      format: "xlsx",
      filesize: 52_480,
      last_modified: "2024-04-12T08:30:00+00:00",
      title: expect.stringContaining("\u001b"),
    });
  });

  it("knows the editions of editions.local.json", async () => {
    const local = [{ id: "2023-12", sources: [{ kind: "spreadsheet", format: "xlsx", url: `https://www.data.gouv.fr/api/1/datasets/r/${NEW_XLSX}` }] }];
    await writeFile(join(dir, "editions.local.json"), JSON.stringify(local));
    const out = JSON.parse((await discover("--json")).out);
    expect(out.known.map((k: { edition: string }) => k.edition)).toContain("2023-12");
    expect(out.unknown.map((r: { id: string }) => r.id)).toEqual([NEW_PDF]);
  });

  it("says so when nothing is new", async () => {
    handler = (_url, res) => json(res, 200, JSON.stringify({ ...DATASET, resources: DATASET.resources.slice(0, 3) }));
    const run = await discover();
    expect(run.code).toBe(0);
    expect(run.out).toContain("Nothing new: every resource is in the catalogue.");
  });

  it.each<[string, Handler, RegExp]>([
    [
      "404",
      (_u, res) => json(res, 404, '{"message": "Not found"}'),
      /cannot list the dataset's resources from http:\/\/127\.0\.0\.1:\d+\/api\/1\/datasets\/panorama-des-grands-projets-si-de-letat-1\/: HTTP 404 Not Found/,
    ],
    ["500", (_u, res) => json(res, 500, "{}"), /HTTP 500 Internal Server Error/],
    ["timeout", () => {}, /timed out after 400 ms.*PANORAMA_TIMEOUT_MS/s],
    [
      "a body that stalls",
      (_u, res) => {
        res.writeHead(200);
        res.write('{"resources": [');
      },
      /timed out after 400 ms while reading the body/,
    ],
    ["malformed JSON", (_u, res) => json(res, 200, '{"resources": [}'), /is not JSON \(/],
    ["an HTML error page", (_u, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<html>maintenance</html>"), /is not JSON/],
    ["a JSON array", (_u, res) => json(res, 200, "[]"), /not a udata dataset: expected a JSON object/],
    ["no resources", (_u, res) => json(res, 200, '{"data": []}'), /not a udata dataset: no "resources" array/],
    ["a resource without id", (_u, res) => json(res, 200, '{"resources": [{"title": "x", "url": "https://a"}]}'), /resources\[0\]\.id is missing/],
    [
      "a size that is text",
      (_u, res) => json(res, 200, JSON.stringify({ resources: [resource("x", { filesize: "12 ko" as never })] })),
      /resources\[0\]\.filesize is not a size in bytes/,
    ],
    [
      "a redirect off the allow-list",
      (_u, res) => res.writeHead(302, { Location: "https://evil.example/data.json" }).end(),
      /refused https:\/\/evil\.example\/data\.json: host evil\.example is not allowed/,
    ],
    [
      "a redirect to plain http elsewhere",
      (_u, res) => res.writeHead(302, { Location: "http://example.org/" }).end(),
      /refused http:\/\/example\.org\/: only https is allowed/,
    ],
  ])("fails with a clear message and exit 1 on %s", async (_name, h, message) => {
    handler = h;
    const run = await discover();
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toMatch(/^panorama: error: /);
    expect(run.err).toMatch(message);
  });

  it.each([
    ["plain http off loopback", "http://example.org", /only https is allowed \(plain http only on 127\.0\.0\.1, localhost or \[::1\]\)/],
    ["a host off the allow-list", "https://example.org", /host example\.org is not allowed/],
    ["not a URL", "data.gouv.fr", /is not a URL/],
  ])("refuses %s as --api without any request", async (_name, api, message) => {
    let requests = 0;
    handler = (_u, res) => {
      requests++;
      json(res, 200, "{}");
    };
    const run = await runCli(["editions", "discover", "--api", api], env(), dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
    expect(requests).toBe(0);
  });

  it.each([
    [["editions", "discover", "extra"], /takes no file/],
    [["editions", "discover", "--replace"], /does not take --replace/],
    [["editions"], /needs a command: discover, check, diff or add/],
    [["editions", "list"], /unknown command "editions list"/],
  ])("usage errors exit 2: %j", async (args, message) => {
    const run = await runCli(args, env(), dir);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });
});

describe("discover helpers", () => {
  it.each([
    ["https://www.data.gouv.fr", `https://www.data.gouv.fr${PATH}`],
    ["https://www.data.gouv.fr/", `https://www.data.gouv.fr${PATH}`],
    ["http://127.0.0.1:8080/mirror/", `http://127.0.0.1:8080/mirror${PATH}`],
  ])("datasetApiUrl(%s)", (input, expected) => {
    expect(datasetApiUrl(input)).toBe(expected);
  });

  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [45_312, "45.3 kB"],
    [1_250_000, "1.3 MB"],
    [null, "?"],
  ])("formatSize(%s) = %s", (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it("keeps optional fields null and lowercases the format", () => {
    const [r] = parseResources({ resources: [{ id: "a", url: "https://x", format: "XLSX", checksum: null, filesize: null }] }, "test");
    expect(r).toEqual({
      id: "a",
      title: "",
      format: "xlsx",
      url: "https://x",
      latest: null,
      filesize: null,
      mime: null,
      checksum: null,
      created_at: null,
      last_modified: null,
      type: null,
    });
  });

  it.each([
    ["sha256", "ab".repeat(32), "sha256"],
    ["sha2", "ab".repeat(32), "sha256"],
    ["sha1", "ab".repeat(20), null],
    ["md5", "ab".repeat(16), null],
  ])("matches by a checksum of type %s only when it is a sha256", (type, value, how) => {
    const catalogue = [
      {
        ...EDITIONS[0]!,
        id: "2099-01",
        sources: [{ ...EDITIONS[0]!.sources[0]!, sha256: value.slice(0, 64).padEnd(64, "0"), url: "https://a.example/x", altUrls: [], upstreamId: "" }],
      },
    ];
    const [m] = matchResources([resource("zzz", { checksum: { type, value }, url: "https://b.example/y", latest: null })], catalogue);
    expect(m!.matchedBy).toBe(how);
  });
});
