// The long fuzz runs on ODS workbooks (npm run test:hostile): each is read in a child process
// (loaders/read/sheetjs.ts), about 0,2 s a run. fuzz.test.ts runs the same properties a few times.

import { describe } from "vitest";
import { describeDamagedXml, itReadsMutations } from "./fuzz-support.js";

describe("whole files", () => {
  itReadsMutations([["edition.ods", 300]]);
});

describeDamagedXml([["ODS", "edition.ods", "content.xml", 100]]);
