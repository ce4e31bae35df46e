// The figures of the benchmark: their targets, the table printed, the verdict and the result file's shape.
import type { dataFiles } from "./dist.js";
import type { incremental } from "./incremental.js";
import type { ingestion } from "./ingest.js";
import type { pages } from "./pages.js";
import type { TimedRuns } from "./runner.js";
import type { siteBuild } from "./site.js";
import { ratio } from "./stats.js";

export const RESULT_SCHEMA = "panorama-bench/1";

export type Comparison = "<" | "<=" | "=";
export interface Target {
  op: Comparison;
  limit: number;
}
export type Unit = "ms" | "MB" | "KB" | "bytes" | "ratio" | "count" | "rows/s";

/** Whether a value meets its target; null when the value could not be measured. */
export function meets(value: number | null, target: Target): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (target.op) {
    case "<":
      return value < target.limit;
    case "<=":
      return value <= target.limit;
    case "=":
      return value === target.limit;
  }
}

export interface Figure {
  id: string;
  label: string;
  value: number | null;
  unit: Unit;
  target: Target | null;
  /** null: no target (information), or the value could not be measured */
  met: boolean | null;
  note?: string;
}

export function figure(id: string, label: string, value: number | null, unit: Unit, target: Target | null = null, note?: string): Figure {
  const f: Figure = { id, label, value, unit, target, met: target ? meets(value, target) : null };
  if (note) f.note = note;
  return f;
}

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return "n/a";
  switch (unit) {
    case "ms":
      return value >= 10_000 ? `${ONE.format(value / 1000)} s` : `${INT.format(value)} ms`;
    case "MB":
      return `${ONE.format(value)} MB`;
    case "KB":
      return `${ONE.format(value)} KB`;
    case "bytes":
      return value >= 1024 * 1024 ? `${TWO.format(value / 1024 / 1024)} MB` : value >= 1024 ? `${ONE.format(value / 1024)} KB` : `${INT.format(value)} B`;
    case "ratio":
      return TWO.format(value);
    case "count":
      return INT.format(value);
    case "rows/s":
      return `${INT.format(value)} rows/s`;
  }
}

export function formatTarget(target: Target | null, unit: Unit): string {
  if (!target) return "";
  const limit = unit === "ratio" ? TWO.format(target.limit) : formatValue(target.limit, unit);
  return `${target.op === "=" ? "=" : target.op} ${limit}`;
}

export function formatMet(f: Figure): string {
  if (!f.target) return "";
  if (f.met === null) return "NOT MEASURED";
  return f.met ? "yes" : "NO";
}

/** Plain-text table: figure, value, target, met?, note. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = [
    ["figure", "value", "target", "met?", "note"],
    ...figures.map((f) => [f.label, formatValue(f.value, f.unit), formatTarget(f.target, f.unit), formatMet(f), f.note ?? ""]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    line(rows[0]!),
    widths
      .map((w) => "-".repeat(w))
      .join("  ")
      .trimEnd(),
    ...rows.slice(1).map(line),
  ].join("\n");
}

export interface DataFileRow {
  path: string;
  bytes: number;
  gzipBytes: number;
  loadedBy: string[];
}

/** The data files pages load, largest compressed first; the others are counted on the last line. */
export function formatDataFiles(files: readonly DataFileRow[]): string {
  const loaded = files.filter((f) => f.loadedBy.length > 0).sort((a, b) => b.gzipBytes - a.gzipBytes || a.path.localeCompare(b.path));
  const rows = [
    ["data file", "raw", "gzip", "loaded by"],
    ...loaded.map((f) => [f.path, formatValue(f.bytes, "bytes"), formatValue(f.gzipBytes, "bytes"), f.loadedBy.join(", ")]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rest = files.length - loaded.length;
  const others = files.filter((f) => f.loadedBy.length === 0);
  const largest = others.reduce<DataFileRow | null>((a, f) => (!a || f.gzipBytes > a.gzipBytes ? f : a), null);
  return [
    line(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
    ...(rest > 0
      ? [
          `(${rest} other files under _file/data/ not loaded by the pages measured; largest: ${largest!.path}, gzip ${formatValue(largest!.gzipBytes, "bytes")})`,
        ]
      : []),
  ].join("\n");
}

export interface Verdict {
  met: string[];
  missed: string[];
  unmeasured: string[];
}

export function verdict(figures: readonly Figure[]): Verdict {
  const withTarget = figures.filter((f) => f.target);
  return {
    met: withTarget.filter((f) => f.met === true).map((f) => f.id),
    missed: withTarget.filter((f) => f.met === false).map((f) => f.id),
    unmeasured: withTarget.filter((f) => f.met === null).map((f) => f.id),
  };
}

/** Checks the shape of a result file; returns the problems (empty when valid). */
export function validateResult(json: unknown): string[] {
  const problems: string[] = [];
  const obj = json as Record<string, unknown> | null;
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return ["not an object"];
  if (obj.schema !== RESULT_SCHEMA) problems.push(`schema: expected ${RESULT_SCHEMA}`);
  for (const key of ["startedAt", "finishedAt"]) {
    if (typeof obj[key] !== "string" || Number.isNaN(Date.parse(obj[key] as string))) problems.push(`${key}: expected an ISO date`);
  }
  const machine = obj.machine as Record<string, unknown> | undefined;
  if (!machine || typeof machine.cpus !== "number" || typeof machine.node !== "string") problems.push("machine: expected {cpus, node, …}");
  if (!Array.isArray(obj.figures)) problems.push("figures: expected an array");
  else {
    const ids = new Set<string>();
    for (const [i, raw] of (obj.figures as unknown[]).entries()) {
      const f = raw as Partial<Figure> | null;
      if (!f || typeof f !== "object") {
        problems.push(`figures[${i}]: expected an object`);
        continue;
      }
      if (typeof f.id !== "string" || f.id === "") problems.push(`figures[${i}].id: expected a string`);
      else if (ids.has(f.id)) problems.push(`figures[${i}].id: duplicate ${f.id}`);
      else ids.add(f.id);
      if (typeof f.label !== "string") problems.push(`figures[${i}].label: expected a string`);
      if (f.value !== null && typeof f.value !== "number") problems.push(`figures[${i}].value: expected a number or null`);
      if (f.target !== null && (typeof f.target !== "object" || typeof f.target?.limit !== "number" || !["<", "<=", "="].includes(f.target?.op as string))) {
        problems.push(`figures[${i}].target: expected null or {op, limit}`);
      }
      if (f.met !== null && typeof f.met !== "boolean") problems.push(`figures[${i}].met: expected a boolean or null`);
      if (f.target && typeof f.value === "number" && f.met !== meets(f.value, f.target)) problems.push(`figures[${i}].met: does not match value and target`);
    }
  }
  const v = obj.verdict as Partial<Verdict> | undefined;
  if (!v || !Array.isArray(v.met) || !Array.isArray(v.missed) || !Array.isArray(v.unmeasured)) problems.push("verdict: expected {met, missed, unmeasured}");
  return problems;
}

/** Note beside a wall time: the CPU time and the fastest run, which show what an idle machine would give. */
export function wallNote(t: Pick<TimedRuns, "minMs" | "medianCpuMs">): string | undefined {
  const parts = [
    t.medianCpuMs !== null ? `CPU ${formatValue(t.medianCpuMs, "ms")}` : "",
    t.minMs !== null ? `fastest ${formatValue(t.minMs, "ms")}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

const KB = 1024;
/** Issue 12: a page made from templates/analyse.md weighs at most 1,5 MB. */
export const ANALYSIS_MAX_BYTES = 1.5e6;

export type Results = Record<string, unknown> & {
  ingestion?: Awaited<ReturnType<typeof ingestion>>;
  incremental?: Awaited<ReturnType<typeof incremental>>;
  site?: Awaited<ReturnType<typeof siteBuild>>["result"] | null;
  pages?: Awaited<ReturnType<typeof pages>>;
  dataFiles?: Awaited<ReturnType<typeof dataFiles>>;
};

type PageResult = NonNullable<Results["pages"]>["pages"][number];

/** A page whose first chart is timed: time to first chart, its ratio to the official page (target ≤ 1/3) and its bytes. */
function chartPageFigures(id: string, p: PageResult, ref: PageResult["median"], absent: string | undefined, bytesTarget: Target | null): Figure[] {
  const m = p.median;
  const noChart = m && m.chartFoundIn < p.runs.length ? `chart in ${m.chartFoundIn}/${p.runs.length} runs` : undefined;
  return [
    figure(`${id}.firstChart`, `${p.name}: time to first chart`, m?.firstChartMs ?? null, "ms", null, absent ?? noChart),
    figure(
      `${id}.firstChartRatio`,
      `${p.name}: first chart / official`,
      ratio(m?.firstChartMs, ref?.firstChartMs),
      "ratio",
      { op: "<=", limit: 1 / 3 },
      absent,
    ),
    figure(`${id}.bytes`, `${p.name}: bytes`, m?.bytes ?? null, "bytes", bytesTarget, absent ?? (m ? `gzip ${formatValue(m.gzipBytes, "bytes")}` : undefined)),
  ];
}

export function figuresOf(r: Results): Figure[] {
  const out: Figure[] = [];
  const ing = r.ingestion;
  if (ing) {
    out.push(
      figure(
        "ingest.firstRunEver",
        "panorama build, first run ever (CLI bundle + cold data)",
        ing.firstRunEver.medianMs,
        "ms",
        { op: "<", limit: 2000 },
        wallNote(ing.firstRunEver),
      ),
    );
    out.push(
      figure(
        "ingest.cold",
        `panorama build, cold (${ing.editions} editions, ${ing.rows} rows)`,
        ing.cold.medianMs,
        "ms",
        { op: "<", limit: 2000 },
        wallNote(ing.cold),
      ),
    );
    out.push(figure("ingest.warm", "panorama build, warm (nothing changed)", ing.warm.medianMs, "ms", { op: "<", limit: 500 }, wallNote(ing.warm)));
    const rss = [...ing.firstRunEver.peakRssMB, ...ing.cold.peakRssMB, ...ing.warm.peakRssMB];
    out.push(figure("ingest.peakRss", "panorama build, peak RSS (max of all runs)", rss.length ? Math.max(...rss) : null, "MB", { op: "<", limit: 300 }));
    for (const f of ing.perFormat)
      out.push(figure(`ingest.format.${f.format}`, `read + normalize, ${f.format} (${f.files} files, ${f.rows} rows)`, f.rowsPerSecond, "rows/s"));
  }
  const inc = r.incremental;
  if (inc) {
    const exact = inc.reRead.filter((names) => names.length === 1 && names[0] === inc.edition).length;
    const others = [...new Set(inc.reRead.flat())].filter((e) => e !== inc.edition);
    const missed = inc.reRead.filter((names) => !names.includes(inc.edition)).length;
    const note = [others.length ? `also re-read: ${others.join(", ")}` : `only ${inc.edition}`, missed ? `${inc.edition} not re-read in ${missed} runs` : ""]
      .filter(Boolean)
      .join("; ");
    out.push(
      figure(
        "incremental.reRead",
        `incremental: rebuilds re-reading only ${inc.changedFile}'s edition`,
        exact,
        "count",
        { op: "=", limit: inc.reRead.length },
        note,
      ),
    );
    out.push(
      figure(
        "incremental.rebuild",
        "incremental: rebuild after one edition changed",
        inc.rebuildMedianMs,
        "ms",
        null,
        [`cold ${formatValue(inc.coldMs, "ms")}`, inc.rebuild ? wallNote(inc.rebuild) : ""].filter(Boolean).join("; "),
      ),
    );
    out.push(figure("incremental.ratio", "incremental: rebuild / cold", inc.ratioToCold, "ratio"));
  }
  if (r.site) {
    out.push(figure("site.cold", "npm run build, cold (after npm run clean)", r.site.coldMs, "ms", null, `${r.site.pages} pages`));
    out.push(figure("site.warm", "npm run build, warm", r.site.warmMs, "ms"));
  }
  const pg = r.pages;
  if (pg) {
    const reference = pg.pages.find((p) => p.kind === "reference");
    const ref = reference?.median ?? null;
    const blocked = [...new Set((reference?.runs ?? []).flatMap((run) => run.external ?? []).map((u) => new URL(u).hostname))];
    out.push(
      figure(
        "official.firstChart",
        "official dashboard: time to first chart",
        ref?.firstChartMs ?? null,
        "ms",
        null,
        blocked.length ? `blocked, not counted: ${blocked.join(", ")}` : undefined,
      ),
    );
    out.push(
      figure("official.bytes", "official dashboard: bytes", ref?.bytes ?? null, "bytes", null, ref ? `gzip ${formatValue(ref.gzipBytes, "bytes")}` : undefined),
    );
    for (const p of pg.pages.filter((x) => x.kind !== "reference")) {
      const m = p.median;
      const absent = p.exists ? undefined : "page not built";
      const id = p.id ?? (p.kind === "explorer" ? "explorer" : p.path === "/" ? "home" : "project");
      if (id === "atelier") {
        out.push(
          figure(
            "atelier.queryReady",
            `${p.name}: time until a query has run (DuckDB-WASM loaded, database attached)`,
            m?.queryReadyMs ?? null,
            "ms",
            null,
            absent ?? (m ? `bytes ${formatValue(m.bytes, "bytes")}, gzip ${formatValue(m.gzipBytes, "bytes")}` : undefined),
          ),
        );
      } else if (id === "analysis") {
        const duckdb = [...new Set(p.runs.flatMap((run) => run.duckdb))];
        out.push(...chartPageFigures(id, p, ref, absent, { op: "<=", limit: ANALYSIS_MAX_BYTES }));
        out.push(figure(`${id}.duckdb`, `${p.name}: DuckDB-WASM requests`, p.exists ? duckdb.length : null, "count", { op: "=", limit: 0 }, absent));
      } else if (p.kind === "explorer") {
        out.push(
          figure(
            `${id}.firstRows`,
            `${p.name}: time to first rows`,
            m?.firstRowsMs ?? null,
            "ms",
            null,
            absent ?? (m && m.rowsFoundIn < p.runs.length ? `rows in ${m.rowsFoundIn}/${p.runs.length} runs` : undefined),
          ),
        );
        out.push(
          figure(
            `${id}.firstRowsRatio`,
            `${p.name}: first rows / official first chart`,
            ratio(m?.firstRowsMs, ref?.firstChartMs),
            "ratio",
            { op: "<=", limit: 1 / 2 },
            absent,
          ),
        );
        out.push(
          figure(`${id}.bytes`, `${p.name}: bytes`, m?.bytes ?? null, "bytes", null, absent ?? (m ? `gzip ${formatValue(m.gzipBytes, "bytes")}` : undefined)),
        );
      } else {
        out.push(...chartPageFigures(id, p, ref, absent, null));
        out.push(
          figure(
            `${id}.bytesRatio`,
            `${p.name}: bytes / official`,
            ratio(m?.bytes, ref?.bytes),
            "ratio",
            { op: "<=", limit: 1 / 4 },
            absent ?? (m && ref ? `gzip: ${formatValue(ratio(m.gzipBytes, ref.gzipBytes), "ratio")}` : undefined),
          ),
        );
      }
    }
    const narrative = pg.crawl.filter((c) => c.kind === "narrative");
    const withDuckdb = narrative.filter((c) => c.duckdb.length > 0);
    out.push(
      figure(
        "narrative.duckdb",
        `DuckDB-WASM requests on narrative pages (${narrative.length} pages)`,
        withDuckdb.reduce((s, c) => s + c.duckdb.length, 0),
        "count",
        { op: "=", limit: 0 },
        withDuckdb.length ? withDuckdb.map((c) => c.path).join(", ") : undefined,
      ),
    );
    const external = pg.crawl.reduce((s, c) => s + c.external.length, 0);
    out.push(figure("site.external", "requests leaving 127.0.0.1 (every page)", external, "count", { op: "=", limit: 0 }));
  }
  if (r.dataFiles) {
    const shipped = r.dataFiles.filter((f) => f.loadedByReaderPage);
    const largest = shipped.reduce<(typeof shipped)[number] | null>((a, f) => (!a || f.gzipBytes > a.gzipBytes ? f : a), null);
    out.push(
      figure(
        "data.largestGzip",
        `largest data file loaded by narrative pages or the explorer, gzip (${shipped.length} files)`,
        largest ? largest.gzipBytes / KB : shipped.length === 0 ? 0 : null,
        "KB",
        { op: "<", limit: 100 },
        largest?.path,
      ),
    );
  }
  return out;
}
