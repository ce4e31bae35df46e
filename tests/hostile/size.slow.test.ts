// The slow size cases (npm run test:hostile): ODS bombs read through panorama ingest
// with the real memory and time limits, the real 200 000-row limit, 100 000-row
// editions. Their fast variants (small limits, 5 000 rows) are in size.test.ts.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIMITS } from "../../loaders/sources/limits.js";
import { readSource } from "../../loaders/read/index.js";
import { removeDir, runCli, tempDir, thrown } from "../helpers.js";
import { odsPackage, odsRow } from "../fixtures/hostile/support.js";
import { describeLargeEdition, ODS_BOMBS, ODS_EMPTY_TAIL, ODS_HEADER } from "./size-cases.js";

describe("the real row limit", () => {
  const header = "Ministère porteur;Nom du projet;Coût estimé\n";
  const csvRows = (n: number) => header + Array.from({ length: n }, (_, i) => `MI;PROJET ${i};${i % 100}\n`).join("");

  it("a CSV with 200 000 non-blank rows is read; one more is refused, naming the row", () => {
    expect(readSource(new TextEncoder().encode(csvRows(LIMITS.maxRows - 1)), "max.csv").sheets[0]!.rows).toHaveLength(LIMITS.maxRows);
    const error = thrown(() => readSource(new TextEncoder().encode(csvRows(LIMITS.maxRows)), "trop.csv"));
    expect(error.message).toMatch(/^file trop\.csv, row 200001: the table has more than 200000 non-blank rows/);
  });
});

describe("ODS rows and cells repeated millions of times, through panorama ingest with the real limits", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir("panorama-size-");
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it.each([ODS_BOMBS.columns, ODS_BOMBS.rows])("%s is refused with an error, and the process lives on", { timeout: 180_000 }, async (_, bomb) => {
    const path = join(dir, "bombe.ods");
    await writeFile(path, odsPackage(odsRow(ODS_HEADER) + bomb + ODS_EMPTY_TAIL));
    const run = await runCli(["ingest", path, "--edition", "2099-04", "--out", join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/bombe\.ods: the ODS workbook cannot be read \(.*(repeated row or column|beyond the limit|Invalid array length)/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});

describeLargeEdition(100_000, 300_000);
