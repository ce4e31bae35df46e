// Single source of the output contract: DuckDB DDL, Parquet files, TypeScript row types, the data dictionary and the download headers.

import { PHASES, type Phase } from "../docs/components/labels.js";

export { PHASES, type Phase };

export const SOURCE_KINDS = ["spreadsheet", "dashboard"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** Formats of edition files; each has its reader in read/formats.ts. */
export const SOURCE_FORMATS = ["csv", "xlsx", "xls", "ods", "html"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export function isSourceFormat(s: unknown): s is SourceFormat {
  return (SOURCE_FORMATS as readonly unknown[]).includes(s);
}

export const MOVEMENTS = ["entered", "exited"] as const;
export type Movement = (typeof MOVEMENTS)[number];

export type SqlType = "VARCHAR" | "VARCHAR[]" | "DOUBLE" | "INTEGER" | "BOOLEAN" | "DATE";

/** TypeScript type of a value of each SQL type; dates are ISO strings `YYYY-MM-DD`. */
interface SqlValues {
  VARCHAR: string;
  /** A DuckDB list; in the CSV and XLSX downloads, its items one per line in the cell. */
  "VARCHAR[]": string[];
  DOUBLE: number;
  INTEGER: number;
  BOOLEAN: boolean;
  DATE: string;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: SqlType;
  /** French description shown in the data dictionary. */
  readonly description: string;
  /** Never null in a row: a TypeScript constraint only, the DDL has no NOT NULL. */
  readonly notNull?: boolean;
  /** The only values the column holds: its TypeScript type is their union. */
  readonly values?: readonly string[];
  /** Header of the column in the CSV and XLSX downloads (French); columns without one are not exported. */
  readonly exportLabel?: string;
}

type ValueOf<C extends ColumnDef> = C extends { values: readonly (infer V)[] } ? V : SqlValues[C["type"]];
type CellOf<C extends ColumnDef> = C extends { notNull: true } ? ValueOf<C> : ValueOf<C> | null;

/** The row type of a table: one key per column, typed from its SQL type, its `values` and `notNull`. */
export type RowOf<Columns extends readonly ColumnDef[]> = { [C in Columns[number] as C["name"]]: CellOf<C> };

/** The exact `{name, label}` list of the exported columns, in table order (labels as literal types). */
export type ExportColumnsOf<Columns extends readonly ColumnDef[]> = Columns extends readonly [infer First, ...infer Rest extends readonly ColumnDef[]]
  ? First extends { name: infer N; exportLabel: infer L }
    ? readonly [{ readonly name: N; readonly label: L }, ...ExportColumnsOf<Rest>]
    : ExportColumnsOf<Rest>
  : readonly [];

/** The exported columns of a table, in table order, with their French headers. */
export function exportColumns<const Columns extends readonly ColumnDef[]>(columns: Columns): ExportColumnsOf<Columns> {
  return columns.flatMap((c) => (c.exportLabel === undefined ? [] : [{ name: c.name, label: c.exportLabel }])) as unknown as ExportColumnsOf<Columns>;
}

export const PROJECT_COLUMNS = [
  { name: "edition", type: "VARCHAR", notNull: true, exportLabel: "Édition", description: "Édition du panorama (AAAA-MM)" },
  {
    name: "project_key",
    type: "VARCHAR",
    notNull: true,
    exportLabel: "Identifiant du projet",
    description:
      "Identifiant stable du projet, le même d’une édition à l’autre et quelles que soient les éditions chargées : le nom publié normalisé (minuscules, sans accents, ponctuation ni mots de liaison, mots joints par des tirets), ou, quand la table d’alias rattache ce nom à un projet déjà suivi, l’identifiant de ce projet ; suivi du ministère quand une même édition publie ce nom sous deux ministères (voir Données et méthode)",
  },
  { name: "name", type: "VARCHAR", notNull: true, exportLabel: "Nom du projet", description: "Nom du projet, tel que publié" },
  { name: "ministry", type: "VARCHAR", exportLabel: "Ministère (libellé harmonisé)", description: "Ministère porteur, libellé harmonisé entre éditions" },
  { name: "ministry_published", type: "VARCHAR", exportLabel: "Ministère (libellé publié)", description: "Ministère porteur, libellé publié" },
  { name: "interministerial", type: "BOOLEAN", exportLabel: "Interministériel", description: "Projet interministériel (Oui/Non)" },
  { name: "description", type: "VARCHAR", exportLabel: "Description et objectifs", description: "Description et objectifs du projet (texte brut)" },
  { name: "start_date", type: "DATE", exportLabel: "Début", description: "Début du projet (1er du mois quand seuls le mois et l’année sont publiés)" },
  { name: "duration_years", type: "DOUBLE", exportLabel: "Durée prévisionnelle (années)", description: "Durée prévisionnelle, en années" },
  {
    name: "phase",
    type: "VARCHAR",
    values: PHASES,
    exportLabel: "Phase",
    description: "Phase en cours : Cadrage, Conception / Réalisation, Expérimentation, Déploiement ou Terminé",
  },
  {
    name: "figures_withheld",
    type: "BOOLEAN",
    notNull: true,
    exportLabel: "Chiffres non publiés",
    description: "Chiffres volontairement non publiés (appel d’offres ou trajectoire en révision)",
  },
  { name: "cost_meur", type: "DOUBLE", exportLabel: "Coût estimé (M€)", description: "Coût estimé, en millions d’euros (M€)" },
  { name: "functional_zone", type: "VARCHAR", exportLabel: "Zone fonctionnelle", description: "Zone fonctionnelle principale" },
  { name: "financing", type: "VARCHAR", exportLabel: "Financement", description: "Programme(s) budgétaire(s) de financement" },
  {
    name: "more_info_url",
    type: "VARCHAR",
    description: "Premier lien « En savoir plus sur le projet » (tous les liens publiés : more_info_urls)",
  },
  {
    name: "more_info_urls",
    type: "VARCHAR[]",
    notNull: true,
    exportLabel: "En savoir plus",
    description:
      "Tous les liens « En savoir plus sur le projet », dans l’ordre publié (liste, vide si aucun) ; dans les fichiers CSV et XLSX, un lien par ligne de la cellule",
  },
  {
    name: "pap_url",
    type: "VARCHAR",
    description: "Premier lien vers un projet annuel de performances (PAP) (tous les liens publiés : pap_urls)",
  },
  {
    name: "pap_urls",
    type: "VARCHAR[]",
    notNull: true,
    exportLabel: "Projet annuel de performances",
    description:
      "Tous les liens vers les projets annuels de performances (PAP), dans l’ordre publié (liste, vide si aucun) ; dans les fichiers CSV et XLSX, un lien par ligne de la cellule",
  },
  {
    name: "source_kind",
    type: "VARCHAR",
    notNull: true,
    values: SOURCE_KINDS,
    exportLabel: "Type de source",
    description: "Nature de la source : spreadsheet (tableur open data) ou dashboard (page du tableau de bord)",
  },
  { name: "source_file", type: "VARCHAR", notNull: true, exportLabel: "Fichier source", description: "Fichier source" },
  { name: "source_row", type: "INTEGER", notNull: true, exportLabel: "Ligne dans le fichier source", description: "Ligne dans le fichier source" },
] as const satisfies readonly ColumnDef[];

export const EDITION_COLUMNS = [
  { name: "edition", type: "VARCHAR", notNull: true, description: "Édition (AAAA-MM)" },
  { name: "label", type: "VARCHAR", notNull: true, description: "Libellé de l’édition" },
  { name: "published_on", type: "DATE", description: "Date de publication, quand la source la donne" },
  { name: "source_kind", type: "VARCHAR", notNull: true, values: SOURCE_KINDS, description: "Source des lignes de projets : spreadsheet ou dashboard" },
  { name: "source_url", type: "VARCHAR", description: "Adresse d’origine du fichier des projets" },
  { name: "sha256", type: "VARCHAR", description: "Empreinte SHA-256 du fichier des projets" },
  { name: "project_count", type: "INTEGER", notNull: true, description: "Nombre de lignes de projets chargées" },
  { name: "official_projects", type: "INTEGER", description: "Projets suivis, chiffre publié" },
  { name: "official_interministerial", type: "INTEGER", description: "Projets interministériels, chiffre publié" },
  { name: "official_cost_beur", type: "DOUBLE", description: "Coût total publié, en milliards d’euros (Md€)" },
  { name: "official_duration_years", type: "DOUBLE", description: "Durée moyenne publiée, en années" },
  { name: "official_schedule_gap", type: "DOUBLE", description: "Taux d’écart calendaire moyen publié (fraction : 0,154 pour 15,4 %)" },
  { name: "official_budget_gap", type: "DOUBLE", description: "Taux d’écart budgétaire moyen publié (fraction)" },
  { name: "official_source", type: "VARCHAR", description: "Source des chiffres publiés" },
] as const satisfies readonly ColumnDef[];

export const ANOMALY_COLUMNS = [
  { name: "edition", type: "VARCHAR", notNull: true, description: "Édition" },
  { name: "source_file", type: "VARCHAR", notNull: true, description: "Fichier source" },
  { name: "source_row", type: "INTEGER", description: "Ligne dans le fichier source" },
  { name: "column", type: "VARCHAR", description: "Colonne du fichier source" },
  { name: "value", type: "VARCHAR", description: "Valeur publiée, telle quelle" },
  // The English text of a normalize/problems.ts code (PROBLEM_TEXTS); its French label is in report/methodology.ts.
  { name: "problem", type: "VARCHAR", notNull: true, description: "Problème constaté (la valeur est laissée vide dans projects)" },
] as const satisfies readonly ColumnDef[];

export const NORMALIZATION_COLUMNS = [
  { name: "edition", type: "VARCHAR", notNull: true, description: "Édition" },
  { name: "source_file", type: "VARCHAR", notNull: true, description: "Fichier source" },
  { name: "source_row", type: "INTEGER", notNull: true, description: "Ligne dans le fichier source" },
  { name: "column", type: "VARCHAR", notNull: true, description: "Colonne du fichier source" },
  { name: "value", type: "VARCHAR", notNull: true, description: "Valeur publiée, telle quelle (un lien de la cellule)" },
  { name: "normalized", type: "VARCHAR", notNull: true, description: "Valeur retenue dans projects" },
  {
    name: "rule",
    type: "VARCHAR",
    notNull: true,
    description:
      "Règle appliquée : scheme-added (adresse sans http:// ni https://, http:// ajouté), quote-stripped (apostrophe ou guillemets autour de l’adresse retirés) ; plusieurs, séparées par une virgule",
  },
] as const satisfies readonly ColumnDef[];

/** "First"/"last" values are the first/last non-null ones, in edition order. */
export const PROJECT_HISTORY_COLUMNS = [
  { name: "project_key", type: "VARCHAR", notNull: true, description: "Identifiant stable du projet (colonne project_key de projects)" },
  { name: "name", type: "VARCHAR", notNull: true, description: "Nom du projet dans sa dernière édition" },
  { name: "ministry", type: "VARCHAR", description: "Ministère porteur (libellé harmonisé) dans sa dernière édition" },
  { name: "first_edition", type: "VARCHAR", notNull: true, description: "Première édition où le projet figure" },
  { name: "last_edition", type: "VARCHAR", notNull: true, description: "Dernière édition où le projet figure" },
  { name: "editions_count", type: "INTEGER", notNull: true, description: "Nombre d’éditions où le projet figure" },
  {
    name: "gaps",
    type: "VARCHAR",
    description: "Éditions chargées, entre la première et la dernière, où le projet ne figure pas (séparées par des virgules) ; vide s’il n’en manque aucune",
  },
  { name: "first_cost_meur", type: "DOUBLE", description: "Premier coût publié, en M€ (première édition où il est renseigné)" },
  { name: "last_cost_meur", type: "DOUBLE", description: "Dernier coût publié, en M€ (dernière édition où il est renseigné)" },
  { name: "first_cost_edition", type: "VARCHAR", description: "Édition du premier coût publié" },
  { name: "last_cost_edition", type: "VARCHAR", description: "Édition du dernier coût publié" },
  { name: "cost_change_meur", type: "DOUBLE", description: "Évolution du coût, en M€ : dernier coût moins premier coût (0 si une seule édition le renseigne)" },
  {
    name: "cost_change_ratio",
    type: "DOUBLE",
    description: "Évolution relative du coût (fraction : 0,25 pour +25 %) ; vide si un coût manque ou si le premier est nul",
  },
  { name: "first_duration_years", type: "DOUBLE", description: "Première durée prévisionnelle publiée, en années" },
  { name: "last_duration_years", type: "DOUBLE", description: "Dernière durée prévisionnelle publiée, en années" },
  { name: "duration_change_years", type: "DOUBLE", description: "Évolution de la durée, en années : dernière moins première" },
  { name: "first_start_date", type: "DATE", description: "Date de début publiée dans la première édition qui la donne" },
  { name: "last_start_date", type: "DATE", description: "Date de début publiée dans la dernière édition qui la donne" },
  { name: "phases", type: "VARCHAR", description: "Parcours des phases, dans l’ordre des éditions (répétitions consécutives fusionnées, séparées par « → »)" },
  { name: "still_listed", type: "BOOLEAN", notNull: true, description: "Le projet figure dans la dernière édition chargée" },
] as const satisfies readonly ColumnDef[];

export const MOVEMENT_COLUMNS = [
  { name: "edition", type: "VARCHAR", notNull: true, description: "Édition" },
  { name: "previous_edition", type: "VARCHAR", notNull: true, description: "Édition chargée précédente" },
  { name: "project_key", type: "VARCHAR", notNull: true, description: "Identifiant stable du projet (colonne project_key de projects)" },
  {
    name: "movement",
    type: "VARCHAR",
    notNull: true,
    values: MOVEMENTS,
    description: "entered : le projet entre dans le panorama ; exited : il n’y figure plus",
  },
] as const satisfies readonly ColumnDef[];

export const TABLES = {
  projects: PROJECT_COLUMNS,
  editions: EDITION_COLUMNS,
  anomalies: ANOMALY_COLUMNS,
  normalizations: NORMALIZATION_COLUMNS,
  project_history: PROJECT_HISTORY_COLUMNS,
  movements: MOVEMENT_COLUMNS,
} as const satisfies Record<string, readonly ColumnDef[]>;

export type TableName = keyof typeof TABLES;
export type TableRow<T extends TableName> = RowOf<(typeof TABLES)[T]>;

/** One row per project per edition, as published. */
export type ProjectRow = TableRow<"projects">;
/** One row per loaded edition: its source and the headline figures it states. */
export type EditionRow = TableRow<"editions">;
/** A published value that could not be read. */
export type AnomalyRow = TableRow<"anomalies">;
/** A published value kept in a tidied form. */
export type NormalizationRow = TableRow<"normalizations">;
/** One row per project (project_key) across every loaded edition. */
export type ProjectHistoryRow = TableRow<"project_history">;
/** A project entering or leaving the panorama between two consecutive loaded editions. */
export type MovementRow = TableRow<"movements">;

/** Headline figures as the source states them; gaps are fractions (0.154 for 15,4 %). */
export type HeadlineFigures = Pick<
  EditionRow,
  "official_projects" | "official_interministerial" | "official_cost_beur" | "official_duration_years" | "official_schedule_gap" | "official_budget_gap"
>;

/** No headline figure stated. */
export const NO_HEADLINE: Readonly<HeadlineFigures> = Object.freeze({
  official_projects: null,
  official_interministerial: null,
  official_cost_beur: null,
  official_duration_years: null,
  official_schedule_gap: null,
  official_budget_gap: null,
});

/** Columns of the project downloads (CSV and XLSX), in table order, with their French headers. */
export type ProjectExportColumns = ExportColumnsOf<typeof PROJECT_COLUMNS>;
