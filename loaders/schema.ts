// Single source of the output contract: DuckDB DDL, Parquet files, TypeScript row types and the data dictionary.

export const PHASES = [
  "Cadrage",
  "Conception / Réalisation",
  "Expérimentation",
  "Déploiement",
  "Terminé",
] as const;
export type Phase = (typeof PHASES)[number];

export type SourceKind = "spreadsheet" | "dashboard";
export type SourceFormat = "csv" | "xlsx" | "xls" | "ods" | "html";

export type SqlType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BOOLEAN" | "DATE";

export interface ColumnDef {
  name: string;
  type: SqlType;
  /** French description shown in the data dictionary. */
  description: string;
}

/** One row per project per edition. Dates are ISO strings `YYYY-MM-DD`. */
export interface ProjectRow {
  edition: string;
  project_key: string;
  name: string;
  ministry: string | null;
  ministry_published: string | null;
  interministerial: boolean | null;
  description: string | null;
  start_date: string | null;
  duration_years: number | null;
  phase: Phase | null;
  figures_withheld: boolean;
  cost_meur: number | null;
  functional_zone: string | null;
  financing: string | null;
  more_info_url: string | null;
  pap_url: string | null;
  source_kind: SourceKind;
  source_file: string;
  source_row: number;
}

/** Headline figures as the source states them; gaps are fractions (0.154 for 15,4 %). */
export interface HeadlineFigures {
  official_projects: number | null;
  official_interministerial: number | null;
  official_cost_beur: number | null;
  official_duration_years: number | null;
  official_schedule_gap: number | null;
  official_budget_gap: number | null;
}

/** No headline figure stated. */
export const NO_HEADLINE: Readonly<HeadlineFigures> = Object.freeze({
  official_projects: null,
  official_interministerial: null,
  official_cost_beur: null,
  official_duration_years: null,
  official_schedule_gap: null,
  official_budget_gap: null,
});

export interface EditionRow extends HeadlineFigures {
  edition: string;
  label: string;
  published_on: string | null;
  source_kind: SourceKind;
  source_url: string | null;
  sha256: string | null;
  project_count: number;
  official_source: string | null;
}

export interface AnomalyRow {
  edition: string;
  source_file: string;
  source_row: number | null;
  column: string | null;
  value: string | null;
  problem: string;
}

export const PROJECT_COLUMNS: ColumnDef[] = [
  { name: "edition", type: "VARCHAR", description: "Édition du panorama (AAAA-MM)" },
  { name: "project_key", type: "VARCHAR", description: "Identifiant stable du projet, le même d’une édition à l’autre" },
  { name: "name", type: "VARCHAR", description: "Nom du projet, tel que publié" },
  { name: "ministry", type: "VARCHAR", description: "Ministère porteur, libellé harmonisé entre éditions" },
  { name: "ministry_published", type: "VARCHAR", description: "Ministère porteur, libellé publié" },
  { name: "interministerial", type: "BOOLEAN", description: "Projet interministériel (Oui/Non)" },
  { name: "description", type: "VARCHAR", description: "Description et objectifs du projet (texte brut)" },
  { name: "start_date", type: "DATE", description: "Début du projet (1er du mois quand seuls le mois et l’année sont publiés)" },
  { name: "duration_years", type: "DOUBLE", description: "Durée prévisionnelle, en années" },
  { name: "phase", type: "VARCHAR", description: "Phase en cours : Cadrage, Conception / Réalisation, Expérimentation, Déploiement ou Terminé" },
  { name: "figures_withheld", type: "BOOLEAN", description: "Chiffres volontairement non publiés (appel d’offres ou trajectoire en révision)" },
  { name: "cost_meur", type: "DOUBLE", description: "Coût estimé, en millions d’euros (M€)" },
  { name: "functional_zone", type: "VARCHAR", description: "Zone fonctionnelle principale" },
  { name: "financing", type: "VARCHAR", description: "Programme(s) budgétaire(s) de financement" },
  { name: "more_info_url", type: "VARCHAR", description: "Lien « En savoir plus sur le projet »" },
  { name: "pap_url", type: "VARCHAR", description: "Lien vers le projet annuel de performances (PAP)" },
  { name: "source_kind", type: "VARCHAR", description: "Nature de la source : spreadsheet (tableur open data) ou dashboard (page du tableau de bord)" },
  { name: "source_file", type: "VARCHAR", description: "Fichier source" },
  { name: "source_row", type: "INTEGER", description: "Ligne dans le fichier source" },
];

export const EDITION_COLUMNS: ColumnDef[] = [
  { name: "edition", type: "VARCHAR", description: "Édition (AAAA-MM)" },
  { name: "label", type: "VARCHAR", description: "Libellé de l’édition" },
  { name: "published_on", type: "DATE", description: "Date de publication, quand la source la donne" },
  { name: "source_kind", type: "VARCHAR", description: "Source des lignes de projets : spreadsheet ou dashboard" },
  { name: "source_url", type: "VARCHAR", description: "Adresse d’origine du fichier des projets" },
  { name: "sha256", type: "VARCHAR", description: "Empreinte SHA-256 du fichier des projets" },
  { name: "project_count", type: "INTEGER", description: "Nombre de lignes de projets chargées" },
  { name: "official_projects", type: "INTEGER", description: "Projets suivis, chiffre publié" },
  { name: "official_interministerial", type: "INTEGER", description: "Projets interministériels, chiffre publié" },
  { name: "official_cost_beur", type: "DOUBLE", description: "Coût total publié, en milliards d’euros (Md€)" },
  { name: "official_duration_years", type: "DOUBLE", description: "Durée moyenne publiée, en années" },
  { name: "official_schedule_gap", type: "DOUBLE", description: "Taux d’écart calendaire moyen publié (fraction : 0,154 pour 15,4 %)" },
  { name: "official_budget_gap", type: "DOUBLE", description: "Taux d’écart budgétaire moyen publié (fraction)" },
  { name: "official_source", type: "VARCHAR", description: "Source des chiffres publiés" },
];

export const ANOMALY_COLUMNS: ColumnDef[] = [
  { name: "edition", type: "VARCHAR", description: "Édition" },
  { name: "source_file", type: "VARCHAR", description: "Fichier source" },
  { name: "source_row", type: "INTEGER", description: "Ligne dans le fichier source" },
  { name: "column", type: "VARCHAR", description: "Colonne du fichier source" },
  { name: "value", type: "VARCHAR", description: "Valeur publiée, telle quelle" },
  { name: "problem", type: "VARCHAR", description: "Problème constaté (la valeur est laissée vide dans projects)" },
];

/** One row per project (project_key) across every loaded edition. "First"/"last" values are the first/last non-null ones, in edition order. */
export interface ProjectHistoryRow {
  project_key: string;
  name: string;
  ministry: string | null;
  first_edition: string;
  last_edition: string;
  editions_count: number;
  /** Loaded editions between first and last where the project is not listed. */
  gaps: string | null;
  first_cost_meur: number | null;
  last_cost_meur: number | null;
  first_cost_edition: string | null;
  last_cost_edition: string | null;
  cost_change_meur: number | null;
  cost_change_ratio: number | null;
  first_duration_years: number | null;
  last_duration_years: number | null;
  duration_change_years: number | null;
  first_start_date: string | null;
  last_start_date: string | null;
  phases: string | null;
  still_listed: boolean;
}

export type Movement = "entered" | "exited";

/** A project entering or leaving the panorama between two consecutive loaded editions. */
export interface MovementRow {
  edition: string;
  previous_edition: string;
  project_key: string;
  movement: Movement;
}

export const PROJECT_HISTORY_COLUMNS: ColumnDef[] = [
  { name: "project_key", type: "VARCHAR", description: "Identifiant stable du projet" },
  { name: "name", type: "VARCHAR", description: "Nom du projet dans sa dernière édition" },
  { name: "ministry", type: "VARCHAR", description: "Ministère porteur (libellé harmonisé) dans sa dernière édition" },
  { name: "first_edition", type: "VARCHAR", description: "Première édition où le projet figure" },
  { name: "last_edition", type: "VARCHAR", description: "Dernière édition où le projet figure" },
  { name: "editions_count", type: "INTEGER", description: "Nombre d’éditions où le projet figure" },
  { name: "gaps", type: "VARCHAR", description: "Éditions chargées, entre la première et la dernière, où le projet ne figure pas (séparées par des virgules) ; vide s’il n’en manque aucune" },
  { name: "first_cost_meur", type: "DOUBLE", description: "Premier coût publié, en M€ (première édition où il est renseigné)" },
  { name: "last_cost_meur", type: "DOUBLE", description: "Dernier coût publié, en M€ (dernière édition où il est renseigné)" },
  { name: "first_cost_edition", type: "VARCHAR", description: "Édition du premier coût publié" },
  { name: "last_cost_edition", type: "VARCHAR", description: "Édition du dernier coût publié" },
  { name: "cost_change_meur", type: "DOUBLE", description: "Évolution du coût, en M€ : dernier coût moins premier coût (0 si une seule édition le renseigne)" },
  { name: "cost_change_ratio", type: "DOUBLE", description: "Évolution relative du coût (fraction : 0,25 pour +25 %) ; vide si un coût manque ou si le premier est nul" },
  { name: "first_duration_years", type: "DOUBLE", description: "Première durée prévisionnelle publiée, en années" },
  { name: "last_duration_years", type: "DOUBLE", description: "Dernière durée prévisionnelle publiée, en années" },
  { name: "duration_change_years", type: "DOUBLE", description: "Évolution de la durée, en années : dernière moins première" },
  { name: "first_start_date", type: "DATE", description: "Date de début publiée dans la première édition qui la donne" },
  { name: "last_start_date", type: "DATE", description: "Date de début publiée dans la dernière édition qui la donne" },
  { name: "phases", type: "VARCHAR", description: "Parcours des phases, dans l’ordre des éditions (répétitions consécutives fusionnées, séparées par « → »)" },
  { name: "still_listed", type: "BOOLEAN", description: "Le projet figure dans la dernière édition chargée" },
];

export const MOVEMENT_COLUMNS: ColumnDef[] = [
  { name: "edition", type: "VARCHAR", description: "Édition" },
  { name: "previous_edition", type: "VARCHAR", description: "Édition chargée précédente" },
  { name: "project_key", type: "VARCHAR", description: "Identifiant stable du projet" },
  { name: "movement", type: "VARCHAR", description: "entered : le projet entre dans le panorama ; exited : il n’y figure plus" },
];

export const TABLES = {
  projects: PROJECT_COLUMNS,
  editions: EDITION_COLUMNS,
  anomalies: ANOMALY_COLUMNS,
  project_history: PROJECT_HISTORY_COLUMNS,
  movements: MOVEMENT_COLUMNS,
} as const satisfies Record<string, ColumnDef[]>;

export type TableName = keyof typeof TABLES;
