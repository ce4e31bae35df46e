import type { Cell, RawSheet } from "../read/index.js";
import { cleanText, foldText } from "./text.js";

/** What a source column holds. `ministry_short` (acronym) and `cost_band` are read but not output as such. */
export type HeaderField =
  | "name"
  | "ministry_published"
  | "ministry_short"
  | "interministerial"
  | "description"
  | "more_info_url"
  | "start"
  | "duration"
  | "phase"
  | "cost"
  | "cost_band"
  | "functional_zone"
  | "financing"
  | "pap_url"
  | "published_on";

/**
 * Every header label published across editions, by field. A new edition's
 * header variant is one more string here (matching ignores case, accents,
 * punctuation and spacing, so "Coût (complet) estimé" = "Coût complet estimé").
 *
 * Ministry columns: dashboards publish the full name under "Ministère porteur";
 * spreadsheets publish an acronym ("SPM") under "Ministère porteur" and the full
 * name under "Ministère nom complet". The order of `ministry_published` aliases
 * is a priority: when a sheet has several ministry columns, the earliest alias
 * is the published ministry and the others are `ministry_short`.
 */
export const HEADER_ALIASES: Readonly<Record<HeaderField, readonly string[]>> = {
  name: ["Nom du projet", "Projet", "Nom", "Intitulé du projet"],
  ministry_published: ["Ministère nom complet", "Ministère porteur", "Ministère"],
  ministry_short: ["Sigle du ministère", "Ministère sigle"],
  interministerial: ["Projet interministériel", "Projet inter-ministériel", "Interministériel"],
  description: ["Description et objectifs du projet", "Description et objectifs", "Description"],
  more_info_url: ["En savoir plus sur le projet", "En savoir plus"],
  start: ["Début", "Date de début", "Date de début du projet", "Début du projet"],
  duration: [
    "Durée prévisionnelle en année",
    "Durée prévisionnelle en années",
    "Durée du projet en années",
    "Durée prévisionnelle (années)",
    "Durée du projet",
    "Durée",
  ],
  phase: ["Phase du projet en cours", "Phase", "Phase en cours"],
  cost: [
    "Coût estimé",
    "Coût estimé (M€)",
    "Coût complet estimé",
    "Coût (complet) estimé",
    "Coût complet estimé (M€)",
    "Coût actualisé",
    "Coût actualisé (M€)",
    "Coût complet actualisé",
    "Coût complet actualisé (M€)",
  ],
  cost_band: ["Coût estimé par tranche"],
  functional_zone: ["Zone fonctionnelle", "Zone fonctionnelle principale"],
  financing: ["Financement [programme(s)]", "Programme de financement", "Programme(s) de financement", "Programmes de financement", "Financement"],
  pap_url: ["Lien vers les Projets Annuels de Performances", "Lien vers le PAP"],
  published_on: ["Date de publication"],
};

export interface HeaderMapping {
  /** Column index in the row's cells. */
  index: number;
  /** The header as published. */
  source: string;
  field: HeaderField | null;
  /** For an unmapped column, the nearest known label (edit distance), to help whoever adds an alias. */
  closest: string | null;
}

export interface LocatedHeader {
  /** Index of the header row in `sheet.rows` (not the source row number). */
  index: number;
  mapping: HeaderMapping[];
  warnings: string[];
}

/** Lowercase, no accents, runs of punctuation and spaces → one space, trimmed: "Coût estimé (M€)" → "cout estime m". */
export function foldHeader(s: string): string {
  return foldText(s);
}

interface AliasEntry {
  field: HeaderField;
  label: string;
  priority: number;
}

const ALIASES = new Map<string, AliasEntry>();
for (const [field, labels] of Object.entries(HEADER_ALIASES) as [HeaderField, readonly string[]][]) {
  labels.forEach((label, priority) => {
    const key = foldHeader(label);
    const existing = ALIASES.get(key);
    if (existing && existing.field !== field) throw new Error(`HEADER_ALIASES: "${label}" is listed for two fields`);
    if (!existing) ALIASES.set(key, { field, label, priority });
  });
}

function headerText(raw: Cell | undefined): string {
  if (raw === null || raw === undefined) return "";
  const s = String(raw);
  return s.includes("<") || s.includes("&") ? (cleanText(s) ?? "") : s.trim();
}

/** The field a published header label stands for, or null when it is not in HEADER_ALIASES. */
export function matchHeader(raw: string): HeaderField | null {
  return ALIASES.get(foldHeader(headerText(raw)))?.field ?? null;
}

const MAX_DISTANCE_INPUT = 120;

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known header label nearest to `raw` (edit distance over folded text). */
export function closestHeader(raw: string): string | null {
  const folded = foldHeader(headerText(raw)).slice(0, MAX_DISTANCE_INPUT);
  if (!folded) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const [key, entry] of ALIASES) {
    const d = editDistance(folded, key);
    if (d < bestDistance) {
      bestDistance = d;
      best = entry.label;
    }
  }
  return best;
}

/** Maps one header row; empty cells are left out; a field claimed twice keeps its first column. `closest` is filled by `withClosest`. */
export function mapHeaderRow(cells: readonly Cell[]): { mapping: HeaderMapping[]; warnings: string[] } {
  const mapping: HeaderMapping[] = [];
  const warnings: string[] = [];
  cells.forEach((cell, index) => {
    const source = headerText(cell);
    if (!source) return;
    const entry = ALIASES.get(foldHeader(source));
    mapping.push({ index, source, field: entry?.field ?? null, closest: null });
  });
  resolveMinistryColumns(mapping);
  const seen = new Map<HeaderField, HeaderMapping>();
  for (const m of mapping) {
    if (m.field === null) continue;
    const first = seen.get(m.field);
    if (first) {
      warnings.push(`duplicate column "${m.source}" for ${m.field}: the first one ("${first.source}", column ${first.index + 1}) is used`);
      m.field = null;
      continue;
    }
    seen.set(m.field, m);
  }
  return { mapping, warnings };
}

function withClosest(located: LocatedHeader): LocatedHeader {
  for (const m of located.mapping) if (m.field === null) m.closest = closestHeader(m.source);
  return located;
}

function resolveMinistryColumns(mapping: HeaderMapping[]): void {
  const ministries = mapping.filter((m) => m.field === "ministry_published");
  if (ministries.length < 2) return;
  const priority = (m: HeaderMapping) => ALIASES.get(foldHeader(m.source))!.priority;
  const best = Math.min(...ministries.map(priority));
  const keep = ministries.find((m) => priority(m) === best)!;
  for (const m of ministries) if (m !== keep && priority(m) !== best) m.field = "ministry_short";
}

const HEADER_SCAN_ROWS = 30;

function fieldsOf(mapping: readonly HeaderMapping[]): Set<HeaderField> {
  return new Set(mapping.flatMap((m) => (m.field ? [m.field] : [])));
}

/** Among the first 30 rows, the one with the most recognized headers, whatever it lacks (null when none has any). */
export function bestHeaderCandidate(sheet: RawSheet): LocatedHeader | null {
  let best: (LocatedHeader & { score: number }) | null = null;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const { mapping, warnings } = mapHeaderRow(sheet.rows[i]!.cells);
    const fields = fieldsOf(mapping);
    const required = fields.has("name") && (fields.has("ministry_published") || fields.has("ministry_short")) ? 1 : 0;
    const score = required * 1000 + fields.size;
    if (fields.size > 0 && (best === null || score > best.score)) best = { index: i, mapping, warnings, score };
  }
  if (!best) return null;
  const { score: _score, ...located } = best;
  return withClosest(located);
}

/**
 * The header row: among the first 30 rows, the one with the most recognized
 * headers, having at least the project name, a ministry column and one other field.
 */
export function locateHeaderRow(sheet: RawSheet): LocatedHeader | null {
  const candidate = bestHeaderCandidate(sheet);
  if (!candidate) return null;
  const fields = fieldsOf(candidate.mapping);
  const hasMinistry = fields.has("ministry_published") || fields.has("ministry_short");
  return fields.has("name") && hasMinistry && fields.size >= 3 ? candidate : null;
}
