// Column headers as the analyst wrote them. DuckDB names an unaliased expression its own way
// (`count(*)` becomes `count_star()`, `sum(x)::INTEGER` becomes `CAST(sum(x) AS INTEGER)`): the
// header is taken from the query text instead, when the select list can be read item by item.
// Shared by the build-time query runner (Node) and the browser (live SQL, Atelier).

interface Scan {
  /** Top-level text of the select list, split at top-level commas. */
  items: string[];
}

const CLAUSE_END = /^(from|where|group|having|order|limit|offset|window|qualify|union|except|intersect|into|using|sample)$/i;

/** The top-level select list of the first SELECT of `sql` (after any WITH), or null when there is none. */
export function selectList(sql: string): Scan | null {
  let depth = 0;
  let i = 0;
  let start = -1;
  const items: string[] = [];
  let itemStart = -1;
  const n = sql.length;
  const word = (at: number) => /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(at))?.[0] ?? "";
  while (i < n) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && c === ";") break;
    else if (depth === 0 && c === "," && start >= 0) {
      items.push(sql.slice(itemStart, i));
      itemStart = i + 1;
    } else if (depth === 0 && /[A-Za-z_]/.test(c) && (i === 0 || !/[A-Za-z0-9_$.]/.test(sql[i - 1]!))) {
      const w = word(i);
      if (start < 0 && /^select$/i.test(w)) {
        start = i + w.length;
        itemStart = start;
        const rest = /^\s+(distinct(\s+on\s*\([^)]*\))?|all)\b/i.exec(sql.slice(start));
        if (rest) {
          itemStart = start + rest[0].length;
          i = itemStart;
          continue;
        }
      } else if (start >= 0 && CLAUSE_END.test(w)) {
        items.push(sql.slice(itemStart, i));
        return { items };
      }
      i += w.length;
      continue;
    }
    i++;
  }
  if (start < 0) return null;
  items.push(sql.slice(itemStart, i));
  return { items };
}

const compact = (s: string) =>
  s
    .replace(/--[^\n]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s);

/** Whether the item already ends with DuckDB's name for it: an alias, or a (qualified) column. */
function endsWithName(item: string, name: string): boolean {
  const last = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(item)?.[1];
  return last !== undefined && unquote(last).toLowerCase() === name.toLowerCase();
}

/**
 * The headers to show for a result whose DuckDB column names are `names`: the written text of
 * each unaliased expression, DuckDB's name otherwise. When the select list cannot be matched
 * item for item (`*`, COLUMNS(…), a statement other than SELECT), DuckDB's names are kept.
 */
export function writtenHeaders(sql: string, names: readonly string[]): string[] {
  // Only a query: `CREATE TABLE t AS SELECT 1` answers with DuckDB's own columns (Count).
  const start = sql.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, "");
  if (!/^(select|with|from|\()/i.test(start)) return [...names];
  const scan = selectList(sql);
  if (!scan) return [...names];
  const items = scan.items.map(compact);
  if (items.length !== names.length || items.some((t) => t === "" || /(^|\.)\*|\bcolumns\s*\(|\b(exclude|replace)\s*\(/i.test(t))) return [...names];
  return names.map((name, k) => {
    const item = items[k]!;
    return endsWithName(item, name) ? name : item;
  });
}
