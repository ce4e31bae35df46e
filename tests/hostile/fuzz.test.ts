// Property-based tests (fast-check) on every parser between a file and a row, in npm test: a tenth
// of the runs of each property (tests/hostile/fuzz-properties.ts), enough to catch a parser that
// throws on a whole class of input. npm run test:hostile runs them all (fuzz.slow.test.ts).

import { describeFuzz } from "./fuzz-properties.js";

// About half the damaged ODS workbooks are read: 10 runs with a fixed seed are sure to read some.
describeFuzz({ runs: (full) => Math.ceil(full / 10), damagedSeed: 1 });
