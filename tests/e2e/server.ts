// Minimal static server for the built site, on 127.0.0.1 and a random port. Like Framework's
// hosting expectations: clean URLs (/ministeres → ministeres.html, /dir/ → dir/index.html),
// 404.html for unknown paths, and HTTP range requests, which DuckDB-WASM uses to read
// .duckdb files registered by URL.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".parquet": "application/vnd.apache.parquet",
  ".arrow": "application/vnd.apache.arrow.file",
  ".duckdb": "application/octet-stream",
  ".db": "application/octet-stream",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".ods": "application/vnd.oasis.opendocument.spreadsheet",
};

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Maps a URL path to a file of `root`, the way Framework's clean URLs expect; null when none. */
export function resolveFile(root: string, urlPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const base = resolve(root);
  const target = resolve(base, `.${pathname}`);
  if (target !== base && !target.startsWith(base + sep)) return null;
  const candidates = pathname.endsWith("/") ? [join(target, "index.html")] : [target, `${target}.html`];
  return candidates.find(isFile) ?? null;
}

/** Parses a single `bytes=` range against a file size; "invalid" when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return "invalid";
  return { start, end };
}

function serve(root: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
  let file = resolveFile(root, pathname);
  let status = 200;
  if (!file) {
    const notFound = join(root, "404.html");
    if (!isFile(notFound)) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    file = notFound;
    status = 404;
  }
  const size = statSync(file).size;
  const headers: Record<string, string | number> = {
    "Content-Type": mimeType(file),
    "Accept-Ranges": "bytes",
    "Cache-Control": "no-cache",
  };
  const range = status === 200 ? parseRange(request.headers.range, size) : null;
  if (range === "invalid") {
    response.writeHead(416, { ...headers, "Content-Range": `bytes */${size}` }).end();
    return;
  }
  if (range) {
    status = 206;
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
    headers["Content-Length"] = range.end - range.start + 1;
  } else {
    headers["Content-Length"] = size;
  }
  response.writeHead(status, headers);
  if (request.method === "HEAD" || headers["Content-Length"] === 0) {
    response.end();
    return;
  }
  createReadStream(file, range ? { start: range.start, end: range.end } : {})
    .on("error", () => response.destroy())
    .pipe(response);
}

export interface StaticServer {
  /** Origin without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export async function startServer(root: string = DEFAULT_DIST): Promise<StaticServer> {
  if (!isFile(join(root, "index.html"))) {
    throw new Error(`${root} has no index.html: run \`npm run build\` first`);
  }
  const server = createServer((request, response) => serve(root, request, response));
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : ok()));
      }),
  };
}
