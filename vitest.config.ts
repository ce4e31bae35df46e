import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// npm test: the fast suite, about a minute on two cores. A test file named *.slow.test.ts (memory
// bombs, 100 000-row editions, long fuzz runs) runs in npm run test:hostile instead
// (tests/hostile/vitest.config.ts); .ci/run runs both.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "tests/**/*.slow.test.ts", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two test files at a time at least: Vitest's default (one core fewer than the machine has)
    // runs them one after another on two cores, while many of them wait on child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
