// Size cases shared by tests/hostile/size.test.ts (small, in npm test) and
// tests/hostile/size.slow.test.ts (full size, in npm run test:hostile).

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assembleEdition, sourceFile } from "../../loaders/build/pipeline.js";
import { TABLES } from "../../loaders/schema.js";
import { LIMITS } from "../../loaders/sources/limits.js";
import { writeOutputs } from "../../loaders/output/write.js";
import { checkZip } from "../../loaders/read/zip.js";
import { queryDuckdb, removeDir, runCli, tempDir } from "../helpers.js";
import { odsRow, workbook, type Row } from "../fixtures/hostile/support.js";

// ---- ODS rows and cells repeated millions of times ----------------------------------------------

export const ODS_HEADER = ["Ministère porteur", "Nom du projet", "Coût estimé"];
/** Blank rows and columns repeated to the sheet's end, as LibreOffice writes them. */
export const ODS_EMPTY_TAIL =
  '<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';
/** A value SheetJS would write 200 000 000 times: in one row, or in 200 000 000 rows. */
export const ODS_BOMBS = {
  columns: ["a cell with a value repeated over 200 000 000 columns", odsRow(["MI", "ALPHA", "12"], { cell: ' table:number-columns-repeated="200000000"' })],
  rows: ["a row with values repeated over 200 000 000 rows", odsRow(["MI", "ALPHA", "12"], { row: ' table:number-rows-repeated="200000000"' })],
} as const;

// ---- A large edition within the limits ----------------------------------------------------------

const PHASES = ["Cadrage", "Conception / Réalisation", "Expérimentation", "Déploiement", "Terminé"];
const HEADER: Row = [
  "Ministère porteur",
  "Ministère nom complet",
  "Nom du projet",
  "Début",
  "Durée prévisionnelle en année",
  "Phase du projet en cours",
  "Coût estimé",
];
const row = (i: number): Row => ["MI", "Ministère de l'Intérieur", `PROJET ${i}`, 41_000 + (i % 5000), (i % 40) / 4, PHASES[i % 5]!, (i % 1000) / 10];

/**
 * An edition of `n` projects (a multiple of 1 000) loads: through assembleEdition and writeOutputs
 * from an XLSX, and through panorama ingest from a CSV. Costs are (i mod 1 000) / 10 M€: 49 950 M€ per 1 000 rows.
 */
export function describeLargeEdition(n: number, timeout: number): void {
  const cost = (n / 1000) * 49_950;
  describe(`a large edition within the limits loads (${n} rows)`, () => {
    let dir: string;
    beforeEach(async () => {
      dir = await tempDir("panorama-large-");
    });
    afterEach(async () => {
      await removeDir(dir);
    });

    it(`${n} rows in an XLSX: read, normalized and written with the right counts`, { timeout }, async () => {
      const bytes = workbook([HEADER, ...Array.from({ length: n }, (_, i) => row(i))]);
      const summary = checkZip(bytes, "grand.xlsx", "XLSX workbook");
      expect(summary.uncompressedBytes).toBeLessThan(LIMITS.maxZipUncompressedBytes);
      const result = assembleEdition("2099-05", [sourceFile(bytes, "grand.xlsx")]);
      expect(result.projects).toHaveLength(n);
      expect(result.anomalies).toEqual([]);
      expect(result.projects[n - 1]).toMatchObject({ name: `PROJET ${n - 1}`, source_row: n + 1, phase: "Terminé", cost_meur: 99.9 });
      const out = join(dir, "out");
      await writeOutputs([{ name: "projects", columns: TABLES.projects, rows: result.projects }], out);
      const db = join(out, "panorama.duckdb");
      expect(
        await queryDuckdb(db, "SELECT count(*)::INTEGER AS n, count(DISTINCT name)::INTEGER AS names, round(sum(cost_meur), 1) AS cost FROM projects"),
      ).toEqual([{ n, names: n, cost }]);
      const parquet = join(out, "projects.parquet");
      expect(await queryDuckdb(db, `SELECT count(*)::INTEGER AS n FROM read_parquet('${parquet}')`)).toEqual([{ n }]);
    });

    it(`${n} rows in a CSV through panorama ingest, every table written`, { timeout }, async () => {
      const csv = [HEADER, ...Array.from({ length: n }, (_, i) => row(i))].map((r) => r.map((v) => String(v ?? "").replace(".", ",")).join(";")).join("\r\n");
      const path = join(dir, "grand.csv");
      await writeFile(path, csv);
      const out = join(dir, "out");
      const run = await runCli(["ingest", path, "--edition", "2099-05", "--out", out]);
      expect(run.err).toBe("");
      expect(run.code).toBe(0);
      expect(run.out).toMatch(new RegExp(`^2099-05 {2}${n} rows {2}total cost ${cost} M€ {2}0 anomalies {2}\\(spreadsheet\\)$`, "m"));
      expect(await queryDuckdb(join(out, "panorama.duckdb"), "SELECT count(*)::INTEGER AS n FROM projects")).toEqual([{ n }]);
    });
  });
}
