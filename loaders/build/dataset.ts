import { basename } from "node:path";
import { type AcquireOptions, EDITIONS, isEditionId, type Edition, readLocalInput } from "../sources/index.js";
import { PanoramaError } from "../errors.js";
import { unstatedEditionError } from "./check.js";
import type { EditionCache } from "./edition-cache.js";
import { assignProjectKeys } from "./keys.js";
import type { MatchReport } from "./review.js";
import {
  assembleEdition,
  checkPageEdition,
  errorMessage,
  loadEdition,
  sourceFile,
  type EditionFailure,
  type EditionResult,
  type SourceFile,
} from "./pipeline.js";
import type { AnomalyRow, EditionRow, NormalizationRow, ProjectRow } from "../schema.js";

export interface Dataset {
  projects: ProjectRow[];
  editions: EditionRow[];
  anomalies: AnomalyRow[];
  normalizations: NormalizationRow[];
  warnings: string[];
  failures: EditionFailure[];
  matching: MatchReport;
}

const byEdition = (a: { edition: string }, b: { edition: string }) => a.edition.localeCompare(b.edition);

export function combine(results: readonly EditionResult[], failures: readonly EditionFailure[] = []): Dataset {
  const sorted = [...results].sort(byEdition);
  const keyed = assignProjectKeys(sorted.flatMap((r) => r.projects));
  return {
    projects: keyed.projects,
    editions: sorted.map((r) => r.row),
    anomalies: sorted.flatMap((r) => r.anomalies),
    normalizations: sorted.flatMap((r) => r.normalizations),
    warnings: sorted.flatMap((r) => r.warnings.map((w) => `${r.edition}: ${w}`)),
    failures: [...failures].sort(byEdition),
    matching: keyed.report,
  };
}

/** Every catalogued edition that can be had; the others are listed in `failures`. */
export async function buildFromCatalogue(editions: readonly Edition[], opts: AcquireOptions, cache: EditionCache | null = null): Promise<Dataset> {
  const results: EditionResult[] = [];
  const failures: EditionFailure[] = [];
  for (const edition of editions) {
    try {
      results.push(await loadEdition(edition, opts, cache));
    } catch (e) {
      failures.push({ edition: edition.id, message: errorMessage(e) });
    }
  }
  return combine(results, failures);
}

/**
 * Any supported files, catalogued or not. The edition of each file is the one the
 * file states (dashboard pages), else `edition`, else an error.
 */
export async function ingestFiles(paths: readonly string[], edition: string | null): Promise<Dataset> {
  if (edition !== null && !isEditionId(edition)) {
    throw new PanoramaError(`"${edition}" is not an edition id.`, {}, "Use the form YYYY-MM, e.g. --edition 2021-11.");
  }
  const groups = new Map<string, SourceFile[]>();
  for (const path of paths) {
    const bytes = await readLocalInput(path);
    const file = withEdition(edition, () => sourceFile(bytes, basename(path), null));
    const id = file.read.page ? checkPageEdition(file.read.page, file.file, edition) : edition;
    if (!id) throw unstatedEditionError(file, EDITIONS);
    groups.set(id, [...(groups.get(id) ?? []), file]);
  }
  return combine([...groups].map(([id, files]) => assembleEdition(id, files)));
}

/** Errors raised while reading a file name the edition it was given for, when there is one. */
function withEdition<T>(edition: string | null, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (edition !== null && e instanceof PanoramaError) throw e.located({ edition });
    throw e;
  }
}
