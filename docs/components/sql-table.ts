// The rows of a SQL result (DuckDB-WASM, Apache Arrow) as a plain accessible table, numbers and
// dates in French formats. Column names are those of the query.
import { dataTable, scrollable, type DataColumn } from "./data-table.js";
import { formatDate, formatNumber } from "./format.js";

type Row = Record<string, unknown>;

export function formatSqlValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "bigint") return formatNumber(Number(value), 2);
  if (typeof value === "number") return formatNumber(value, 2);
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "boolean") return value ? "Oui" : "Non";
  return String(value);
}

/** `result`: an Arrow table or an array of row objects. At most `limit` rows are shown. */
export function sqlTable(
  result: Iterable<Row> & { schema?: { fields: { name: string }[] } },
  { caption, limit = 500 }: { caption: string; limit?: number },
): HTMLElement {
  const rows = Array.from(result, (r) => (typeof (r as { toJSON?: unknown }).toJSON === "function" ? (r as { toJSON(): Row }).toJSON() : { ...r }));
  const names = result.schema?.fields.map((f) => f.name) ?? Object.keys(rows[0] ?? {});
  const columns: DataColumn<Row>[] = names.map((name) => ({
    label: name,
    value: (r: Row) => r[name],
    format: formatSqlValue,
    align: rows.some((r) => typeof r[name] === "number" || typeof r[name] === "bigint") ? "right" : "left",
  }));
  const shown = rows.slice(0, limit);
  const table = dataTable(shown, columns, { caption: rows.length > limit ? `${caption} (${limit} premières lignes sur ${rows.length})` : caption });
  return scrollable(table, caption);
}
