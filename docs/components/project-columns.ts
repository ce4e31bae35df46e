// Columns of the project downloads (CSV and XLSX, full on « Données et méthode », filtered in the
// explorer): the schema's columns in schema order, with French headers.
import type { ExportColumn } from "./export.js";

export const PROJECT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: "edition", label: "Édition" },
  { name: "project_key", label: "Identifiant du projet" },
  { name: "name", label: "Nom du projet" },
  { name: "ministry", label: "Ministère (libellé harmonisé)" },
  { name: "ministry_published", label: "Ministère (libellé publié)" },
  { name: "interministerial", label: "Interministériel" },
  { name: "description", label: "Description et objectifs" },
  { name: "start_date", label: "Début" },
  { name: "duration_years", label: "Durée prévisionnelle (années)" },
  { name: "phase", label: "Phase" },
  { name: "figures_withheld", label: "Chiffres non publiés" },
  { name: "cost_meur", label: "Coût estimé (M€)" },
  { name: "functional_zone", label: "Zone fonctionnelle" },
  { name: "financing", label: "Financement" },
  { name: "more_info_url", label: "En savoir plus" },
  { name: "pap_url", label: "Projet annuel de performances" },
  { name: "source_kind", label: "Type de source" },
  { name: "source_file", label: "Fichier source" },
  { name: "source_row", label: "Ligne dans le fichier source" },
];
