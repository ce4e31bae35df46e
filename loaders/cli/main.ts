import { parseArgs } from "node:util";
import { datasetApiUrl, defaultAcquireOptions, isEditionId, loadCatalogue } from "../sources/index.js";
import { buildFromCatalogue, ingestFiles, type Dataset, defaultEditionCache } from "../build/index.js";
import { runAdd } from "./add.js";
import { terminalIo, type Io } from "./io.js";
import { runCheck } from "./check.js";
import { runDiff } from "./diff.js";
import { runDiscover } from "./discover.js";
import { PanoramaError } from "../errors.js";
import { checkOutFolder, outputError, systemErrorText, UsageError } from "./paths.js";
import { writeIfChanged, datasetTables, notLocalPath } from "../output/index.js";

const USAGE = `Usage:
  panorama ingest <file>... [--edition YYYY-MM] --out <dir>
      Read any supported edition file (CSV, XLS, XLSX, ODS, dashboard HTML page)
      and write <dir>/panorama.duckdb and one <dir>/<table>.parquet per table.
  panorama build --out <dir>
      Every catalogued edition that can be had (cache, then PANORAMA_MIRROR, then download).
  panorama editions discover [--api <base-url>] [--json]
      The data.gouv.fr dataset's resources that the catalogue does not know.
  panorama editions check <file-or-url> [--edition YYYY-MM] [--json]
      Dry run: header mapping, row count, totals and anomalies of one edition file;
      for a catalogued edition, whether the file differs from the catalogued one
      (sha256 and, if it differs, the rows added, removed and changed).
  panorama editions diff <file-or-url> <file-or-url> [--json]
      Rows added, rows removed and cells changed between two files of an edition,
      keyed by project (the slug of its name). Exit code 0 whether or not they differ.
  panorama editions add <file-or-url> [--edition YYYY-MM] [--replace]
      The same checks, then records the edition in editions.local.json and the file in the cache.
Options:
  --out <dir>        output folder (created if missing)
  --edition YYYY-MM  edition of files that do not state it (spreadsheets, the November 2016
                     page when its first-edition sentence does not match its project count)
  --api <base-url>   data.gouv.fr API base (default https://www.data.gouv.fr)
  --json             machine-readable output (discover, check, diff)
Exit codes: 0 success, 1 data or file error, 2 usage error.
  --replace          let add replace an edition that is already catalogued
  --debug            print stack traces
  --help             this text`;

const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, useGrouping: false });

export function summaryLines(dataset: Dataset): string[] {
  return dataset.editions.map((e) => {
    const rows = dataset.projects.filter((p) => p.edition === e.edition);
    const cost = rows.reduce((sum, p) => sum + (p.cost_meur ?? 0), 0);
    const anomalies = dataset.anomalies.filter((a) => a.edition === e.edition).length;
    return `${e.edition}  ${rows.length} rows  total cost ${fmt.format(cost)} M€  ${anomalies} anomalies  (${e.source_kind})`;
  });
}

function report(dataset: Dataset, written: string[] | null, outDir: string, io: Io): void {
  for (const line of summaryLines(dataset)) io.out(line);
  for (const f of dataset.failures) io.err(`warning: edition ${f.edition} skipped: ${f.message}`);
  for (const w of dataset.warnings) io.err(`warning: ${w}`);
  io.out(written ? `wrote ${written.join(", ")}` : `unchanged: ${outDir} already holds these tables`);
}

interface EditionsFlags {
  out?: string;
  edition?: string;
  api?: string;
  json?: boolean;
  replace?: boolean;
}

/** `panorama editions discover|check|add`: argument checks here, the work in discover.ts, check.ts, catalogue-edit.ts. */
async function editionsCommand(args: string[], flags: EditionsFlags, io: Io): Promise<number> {
  const [sub, ...files] = args;
  const allowed: Record<string, (keyof EditionsFlags)[]> = {
    discover: ["api", "json"],
    check: ["edition", "json"],
    diff: ["json"],
    add: ["edition", "replace"],
  };
  if (sub === undefined || !(sub in allowed)) {
    throw new UsageError(
      sub === undefined ? "editions needs a command: discover, check, diff or add." : `unknown command "editions ${sub}".`,
      {},
      "See panorama --help.",
    );
  }
  const flagNames: (keyof EditionsFlags)[] = ["out", "edition", "api", "json", "replace"];
  const extra = flagNames.filter((k) => flags[k] !== undefined && !allowed[sub]!.includes(k));
  if (extra.length) throw new UsageError(`editions ${sub} does not take --${extra.join(", --")}.`, {}, "See panorama --help.");
  if (sub === "discover") {
    if (files.length) throw new UsageError(`editions discover takes no file (got ${files.join(" ")}).`, {}, "See panorama --help.");
    if (flags.api !== undefined) asUsage(() => datasetApiUrl(flags.api!));
    return runDiscover({ api: flags.api ?? null, json: flags.json ?? false }, io);
  }
  if (sub === "diff") {
    if (files.length !== 2) throw new UsageError(`editions diff needs two files or URLs (got ${files.length}).`, {}, "See panorama --help.");
    return runDiff(files[0]!, files[1]!, flags.json ?? false, io);
  }
  if (files.length !== 1) throw new UsageError(`editions ${sub} needs one file or URL (got ${files.length}).`, {}, "See panorama --help.");
  if (sub === "check") return runCheck(files[0]!, flags.edition ?? null, flags.json ?? false, io);
  return runAdd(files[0]!, { edition: flags.edition ?? null, replace: flags.replace ?? false }, io);
}

/** Runs a check of an option's value; its PanoramaError becomes a usage error (exit 2). */
function asUsage(check: () => unknown): void {
  try {
    check();
  } catch (e) {
    if (e instanceof PanoramaError) throw new UsageError(e.detail, e.place, e.hint ?? "See panorama --help.");
    throw e;
  }
}

const COMMAND_FLAGS: Record<string, string[]> = { ingest: ["out", "edition"], build: ["out"] };

async function writeOutputs(dataset: Dataset, out: string, io: Io): Promise<void> {
  let written: string[] | null;
  try {
    written = await writeIfChanged(datasetTables(dataset), out);
  } catch (e) {
    throw outputError(e, out);
  }
  report(dataset, written, out, io);
}

export async function main(argv: string[], rawIo: Io): Promise<number> {
  const io = terminalIo(rawIo);
  let debug = argv.includes("--debug");
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        edition: { type: "string" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        api: { type: "string" },
        json: { type: "boolean" },
        replace: { type: "boolean" },
      },
    });
    debug = values.debug ?? false;
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === "help") {
      io.out(USAGE);
      return values.help || command === "help" ? 0 : 2;
    }
    if (values.edition !== undefined && !isEditionId(values.edition)) {
      throw new UsageError(`--edition "${values.edition}" is not an edition id.`, {}, "Use the form YYYY-MM, e.g. --edition 2021-11.");
    }
    if (command === "editions") return await editionsCommand(rest, values, io);
    const out = values.out;
    if (command === "ingest" || command === "build") {
      const extra = (["edition", "api", "json", "replace"] as const).filter((k) => values[k] !== undefined && !COMMAND_FLAGS[command]!.includes(k));
      if (extra.length) throw new UsageError(`${command} does not take --${extra.join(", --")}.`, {}, "See panorama --help.");
      if (!out) throw new UsageError(`${command} needs --out <dir>.`, {}, "See panorama --help.");
      const notLocal = notLocalPath(out);
      if (notLocal) throw new UsageError(`--out "${out}" is refused: ${notLocal}.`, {}, "Give a folder on this computer, e.g. --out out.");
      await checkOutFolder(out, io.cwd);
    }
    if (command === "ingest") {
      if (rest.length === 0) throw new UsageError("ingest needs at least one file.", {}, "See panorama --help.");
      const dataset = await ingestFiles(rest, values.edition ?? null);
      await writeOutputs(dataset, out!, io);
      return 0;
    }
    if (command === "build") {
      if (rest.length > 0) throw new UsageError(`build takes no file (got ${rest.join(" ")}).`, {}, "Use ingest for files.");
      const dataset = await buildFromCatalogue(
        loadCatalogue(io.cwd),
        defaultAcquireOptions(io.env, io.cwd),
        await defaultEditionCache(io.loadersDir, io.env, io.cwd),
      );
      if (dataset.editions.length === 0) {
        const why = dataset.failures.map((f) => `${f.edition}: ${f.message}`).join("\n");
        throw new PanoramaError(`no edition could be loaded, nothing was written.\n${why}`, {}, null);
      }
      await writeOutputs(dataset, out!, io);
      return 0;
    }
    throw new UsageError(`unknown command "${command}".`, {}, "See panorama --help.");
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const system = systemErrorText(e);
    if (e instanceof PanoramaError || isArgError(e)) {
      io.err(`panorama: error: ${message}`);
    } else if (system) {
      io.err(`panorama: error: ${system}. Check the path and its permissions.`);
    } else if (e instanceof RangeError && /call stack/i.test(message)) {
      io.err("panorama: error: the input is nested too deeply to be read (maximum call stack size exceeded). Run with --debug and report the file.");
    } else {
      io.err(`panorama: unexpected error: ${message}`);
    }
    if (debug && e instanceof Error && e.stack) io.err(e.stack);
    return e instanceof UsageError || isArgError(e) ? 2 : 1;
  }
}

function isArgError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
