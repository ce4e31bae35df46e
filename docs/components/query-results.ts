// Query results as shipped to a page: typed columns and rows of plain values, written at build
// time (scripts/queries/) or read from DuckDB-WASM (live-sql.ts). Numbers are numbers (DECIMAL,
// HUGEINT and BIGINT included), DATE and TIMESTAMP columns are Dates.
import { writtenHeaders } from "./sql-headers.js";

export type ColumnKind = "number" | "date" | "timestamp" | "boolean" | "text" | "other";

export interface QueryColumn {
  /** The header as written in the query (sql-headers.ts). */
  name: string;
  /** DuckDB's type, e.g. `DECIMAL(18,3)`. */
  type: string;
  kind: ColumnKind;
}

/** One query's result in a page's JSON: rows are arrays, in column order; dates are ISO text. */
export interface QueryPayload {
  sql: string;
  columns: QueryColumn[];
  rows: unknown[][];
}

export interface PagePayload {
  page: string;
  queries: Record<string, QueryPayload>;
}

export type Row = Record<string, unknown>;

export interface QueryInfo {
  name: string;
  sql: string;
  columns: QueryColumn[];
}

/** The rows of a query, as objects keyed by header, with the query itself in `.query`. */
export type QueryRows = Row[] & { query: QueryInfo };

export function kindOf(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|REAL|DOUBLE|DECIMAL(\(.*\))?|NUMERIC(\(.*\))?|INT[1248]|UINTEGER)$/.test(t)) return "number";
  if (t === "DATE") return "date";
  if (t.startsWith("TIMESTAMP")) return "timestamp";
  if (t === "BOOLEAN") return "boolean";
  if (t === "VARCHAR" || t === "UUID" || t.startsWith("ENUM")) return "text";
  return "other";
}

function reviveDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const d = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value as string | number);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A value of a column as a page uses it: Date for dates, number for numbers. */
export function reviveValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "date" || kind === "timestamp") return reviveDate(value);
  if (kind === "number") return typeof value === "number" ? value : Number(value);
  return value;
}

export function reviveRows(name: string, payload: QueryPayload): QueryRows {
  const { columns } = payload;
  const rows = payload.rows.map((values) => {
    const row: Row = {};
    columns.forEach((c, i) => {
      row[c.name] = reviveValue(values[i], c.kind);
    });
    return row;
  });
  return Object.assign(rows, { query: { name, sql: payload.sql, columns } });
}

function isPagePayload(json: unknown): json is PagePayload {
  const p = json as PagePayload;
  return typeof p?.page === "string" && typeof p.queries === "object" && p.queries !== null;
}

/** Every query of a page, by name: `const {parEdition} = await loadQueries(FileAttachment("ma-page.json"))`. */
export async function loadQueries(file: { json(): Promise<unknown> }): Promise<Record<string, QueryRows>> {
  const json = await file.json();
  if (!isPagePayload(json)) throw new Error("Ce fichier n’est pas un résultat de requêtes (attendu : le .json produit par un fichier .json.sql).");
  return Object.fromEntries(Object.entries(json.queries).map(([name, payload]) => [name, reviveRows(name, payload)]));
}

interface ArrowField {
  name: string;
  type: unknown;
}
interface ArrowBatch {
  numRows: number;
  schema: { fields: ArrowField[] };
  getChildAt(i: number): { get(row: number): unknown } | null;
}

/** The kind of an Arrow column from DuckDB-WASM, by its type's name (Int64, Float64, Decimal[…], Date32<DAY>, Timestamp<…>, Bool, Utf8). */
export function arrowKind(type: unknown): ColumnKind {
  const t = String(type);
  if (/^(U?Int|Float|Decimal)/i.test(t)) return "number";
  if (/^Date/i.test(t)) return "date";
  if (/^Timestamp/i.test(t)) return "timestamp";
  if (/^Bool/i.test(t)) return "boolean";
  if (/^(Large)?Utf8/i.test(t) || /^Dictionary<.*Utf8/i.test(t)) return "text";
  return "other";
}

function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return plain((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Typed rows from Arrow record batches (DuckDB-WASM), headers as written in `sql`, at most `limit` rows. */
export function fromArrowBatches(
  sql: string,
  schema: { fields: ArrowField[] },
  batches: readonly ArrowBatch[],
  limit = Number.POSITIVE_INFINITY,
): { rows: QueryRows; truncated: boolean } {
  const headers = writtenHeaders(
    sql,
    schema.fields.map((f) => f.name),
  );
  const columns: QueryColumn[] = schema.fields.map((f, i) => ({ name: headers[i]!, type: String(f.type), kind: arrowKind(f.type) }));
  const values: unknown[][] = [];
  let truncated = false;
  for (const batch of batches) {
    for (let r = 0; r < batch.numRows; r++) {
      if (values.length >= limit) {
        truncated = true;
        break;
      }
      values.push(columns.map((_, i) => plain(batch.getChildAt(i)?.get(r))));
    }
    if (truncated) break;
  }
  return { rows: reviveRows("requete", { sql, columns, rows: values }), truncated };
}
