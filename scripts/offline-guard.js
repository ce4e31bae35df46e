// Imported by observablehq.config.ts, so it runs inside Framework's own process (data loaders
// run in child processes and are not affected). Framework 1.13 fetches `npm:` modules from
// cdn.jsdelivr.net, resolves versions on registry.npmjs.org and self-hosts DuckDB extensions
// from extensions.duckdb.org; none of that may happen here: scripts/prepare-offline.js fills
// the cache from node_modules instead. Any such fetch now fails at once with a useful message
// instead of hanging on an unreachable host, or silently working on a machine that has Internet.
// PANORAMA_ALLOW_NETWORK=1 lifts the guard.

const installed = Symbol.for("panorama.offlineGuard");

function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

// Edition downloads (the catalogue's hosts, as in loaders/sources/acquire.ts) are the loaders' own business, not Framework's.
const DATA_HOSTS = new Set(
  (process.env.PANORAMA_ALLOWED_HOSTS || "www.data.gouv.fr,data.gouv.fr,static.data.gouv.fr,raw.githubusercontent.com")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
);

if (!globalThis[installed] && !process.env.PANORAMA_ALLOW_NETWORK) {
  globalThis[installed] = true;
  process.env.OBSERVABLE_TELEMETRY_DISABLE ??= "true";
  const realFetch = globalThis.fetch;
  globalThis.fetch = async function offlineFetch(input, init) {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    if (isLoopback(url.hostname) || DATA_HOSTS.has(url.hostname.toLowerCase())) return realFetch(input, init);
    throw new Error(
      `offline build: Framework tried to fetch ${href}\n` +
        `  Add the module to scripts/prepare-offline.js (MODULES or FILES) so that it is served from\n` +
        `  node_modules, or pin its version. Set PANORAMA_ALLOW_NETWORK=1 to bypass this guard.`,
    );
  };
}
