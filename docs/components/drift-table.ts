// « Dérives »: one table of every comparable project (first and last published cost and duration,
// and the changes), sortable on the page and downloaded in the order shown.
import type { DataColumn } from "./data-table.js";
import { projectHref } from "./data-table.js";
import type { ExportColumn, ExportDigits } from "./export.js";
import { distinctDigits, formatChange, formatChangePercent, formatEditionShort, formatNumber, shownChange } from "./format.js";

/** A row of loaders/report/drift.ts (DriftRow), as much of it as the table reads. */
export interface DriftTableRow {
  key: string;
  name: string;
  ministry: string;
  first_cost_meur: number | null;
  last_cost_meur: number | null;
  first_cost_edition: string | null;
  last_cost_edition: string | null;
  cost_change_meur: number | null;
  cost_change_ratio: number | null;
  first_duration_years: number | null;
  last_duration_years: number | null;
  first_duration_edition: string | null;
  last_duration_edition: string | null;
  duration_change_years: number | null;
  cost_comparable: boolean;
  duration_comparable: boolean;
  still_listed: boolean;
  cost_definition_changed: boolean;
  spans_missing: boolean;
}

// A cost or a duration that moved by less than 0,1 is shown with the decimals that show it moved.
const costDigits = (r: DriftTableRow) => distinctDigits(r.first_cost_meur, r.last_cost_meur);
const durationDigits = (r: DriftTableRow) => distinctDigits(r.first_duration_years, r.last_duration_years);

// The edition under the figure (a line break, shown by the cell's white-space: pre-line).
const withEdition = (text: string, edition: string | null) => (edition ? `${text}\n${formatEditionShort(edition)}` : text);

/** The page's columns; `base` is the path to the project pages. */
export function driftTableColumns(base = "./projets/"): DataColumn<DriftTableRow>[] {
  return [
    { label: "Projet", key: "name", href: (r) => projectHref(r.key, base) },
    { label: "Ministère", key: "ministry", className: "stack-wide" },
    {
      label: "Premier coût (M€)",
      key: "first_cost_meur",
      format: (x, r) => withEdition(formatNumber(x, costDigits(r)), r.first_cost_edition),
      align: "right",
      className: "with-edition",
    },
    {
      label: "Dernier coût (M€)",
      key: "last_cost_meur",
      format: (x, r) => withEdition(formatNumber(x, costDigits(r)), r.last_cost_edition),
      align: "right",
      className: "with-edition",
    },
    {
      label: "Écart (M€)",
      key: "cost_change_meur",
      format: (_, r) => formatChange(shownChange(r.first_cost_meur, r.last_cost_meur, costDigits(r)), "", costDigits(r)),
      align: "right",
    },
    { label: "Écart (%)", key: "cost_change_ratio", format: formatChangePercent, align: "right" },
    {
      label: "Première durée (années)",
      key: "first_duration_years",
      format: (x, r) => withEdition(formatNumber(x, durationDigits(r)), r.first_duration_edition),
      align: "right",
      className: "with-edition",
    },
    {
      label: "Dernière durée (années)",
      key: "last_duration_years",
      format: (x, r) => withEdition(formatNumber(x, durationDigits(r)), r.last_duration_edition),
      align: "right",
      className: "with-edition",
    },
    {
      label: "Écart (années)",
      key: "duration_change_years",
      format: (_, r) => formatChange(shownChange(r.first_duration_years, r.last_duration_years, durationDigits(r)), "", durationDigits(r)),
      align: "right",
    },
  ];
}

/** The download: figures as numbers, editions as AAAA-MM, the percentage in percent. */
export const DRIFT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: "name", label: "Projet" },
  { name: "key", label: "Identifiant du projet" },
  { name: "ministry", label: "Ministère" },
  { name: "first_cost_meur", label: "Premier coût publié (M€)" },
  { name: "first_cost_edition", label: "Édition du premier coût" },
  { name: "last_cost_meur", label: "Dernier coût publié (M€)" },
  { name: "last_cost_edition", label: "Édition du dernier coût" },
  { name: "cost_change_meur", label: "Écart de coût (M€)" },
  { name: "cost_change_percent", label: "Écart de coût (%)" },
  { name: "first_duration_years", label: "Première durée publiée (années)" },
  { name: "first_duration_edition", label: "Édition de la première durée" },
  { name: "last_duration_years", label: "Dernière durée publiée (années)" },
  { name: "last_duration_edition", label: "Édition de la dernière durée" },
  { name: "duration_change_years", label: "Écart de durée (années)" },
  { name: "still_listed", label: "Présent dans la dernière édition" },
  { name: "cost_definition_changed", label: "Définition du coût changée entre les deux" },
  { name: "spans_missing", label: "Éditions manquantes entre les deux" },
];

export const DRIFT_EXPORT_DIGITS: ExportDigits = {
  first_cost_meur: 3,
  last_cost_meur: 3,
  cost_change_meur: 3,
  cost_change_percent: 1,
  first_duration_years: 2,
  last_duration_years: 2,
  duration_change_years: 2,
};

/** Rows as downloaded: the change in percent rather than as a fraction. */
export function driftExportRows(rows: readonly DriftTableRow[]): object[] {
  return rows.map((r) => ({ ...r, cost_change_percent: r.cost_change_ratio === null ? null : Math.round(r.cost_change_ratio * 10_000) / 100 }));
}
