import { availableParallelism } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// npm run test:hostile: the slow variants of the hostile-input tests, every tests/**/*.slow.test.ts
// (the fast suite, vitest.config.ts, leaves them out). Each file keeps its fast siblings in npm test:
// e.g. tests/hostile/size.test.ts stops an ODS bomb with a small memory cap in a second,
// tests/hostile/size.slow.test.ts stops it through panorama ingest with the real limits (1 GB, 60 s);
// fuzz.test.ts runs a tenth of the fuzz runs, fuzz.slow.test.ts all of them.
export default defineConfig({
  test: {
    root: join(import.meta.dirname, "..", ".."),
    include: ["tests/**/*.slow.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // Both files at once on two cores (see vitest.config.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
