// Shared by the chapters' data (pure functions of the dataset, computed once at build time so that every
// page shows the same numbers): labels of missing values, rounding, ordering, editions not loaded.
// Costs in M€ (published totals in Md€), durations in years, gaps and shares as fractions.
import { COST_BAND_UNKNOWN, COST_BANDS } from "../../docs/components/format.js";
import { MINISTRY_UNKNOWN, PHASE_ORDER, PHASE_UNKNOWN, PHASE_WITHHELD, phaseLabel, ZONE_UNKNOWN } from "../../docs/components/labels.js";
import type { Dataset } from "../build/index.js";
import type { ProjectRow } from "../schema.js";
import { dataGouvResourceId, editionLabel } from "../sources/index.js";
import { cmp, round } from "../util.js";

export { MINISTRY_UNKNOWN, PHASE_ORDER, PHASE_UNKNOWN, PHASE_WITHHELD, phaseLabel, ZONE_UNKNOWN };

/** First edition whose published costs are « coûts complets » (column « Coût (complet) estimé »). */
export const FULL_COST_EDITION = "2018-07";

export const COST_BAND_ORDER: readonly string[] = [...COST_BANDS.map((b) => b.label), COST_BAND_UNKNOWN];

/** M€ to the thousand euros; durations to 1e-3 year (≈ 9 hours); fractions to 1e-4. */
export const meur = (x: number) => round(x, 3);
export const years = (x: number) => round(x, 3);
export const fraction = (x: number) => round(x, 4);
/** French labels: « Économie » sorts with E, « justice » with J. */
export const frCmp = (a: string, b: string) => a.localeCompare(b, "fr", { sensitivity: "base" }) || cmp(a, b);
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export interface EditionRef {
  edition: string;
  label: string;
}

export const ref = (edition: string): EditionRef => ({ edition, label: editionLabel(edition) });

export function editionOrder(dataset: Pick<Dataset, "editions">): string[] {
  return dataset.editions.map((e) => e.edition).sort(cmp);
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export const costOf = (rows: readonly ProjectRow[]) => meur(sum(rows.map((p) => p.cost_meur ?? 0)));
export const ministryLabel = (p: ProjectRow) => p.ministry ?? MINISTRY_UNKNOWN;

// ---- Editions that could not be loaded ----------------------------------------------------------

/** Catalogued editions strictly between two loaded ones that could not be loaded, in order. */
export function unavailableBetween(failures: Dataset["failures"], from: string, to: string): string[] {
  return failures
    .map((f) => f.edition)
    .filter((e) => e > from && e < to)
    .sort(cmp);
}

export function unavailableEditions(dataset: Pick<Dataset, "failures">): EditionRef[] {
  return dataset.failures
    .map((f) => f.edition)
    .sort(cmp)
    .map(ref);
}

export interface EditionGap {
  /** Consecutive loaded editions… */
  from: string;
  to: string;
  /** …and the catalogued editions between them that could not be loaded. */
  missing: string[];
}

export function editionGaps(dataset: Pick<Dataset, "editions" | "failures">): EditionGap[] {
  const order = editionOrder(dataset);
  return order.slice(1).flatMap((to, i) => {
    const missing = unavailableBetween(dataset.failures, order[i]!, to);
    return missing.length > 0 ? [{ from: order[i]!, to, missing }] : [];
  });
}

/** Why an edition is not in the report, in a reader's words (the loader's message stays for analysts). */
export function readerReason(message: string | null): string {
  if (message === null) return "aucun fichier encore référencé par le site, seuls les chiffres clés publiés sont connus";
  if (/sha256 [0-9a-f]+ differs/i.test(message)) return "le fichier obtenu n’était pas celui attendu : il a été écarté par précaution";
  if (/over the limit/i.test(message)) return "le fichier obtenu était trop volumineux : il a été écarté";
  return "fichier non disponible lors de la construction du site";
}

const DATASET_PAGE = "https://www.data.gouv.fr/fr/datasets/panorama-des-grands-projets-si-de-letat-1/";
const GITHUB_RAW = /^https:\/\/raw\.githubusercontent\.com\/([\w.-]+\/[\w.-]+)\/([0-9a-f]{40})\/(.+)$/;

/**
 * A page a reader can open for a source file, or null: the data.gouv.fr page of a resource; a
 * dashboard page (HTML) served as a web page (raw.githubusercontent.com serves it as text);
 * GitHub's view of any other file of the repository. The raw address stays the second link.
 */
export function readablePage(url: string | null): string | null {
  if (url === null) return null;
  const resource = dataGouvResourceId(url);
  if (resource !== null) return `${DATASET_PAGE}#/resources/${resource}`;
  const raw = GITHUB_RAW.exec(url);
  if (raw === null) return null;
  const [, repo, commit, path] = raw;
  return /\.html?$/i.test(path!) ? `https://raw.githack.com/${repo}/${commit}/${path}` : `https://github.com/${repo}/blob/${commit}/${path}`;
}
