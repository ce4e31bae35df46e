// Columns of the project downloads (CSV and XLSX, full on « Données et méthode », filtered in the
// explorer): the schema's columns in schema order, with their `exportLabel` as header. The browser
// cannot import loaders/ (outside Framework's source root), so the list is written out here; its
// type is the exact list from loaders/schema.ts, so the compiler rejects any column or label that
// differs, is missing, is added or is out of order.
import type { ProjectExportColumns } from "../../loaders/schema.js";

export const PROJECT_EXPORT_COLUMNS: ProjectExportColumns = [
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
  { name: "more_info_urls", label: "En savoir plus" },
  { name: "pap_urls", label: "Projet annuel de performances" },
  { name: "source_kind", label: "Type de source" },
  { name: "source_file", label: "Fichier source" },
  { name: "source_row", label: "Ligne dans le fichier source" },
];
