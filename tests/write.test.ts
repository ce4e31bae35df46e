import { mkdtemp, readdir, rm, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDuckDB } from "../loaders/output/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PanoramaError } from "../loaders/errors.js";
import { TABLES, type ColumnDef, type SqlType } from "../loaders/schema.js";
import { isoToEpochDays, writeDatabase, writeOutputs, type TableData } from "../loaders/output/write.js";

const columns: ColumnDef[] = [
  { name: "name", type: "VARCHAR", description: "" },
  { name: "column", type: "VARCHAR", description: "reserved word" },
  { name: "cost", type: "DOUBLE", description: "" },
  { name: "n", type: "INTEGER", description: "" },
  { name: "ok", type: "BOOLEAN", description: "" },
  { name: "start", type: "DATE", description: "" },
];
const rows = [
  { name: "FRANCE CONNECT", column: "Coût", cost: 6.8, n: 2, ok: true, start: "2013-07-01" },
  { name: "l'État « test »", column: null, cost: null, n: null, ok: null, start: null },
];

async function query(path: string, sql: string) {
  const { connection: c, close } = await openDuckDB();
  try {
    await c.run(`ATTACH '${path}' AS db (READ_ONLY)`);
    return (await c.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    close();
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "panorama-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeOutputs", () => {
  it("writes a DuckDB file and Parquet files that read back with the same values", async () => {
    await writeOutputs([{ name: "t", columns, rows }], dir);
    expect((await readdir(dir)).sort()).toEqual(["panorama.duckdb", "t.parquet"]);
    const fromDb = await query(join(dir, "panorama.duckdb"), `SELECT * FROM db.t ORDER BY name`);
    expect(fromDb).toEqual([
      { name: "FRANCE CONNECT", column: "Coût", cost: 6.8, n: 2, ok: true, start: "2013-07-01" },
      { name: "l'État « test »", column: null, cost: null, n: null, ok: null, start: null },
    ]);
    const fromParquet = await query(join(dir, "panorama.duckdb"), `SELECT * FROM read_parquet('${join(dir, "t.parquet")}') ORDER BY name`);
    expect(fromParquet).toEqual(fromDb);
  });

  it("writes the storage version DuckDB-WASM 1.29 can attach (serialization compatibility of v1.0.0)", async () => {
    await writeOutputs([{ name: "t", columns, rows }], dir);
    const file = await readFile(join(dir, "panorama.duckdb"));
    // Both database headers (blocks at 4 KiB and 8 KiB) end with the serialization compatibility: 2 for v1.0.0.
    expect([file.readBigUInt64LE(4096 + 56), file.readBigUInt64LE(8192 + 56)]).toEqual([2n, 2n]);
  });

  it("leaves the previous outputs intact when a row does not fit its type", async () => {
    await writeOutputs([{ name: "t", columns, rows }], dir);
    const before = await readFile(join(dir, "panorama.duckdb"));
    const bad: TableData = { name: "t", columns, rows: [{ ...rows[0], cost: "six" }] };
    await expect(writeOutputs([bad], dir)).rejects.toThrow(/t\.cost: expected DOUBLE/);
    expect((await readFile(join(dir, "panorama.duckdb"))).equals(before)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(["panorama.duckdb", "t.parquet"]);
  });

  it.each<[string, object, RegExp]>([
    [
      "a misspelt key",
      { ...rows[1], nmae: "x", name: undefined },
      /table "t", row at index 1: no value for the column\(s\) "name"; and the key\(s\) "nmae", which are not columns of the table\./,
    ],
    ["an unknown key", { ...rows[1], extra: 1 }, /table "t", row at index 1: the key\(s\) "extra", which are not columns of the table\./],
    ["a missing key", (({ start, ...rest }) => rest)(rows[1]!), /table "t", row at index 1: no value for the column\(s\) "start"\./],
  ])("refuses a row with %s, naming the table, the row and the key", async (_, row, message) => {
    const error = await writeDatabase([{ name: "t", columns, rows: [rows[0]!, row] }], join(dir, "t.duckdb")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PanoramaError);
    expect((error as Error).message).toMatch(message);
  });

  it("writes every table of the schema from rows keyed by its column definitions", async () => {
    const sample: Record<SqlType, unknown> = {
      VARCHAR: "x",
      "VARCHAR[]": ["https://a.fr/", "https://b.fr/"],
      DOUBLE: 1.5,
      INTEGER: 2,
      BOOLEAN: true,
      DATE: "2013-07-01",
    };
    const tables = Object.entries(TABLES).map(
      ([name, cols]: [string, readonly ColumnDef[]]): TableData => ({
        name,
        columns: cols,
        rows: [Object.fromEntries(cols.map((c) => [c.name, c.values?.[0] ?? sample[c.type]])), Object.fromEntries(cols.map((c) => [c.name, null]))],
      }),
    );
    await writeDatabase(tables, join(dir, "all.duckdb"));
    for (const table of tables) {
      const [full, empty] = await query(join(dir, "all.duckdb"), `SELECT * FROM db.${table.name} ORDER BY ALL NULLS LAST`);
      expect(full).toEqual(table.rows[0]);
      expect(Object.values(empty!).every((v) => v === null)).toBe(true);
    }
  });

  it.each([
    ["1970-01-01", 0],
    ["2013-07-01", 15887],
    ["1900-03-01", -25508],
  ])("isoToEpochDays(%s) = %i", (iso, days) => {
    expect(isoToEpochDays(iso)).toBe(days);
  });
});
