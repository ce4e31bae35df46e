import { defineConfig } from "vitest/config";

// Browser tests over the built site (npm run build) and a fixture site built offline.
// One file at a time: each starts Chromium, and the fixture build copies DuckDB-WASM (~80 MB).
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
