// The rows of a query result as a plain accessible table: French formats for numbers, dates as
// dates, Oui/Non, « — » for NULL; the headers are the query's (as written in the SQL).
import { dataTable, type DataColumn, scrollable } from "./data-table.js";
import { formatDate, formatInt, formatNumber } from "./format.js";
import type { ColumnKind, QueryRows, Row } from "./query-results.js";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export function formatSqlValue(value: unknown, kind: ColumnKind = "other"): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "bigint") return formatNumber(Number(value), 2);
  if (typeof value === "number") return formatNumber(value, 2);
  if (value instanceof Date) return kind === "timestamp" && value.getUTCHours() + value.getUTCMinutes() > 0 ? dateTime.format(value) : formatDate(value);
  if (typeof value === "boolean") return value ? "Oui" : "Non";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** At most `limit` rows are shown; the caption says so when there are more. */
export function sqlTable(rows: QueryRows, { caption, limit = 500 }: { caption: string; limit?: number }): HTMLElement {
  const shown = rows.slice(0, limit);
  // Numbers, dates and short texts (editions, phases) stay on one line; long texts wrap.
  const short = (name: string, kind: ColumnKind) =>
    kind === "number" || kind === "date" || kind === "timestamp" || shown.every((r) => formatSqlValue(r[name], kind).length <= 14);
  const columns: DataColumn<unknown[]>[] = rows.query.columns.map((c, i) => ({
    label: c.name,
    value: (r: unknown[]) => r[i],
    format: (v: unknown) => formatSqlValue(v, c.kind),
    align: c.kind === "number" ? "right" : "left",
    className: short(c.name, c.kind) ? "nowrap" : undefined,
  }));
  // Rows as arrays: two columns may carry the same header.
  const names = rows.query.columns.map((c) => c.name);
  const table = dataTable(
    shown.map((r: Row) => names.map((n) => r[n])),
    columns,
    {
      caption: rows.length > limit ? `${caption} (${formatInt(limit)} premières lignes sur ${formatInt(rows.length)})` : caption,
    },
  );
  return scrollable(table, caption);
}
