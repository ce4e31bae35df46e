// Property-based tests (fast-check) on every parser between a file and a row, with all their runs
// (npm run test:hostile): thousands per parser, 300 mutations of each valid file, 100 damaged ODS
// workbooks each read in a child process. npm test runs a tenth of them (fuzz.test.ts).

import { describeFuzz } from "./fuzz-properties.js";

describeFuzz({ runs: (full) => full });
