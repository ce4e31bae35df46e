// DuckDB-WASM in the page, for live SQL (the Atelier, « Modifier la requête »): loaded only by the
// code that imports this module. panorama.duckdb is attached read-only as `panorama`, its tables
// are also views of the in-memory catalogue (unqualified names work), numbers arrive as numbers,
// and nothing can reach the network: no extension autoinstall or autoload, no external file
// access, settings locked.
import { FileAttachment } from "observablehq:stdlib";
import { DuckDBClient } from "npm:@observablehq/duckdb";
import { fromArrowBatches, type QueryRows } from "./query-results.js";

export const ROW_LIMIT = 1000;

export interface LiveResult {
  rows: QueryRows;
  truncated: boolean;
  milliseconds: number;
}

export interface Engine {
  run(sql: string, limit?: number): Promise<LiveResult>;
}

interface AsyncConnection {
  query(sql: string): Promise<Iterable<Record<string, unknown>>>;
  send(sql: string): Promise<AsyncIterable<Parameters<typeof fromArrowBatches>[2][number]> & { schema?: unknown }>;
  close(): Promise<void>;
}
interface AsyncDatabase {
  connect(): Promise<AsyncConnection>;
  registerFileURL(name: string, url: string, protocol: number, directIO: boolean): Promise<void>;
}

const SETUP = ["ATTACH 'panorama.duckdb' AS panorama (READ_ONLY)", "SET autoinstall_known_extensions = false", "SET autoload_known_extensions = false"];
const LOCK = ["SET enable_external_access = false", "SET lock_configuration = true"];

async function open(): Promise<Engine> {
  const client = await DuckDBClient.of({}, { query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
  const db = (client as unknown as { _db: AsyncDatabase })._db;
  const url = await FileAttachment("../data/panorama.duckdb").url();
  // 4: DuckDBDataProtocol.HTTP, read by ranges.
  await db.registerFileURL("panorama.duckdb", new URL(url, location.href).href, 4, false);
  const setup = await db.connect();
  try {
    for (const statement of SETUP) await setup.query(statement);
    const tables = Array.from(
      await setup.query("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'panorama' AND table_schema = 'main'"),
      (r) => String(r.table_name),
    );
    for (const t of tables)
      await setup.query(`CREATE VIEW memory.main."${t.replaceAll('"', '""')}" AS SELECT * FROM panorama.main."${t.replaceAll('"', '""')}"`);
    for (const statement of LOCK) await setup.query(statement);
  } finally {
    await setup.close();
  }
  return {
    async run(sql: string, limit = ROW_LIMIT): Promise<LiveResult> {
      const started = performance.now();
      const connection = await db.connect();
      try {
        const reader = await connection.send(sql);
        const batches: Parameters<typeof fromArrowBatches>[2][number][] = [];
        let count = 0;
        let schema: Parameters<typeof fromArrowBatches>[1] | null = null;
        for await (const batch of reader) {
          schema ??= batch.schema;
          batches.push(batch);
          count += batch.numRows;
          if (count > limit) break;
        }
        schema ??= (reader as { schema?: Parameters<typeof fromArrowBatches>[1] }).schema ?? { fields: [] };
        const { rows, truncated } = fromArrowBatches(sql, schema, batches, limit);
        return { rows, truncated, milliseconds: performance.now() - started };
      } finally {
        await connection.close();
      }
    },
  };
}

let engine: Promise<Engine> | null = null;

/** The page's engine, opened once. */
export function openEngine(): Promise<Engine> {
  engine ??= open().catch((err) => {
    engine = null;
    throw err;
  });
  return engine;
}
