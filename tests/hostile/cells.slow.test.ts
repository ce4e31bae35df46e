// The workbook of issue 15: a 10–17 MB XLSX within every byte limit (under 200 MiB uncompressed,
// a ratio under 100:1) holding 12 million small cells, which SheetJS needs 3.2 GB to parse. Run
// as a user would, bin/panorama.js under a 2 GB heap: a clean refusal naming the file and the
// limit, previous outputs byte-identical. Fast variants: cells.test.ts.

import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { LIMITS } from "../../loaders/sources/limits.js";
import { checkZip } from "../../loaders/read/zip.js";
import { removeDir, tempDir } from "../helpers.js";
import { expectUnchanged, previousOutputs, smallCellsXlsx } from "../fixtures/hostile/support.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "panorama.js");

let dir: string;
beforeEach(async () => {
  dir = await tempDir("panorama-cells-slow-");
});
afterEach(async () => {
  await removeDir(dir);
});

it("12 million small cells in an XLSX within the zip limits: refused under a 2 GB heap, outputs unchanged", { timeout: 300_000 }, async () => {
  const bytes = smallCellsXlsx(12_000_000);
  const summary = checkZip(bytes, "cellules.xlsx", "XLSX workbook");
  expect(bytes.length).toBeLessThan(LIMITS.maxFileBytes);
  expect(summary.uncompressedBytes).toBeGreaterThan(170 * 1024 * 1024);
  expect(summary.uncompressedBytes).toBeLessThan(LIMITS.maxZipUncompressedBytes);
  const path = join(dir, "cellules.xlsx");
  await writeFile(path, bytes);
  const out = join(dir, "out");
  const before = await previousOutputs(out);

  const run = await new Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--max-old-space-size=2048", BIN, "ingest", path, "--edition", "2099-05", "--out", out],
      { env: { ...process.env, NODE_OPTIONS: "" }, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
    );
  });
  expect(run.signal).toBeNull();
  expect(run.stderr).toBe(
    `panorama: error: edition 2099-05, file cellules.xlsx: the workbook holds 12000000 cells, over the limit of ${LIMITS.maxCells} (maxCells) per workbook; it was not parsed. ` +
      "An edition has about a thousand. Check that the file is a Panorama edition (the real ones are a few MB at most); if it is genuine, raise the limit in loaders/sources/limits.ts.\n",
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  await expectUnchanged(out, before);
});
