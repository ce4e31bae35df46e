// Data of the « Données et méthode » page: provenance of every edition (loaded or not), the data
// dictionary generated from the schema, and anomalies with their problem in French.
import type { Dataset, MatchReport, EditionFailure } from "../build/index.js";
import { type Edition, type SourceRef, LIMITS } from "../sources/index.js";
import { reconcile, type ReconciliationRow } from "./reconciliation.js";
import { problemOf, type LinkRule, type Problem } from "../normalize/index.js";
import {
  isSourceFormat,
  TABLES,
  type AnomalyRow,
  type ColumnDef,
  type EditionRow,
  type NormalizationRow,
  type ProjectRow,
  type SourceFormat,
  type SourceKind,
  type TableName,
} from "../schema.js";

// ---- Data dictionary ----------------------------------------------------------------------------

export const TABLE_DESCRIPTIONS: Record<TableName, string> = {
  projects: "Une ligne par projet et par édition, telle que publiée (valeurs typées et harmonisées).",
  editions: "Une ligne par édition chargée : source, empreinte et chiffres clés publiés.",
  anomalies: "Valeurs publiées qui n’ont pas pu être lues ; la valeur correspondante est laissée vide dans projects.",
  normalizations: "Valeurs publiées retenues sous une forme corrigée (liens : http:// ajouté, apostrophe retirée), avec la valeur publiée.",
  project_history: "Une ligne par projet, toutes éditions confondues : première et dernière apparition, évolution du coût et de la durée, parcours des phases.",
  movements: "Entrées et sorties du panorama : une ligne par projet et par paire d’éditions consécutives où il entre ou sort.",
};

export interface DictionaryTable {
  table: TableName;
  description: string;
  columns: Pick<ColumnDef, "name" | "type" | "description">[];
}

export function dataDictionary(): DictionaryTable[] {
  return (Object.keys(TABLES) as TableName[]).map((table) => ({
    table,
    description: TABLE_DESCRIPTIONS[table],
    columns: TABLES[table].map(({ name, type, description }) => ({ name, type, description })),
  }));
}

// ---- Anomalies ----------------------------------------------------------------------------------

const cellLimit = new Intl.NumberFormat("fr-FR").format(LIMITS.maxCellChars);

/** French label of each problem the normalizer reports (normalize/problems.ts). */
export const PROBLEM_LABELS: Readonly<Record<Problem, string>> = {
  "not-a-number": "pas un nombre",
  "not-finite": "nombre non fini",
  "negative-cost": "coût négatif",
  "absurd-cost": "coût invraisemblable (plus de 10 000 M€)",
  "negative-duration": "durée négative",
  "duration-over-50-years": "durée de plus de 50 ans",
  "invalid-date": "date invalide",
  "date-out-of-range": "date hors de la période 1990-2050",
  "not-a-date": "pas une date",
  "not-yes-no": "ni oui ni non",
  "not-http-url": "pas une adresse http(s)",
  "unknown-phase": "phase inconnue",
  "duplicate-project": "projet en double dans cette édition",
  "missing-name": "nom du projet manquant : ligne non chargée",
  "cell-too-long": `cellule de plus de ${cellLimit} caractères (la limite) : valeur laissée de côté`,
};

/** French label of a stored problem text; a text no parser writes is kept as it is, marked. */
export function problemLabel(problem: string): string {
  const code = problemOf(problem);
  return code === undefined ? `${problem} (message non traduit)` : PROBLEM_LABELS[code];
}

export type AnomalyDisplayRow = AnomalyRow & { problem_label: string };

export function anomaliesForDisplay(anomalies: readonly AnomalyRow[]): AnomalyDisplayRow[] {
  return anomalies.map((a) => ({ ...a, problem_label: problemLabel(a.problem) }));
}

// ---- Normalizations ------------------------------------------------------------------------------

/** French label of each rule by which a published link is tidied (normalize/values.ts). */
export const LINK_RULE_LABELS: Readonly<Record<LinkRule, string>> = {
  "scheme-added": "adresse publiée sans « http:// » : « http:// » ajouté",
  "quote-stripped": "apostrophe ou guillemets autour de l’adresse retirés",
};

export type NormalizationDisplayRow = NormalizationRow & { rule_label: string };

export function normalizationsForDisplay(rows: readonly NormalizationRow[]): NormalizationDisplayRow[] {
  return rows.map((n) => ({
    ...n,
    rule_label: n.rule
      .split(", ")
      .map((r) => LINK_RULE_LABELS[r as LinkRule] ?? `${r} (règle non traduite)`)
      .join(" ; "),
  }));
}

// ---- Provenance ---------------------------------------------------------------------------------

export interface SourceInfo {
  kind: SourceKind;
  format: SourceFormat;
  /** Null for a file kept in the local cache only. */
  url: string | null;
  sha256: string | null;
}

export interface LoadedEdition extends EditionRow {
  number: number | null;
  /** Format of the file the project rows come from. */
  format: SourceFormat | null;
  /** Catalogued sources not used for the rows nor for the headline figures. */
  other_sources: SourceInfo[];
}

export interface UnavailableEdition {
  edition: string;
  label: string;
  number: number | null;
  /** True when the edition id is inferred from upstream commit dates, not read from the page. */
  inferred: boolean;
  sources: SourceInfo[];
  /** French summary of why no source could be had. */
  reasons: string[];
  /** The loader's message, in English. */
  message: string;
}

export interface Provenance {
  editions: LoadedEdition[];
  unavailable: UnavailableEdition[];
}

const sourceInfo = (s: SourceRef): SourceInfo => ({ kind: s.kind, format: s.format, url: s.url, sha256: s.sha256 });
const usedUrls = (e: EditionRow) => new Set([e.source_url, e.official_source].filter((u): u is string => u !== null));
const matches = (s: SourceRef, url: string | null) => url !== null && (s.url === url || s.altUrls.includes(url));

const REASONS: [RegExp, string][] = [
  [/not tried, offline/, "construction hors ligne (PANORAMA_OFFLINE) : aucun téléchargement tenté"],
  [/request failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|timed? ?out/i, "téléchargement impossible : pas d’accès au réseau lors de la construction"],
  [/HTTP \d{3}/, "le serveur a répondu par une erreur HTTP"],
  [/not allowed|not in the allow/i, "adresse ou redirection vers un hôte non autorisé"],
  [/sha256 [0-9a-f]+ differs/i, "fichier trouvé mais refusé : son empreinte SHA-256 n’est pas celle attendue"],
  [/over the limit/i, "fichier refusé : trop volumineux"],
];

/** French reasons found in a loader failure message; a generic one when none is recognized. */
export function failureReasons(message: string): string[] {
  const reasons = REASONS.filter(([pattern]) => pattern.test(message)).map(([, reason]) => reason);
  if (/: absent/.test(message) && !/not a folder/.test(message)) reasons.unshift("absent du cache local et du miroir");
  return reasons.length ? reasons : ["le fichier n’a pas pu être obtenu ou lu (voir le message technique)"];
}

export function provenance(editions: readonly EditionRow[], failures: readonly EditionFailure[], catalogue: readonly Edition[]): Provenance {
  const find = (id: string) => catalogue.find((c) => c.id === id);
  const loaded = [...editions]
    .sort((a, b) => a.edition.localeCompare(b.edition))
    .map((e): LoadedEdition => {
      const entry = find(e.edition);
      const used = usedUrls(e);
      const rowsSource = entry?.sources.find((s) => matches(s, e.source_url));
      const extension = /\.([a-z]+)$/i.exec(e.source_url ?? "")?.[1]?.toLowerCase();
      const format = rowsSource?.format ?? (isSourceFormat(extension) ? extension : null);
      return {
        ...e,
        number: entry?.number ?? null,
        format,
        other_sources: (entry?.sources ?? []).filter((s) => ![...used].some((u) => matches(s, u))).map(sourceInfo),
      };
    });
  const unavailable = [...failures]
    .sort((a, b) => a.edition.localeCompare(b.edition))
    .map((f): UnavailableEdition => {
      const entry = find(f.edition);
      return {
        edition: f.edition,
        label: entry?.label ?? f.edition,
        number: entry?.number ?? null,
        inferred: entry?.inferred ?? false,
        sources: (entry?.sources ?? []).map(sourceInfo),
        reasons: failureReasons(f.message),
        message: f.message,
      };
    });
  return { editions: loaded, unavailable };
}

// ---- Everything the page shows --------------------------------------------------------------------

/** The 9 M€ threshold of the panorama's FAQ: how many published costs are below it. */
export const COST_THRESHOLD_MEUR = 9;

export interface ThresholdSummary {
  threshold_meur: number;
  rows_with_cost: number;
  rows_below: number;
  projects_below: number;
}

export function thresholdSummary(projects: readonly ProjectRow[], threshold = COST_THRESHOLD_MEUR): ThresholdSummary {
  const costed = projects.filter((p) => p.cost_meur !== null);
  const below = costed.filter((p) => p.cost_meur! < threshold);
  return { threshold_meur: threshold, rows_with_cost: costed.length, rows_below: below.length, projects_below: new Set(below.map((p) => p.project_key)).size };
}

export interface MethodologyData {
  provenance: Provenance;
  threshold: ThresholdSummary;
  dictionary: DictionaryTable[];
  anomalies: AnomalyDisplayRow[];
  normalizations: NormalizationDisplayRow[];
  /** Project rows whose link cell holds several links. */
  multi_link_rows: number;
  matching: MatchReport;
  reconciliation: ReconciliationRow[];
}

export function methodologyData(dataset: Dataset, catalogue: readonly Edition[]): MethodologyData {
  return {
    provenance: provenance(dataset.editions, dataset.failures, catalogue),
    threshold: thresholdSummary(dataset.projects),
    dictionary: dataDictionary(),
    anomalies: anomaliesForDisplay(dataset.anomalies),
    normalizations: normalizationsForDisplay(dataset.normalizations),
    multi_link_rows: dataset.projects.filter((p) => p.more_info_urls.length > 1 || p.pap_urls.length > 1).length,
    matching: dataset.matching,
    reconciliation: reconcile(dataset.projects, dataset.editions),
  };
}
