// Aggregations behind the narrative chapters: pure functions of the dataset, computed once at build
// time so that every page shows the same numbers. Costs in M€ (published totals in Md€), durations
// in years, gaps and shares as fractions.
import { COST_BANDS, COST_BAND_UNKNOWN, costBand } from "../../docs/components/format.js";
import type { Dataset } from "../build/index.js";
import { editionLabel } from "../sources/index.js";
import { buildHistory, buildMovements } from "../build/index.js";
import { LATER_PUBLISHED_FIGURES, type LaterPublishedFigures, type PublishedSource } from "../sources/index.js";
import { RECONCILIATION_NOTES } from "./reconciliation.js";
import { PHASES, type EditionRow, type MovementRow, type ProjectHistoryRow, type ProjectRow } from "../schema.js";

export const PHASE_UNKNOWN = "Phase non renseignée";
export const PHASE_WITHHELD = "Chiffres non publiés";
export const MINISTRY_UNKNOWN = "Ministère non renseigné";
export const ZONE_UNKNOWN = "Zone non renseignée";
/** First edition whose published costs are « coûts complets » (column « Coût (complet) estimé »). */
export const FULL_COST_EDITION = "2018-07";

export const PHASE_ORDER: readonly string[] = [...PHASES, PHASE_WITHHELD, PHASE_UNKNOWN];
export const COST_BAND_ORDER: readonly string[] = [...COST_BANDS.map((b) => b.label), COST_BAND_UNKNOWN];

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
/** M€ to the thousand euros; durations to 1e-3 year (≈ 9 hours); fractions to 1e-4. */
const meur = (x: number) => round(x, 3);
const years = (x: number) => round(x, 3);
const fraction = (x: number) => round(x, 4);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** French labels: « Économie » sorts with E, « justice » with J. */
const frCmp = (a: string, b: string) => a.localeCompare(b, "fr", { sensitivity: "base" }) || cmp(a, b);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export interface EditionRef {
  edition: string;
  label: string;
}

const ref = (edition: string): EditionRef => ({ edition, label: editionLabel(edition) });

function editionOrder(dataset: Pick<Dataset, "editions">): string[] {
  return dataset.editions.map((e) => e.edition).sort(cmp);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const costOf = (rows: readonly ProjectRow[]) => meur(sum(rows.map((p) => p.cost_meur ?? 0)));
const phaseLabel = (p: ProjectRow) => (p.phase ?? (p.figures_withheld ? PHASE_WITHHELD : PHASE_UNKNOWN));
const ministryLabel = (p: ProjectRow) => p.ministry ?? MINISTRY_UNKNOWN;

// ---- Headline figures per edition ---------------------------------------------------------------

export interface PublishedHeadline {
  projects: number | null;
  interministerial: number | null;
  cost_beur: number | null;
  duration_years: number | null;
  schedule_gap: number | null;
  budget_gap: number | null;
  source_url: string | null;
}

export interface EditionFigures extends EditionRef {
  previous_edition: string | null;
  /** Loaded editions are consecutive in the series unless this lists the ones in between. */
  missing_before: string[];
  projects: number;
  interministerial: number;
  /** Sum of the published costs (M€); projects without a cost count for nothing. */
  cost_meur: number;
  cost_known: number;
  /** Mean of the published durations (years). */
  duration_years: number | null;
  duration_known: number;
  withheld: number;
  published: PublishedHeadline;
  /** Computed figure rounded as the edition rounds it differs from the published one. */
  differs: { projects: boolean; interministerial: boolean; cost: boolean; duration: boolean };
  /** Why the published total cost differs, when known (a French sentence, from RECONCILIATION_NOTES). */
  cost_difference_note: string | null;
}

export function editionFigures(dataset: Pick<Dataset, "projects" | "editions" | "failures">): EditionFigures[] {
  const order = editionOrder(dataset);
  const byEdition = groupBy(dataset.projects, (p) => p.edition);
  const rowOf = new Map(dataset.editions.map((e) => [e.edition, e]));
  return order.map((edition, i) => {
    const rows = byEdition.get(edition) ?? [];
    const e = rowOf.get(edition)!;
    const costs = rows.flatMap((p) => (p.cost_meur === null ? [] : [p.cost_meur]));
    const durations = rows.flatMap((p) => (p.duration_years === null ? [] : [p.duration_years]));
    const previous = i > 0 ? order[i - 1]! : null;
    const cost_meur = costOf(rows);
    const duration_years = durations.length > 0 ? years(sum(durations) / durations.length) : null;
    const interministerial = rows.filter((p) => p.interministerial === true).length;
    const published = publishedHeadline(e);
    const costDiffers = published.cost_beur !== null && round(cost_meur / 1000, 2) !== round(published.cost_beur, 2);
    return {
      ...ref(edition),
      previous_edition: previous,
      missing_before: previous === null ? [] : unavailableBetween(dataset.failures, previous, edition),
      projects: rows.length,
      interministerial,
      cost_meur,
      cost_known: costs.length,
      duration_years,
      duration_known: durations.length,
      withheld: rows.filter((p) => p.figures_withheld).length,
      published,
      differs: {
        projects: published.projects !== null && published.projects !== rows.length,
        interministerial: published.interministerial !== null && published.interministerial !== interministerial,
        cost: costDiffers,
        duration: published.duration_years !== null && duration_years !== null && round(duration_years, 1) !== round(published.duration_years, 1),
      },
      cost_difference_note: costDiffers ? (RECONCILIATION_NOTES.find((n) => n.edition === edition && n.figure === "cost")?.note ?? null) : null,
    };
  });
}

function publishedHeadline(e: EditionRow): PublishedHeadline {
  return {
    projects: e.official_projects,
    interministerial: e.official_interministerial,
    cost_beur: e.official_cost_beur,
    duration_years: e.official_duration_years,
    schedule_gap: e.official_schedule_gap,
    budget_gap: e.official_budget_gap,
    source_url: e.official_source,
  };
}

// ---- Editions that could not be loaded ----------------------------------------------------------

/** Catalogued editions strictly between two loaded ones that could not be loaded, in order. */
export function unavailableBetween(failures: Dataset["failures"], from: string, to: string): string[] {
  return failures.map((f) => f.edition).filter((e) => e > from && e < to).sort(cmp);
}

export function unavailableEditions(dataset: Pick<Dataset, "failures">): EditionRef[] {
  return dataset.failures.map((f) => f.edition).sort(cmp).map(ref);
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

// ---- Breakdowns of one edition ------------------------------------------------------------------

export interface CostBandRow {
  edition: string;
  band: string;
  projects: number;
  cost_meur: number;
}

/** Every band of every edition, in COST_BAND_ORDER, zero counts included. */
export function costBands(projects: readonly ProjectRow[], editions: readonly string[]): CostBandRow[] {
  const byKey = groupBy(projects, (p) => `${p.edition}\u0000${costBand(p.cost_meur)}`);
  return editions.flatMap((edition) =>
    COST_BAND_ORDER.map((band) => {
      const rows = byKey.get(`${edition}\u0000${band}`) ?? [];
      return { edition, band, projects: rows.length, cost_meur: costOf(rows) };
    }),
  );
}

export interface PhaseRow {
  edition: string;
  phase: string;
  projects: number;
}

/** Projects per phase and edition, in PHASE_ORDER; empty unknown/withheld rows are left out. */
export function phaseMix(projects: readonly ProjectRow[], editions: readonly string[]): PhaseRow[] {
  const byKey = groupBy(projects, (p) => `${p.edition}\u0000${phaseLabel(p)}`);
  return editions.flatMap((edition) =>
    PHASE_ORDER.flatMap((phase) => {
      const n = byKey.get(`${edition}\u0000${phase}`)?.length ?? 0;
      return n === 0 && (phase === PHASE_UNKNOWN || phase === PHASE_WITHHELD) ? [] : [{ edition, phase, projects: n }];
    }),
  );
}

export interface MinistryPhaseRow {
  edition: string;
  ministry: string;
  phase: string;
  projects: number;
  cost_meur: number;
}

/** Non-empty (edition, canonical ministry, phase) cells, sorted by edition, ministry, phase order. */
export function ministryPhases(projects: readonly ProjectRow[]): MinistryPhaseRow[] {
  const cells = groupBy(projects, (p) => `${p.edition}\u0000${ministryLabel(p)}\u0000${phaseLabel(p)}`);
  return [...cells.values()]
    .map((rows) => ({ edition: rows[0]!.edition, ministry: ministryLabel(rows[0]!), phase: phaseLabel(rows[0]!), projects: rows.length, cost_meur: costOf(rows) }))
    .sort((a, b) => cmp(a.edition, b.edition) || frCmp(a.ministry, b.ministry) || PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase));
}

export interface MinistryWeightRow {
  edition: string;
  ministry: string;
  projects: number;
  cost_meur: number;
  /** Share of the edition's projects and of its total published cost. */
  projects_share: number;
  cost_share: number;
}

/** Every canonical ministry seen in any edition, for every edition (zero when it has no project). */
export function ministryWeights(projects: readonly ProjectRow[], editions: readonly string[]): MinistryWeightRow[] {
  const ministries = [...new Set(projects.map(ministryLabel))].sort(frCmp);
  const byEdition = groupBy(projects, (p) => p.edition);
  return editions.flatMap((edition) => {
    const rows = byEdition.get(edition) ?? [];
    const total = sum(rows.map((p) => p.cost_meur ?? 0));
    const byMinistry = groupBy(rows, ministryLabel);
    return ministries.map((ministry) => {
      const mine = byMinistry.get(ministry) ?? [];
      const cost = sum(mine.map((p) => p.cost_meur ?? 0));
      return {
        edition,
        ministry,
        projects: mine.length,
        cost_meur: meur(cost),
        projects_share: rows.length > 0 ? fraction(mine.length / rows.length) : 0,
        cost_share: total > 0 ? fraction(cost / total) : 0,
      };
    });
  });
}

export interface MinistryLabels {
  ministry: string;
  /** Labels as the editions published them, in order of first appearance. */
  published: string[];
}

/** Canonical ministries and the published labels brought together under each. */
export function ministryLabels(projects: readonly ProjectRow[]): MinistryLabels[] {
  const sorted = [...projects].sort((a, b) => cmp(a.edition, b.edition) || a.source_row - b.source_row);
  return [...groupBy(sorted, ministryLabel)]
    .map(([ministry, rows]) => ({ ministry, published: [...new Set(rows.flatMap((p) => (p.ministry_published ? [p.ministry_published] : [])))] }))
    .sort((a, b) => frCmp(a.ministry, b.ministry));
}

// ---- Functional zones ---------------------------------------------------------------------------

/** The part of a published zone label before " / " (2017-02 adds "/ Identification & Authentification"). */
export function zoneGroup(zone: string | null): string {
  if (zone === null || zone.trim() === "") return ZONE_UNKNOWN;
  return zone.split(" / ")[0]!.trim();
}

/**
 * Key that brings together spellings of one zone across editions: the group, without case,
 * accents (« Echanges » / « Échanges »), typographic apostrophes or a final full stop. Words are
 * kept: no guessing between « Sécurité Circulation routière » and « Sécurité et Circulation Routières ».
 */
export function zoneFamilyKey(zone: string | null): string {
  return zoneGroup(zone)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replaceAll("’", "'")
    .replace(/[.\s]+$/, "")
    .replace(/\s+/g, " ")
    .toLocaleLowerCase("fr");
}

export interface ZoneRow {
  edition: string;
  /** As published (or ZONE_UNKNOWN). */
  zone: string;
  group: string;
  family: string;
  projects: number;
  cost_meur: number;
}

export interface ZoneFamily {
  family: string;
  /** The group label of the latest edition that uses this family. */
  label: string;
  /** Every published label of the family, in order of first appearance. */
  variants: string[];
}

export function zoneRows(projects: readonly ProjectRow[]): ZoneRow[] {
  const cells = groupBy(projects, (p) => `${p.edition}\u0000${p.functional_zone ?? ""}`);
  return [...cells.values()]
    .map((rows) => {
      const zone = rows[0]!.functional_zone;
      return {
        edition: rows[0]!.edition,
        zone: zone === null || zone.trim() === "" ? ZONE_UNKNOWN : zone,
        group: zoneGroup(zone),
        family: zoneFamilyKey(zone),
        projects: rows.length,
        cost_meur: costOf(rows),
      };
    })
    .sort((a, b) => cmp(a.edition, b.edition) || b.projects - a.projects || frCmp(a.zone, b.zone));
}

export function zoneFamilies(rows: readonly ZoneRow[]): ZoneFamily[] {
  const byFamily = groupBy([...rows].sort((a, b) => cmp(a.edition, b.edition)), (r) => r.family);
  return [...byFamily]
    .map(([family, list]) => ({ family, label: list[list.length - 1]!.group, variants: [...new Set(list.map((r) => r.zone))] }))
    .sort((a, b) => frCmp(a.label, b.label));
}

// ---- Entries and exits --------------------------------------------------------------------------

export interface MovedProject {
  key: string;
  name: string;
  ministry: string;
  /** Phase in the edition where it was listed (the new one for entries, the previous one for exits). */
  phase: string;
  cost_meur: number | null;
}

export interface MovementGroup extends EditionRef {
  previous_edition: string;
  previous_label: string;
  /** Catalogued editions between the two that could not be loaded. */
  missing_between: string[];
  entered: MovedProject[];
  exited: MovedProject[];
}

export function movementGroups(dataset: Pick<Dataset, "projects" | "editions" | "failures">, movements: readonly MovementRow[]): MovementGroup[] {
  const order = editionOrder(dataset);
  const rowOf = new Map<string, ProjectRow>();
  for (const p of [...dataset.projects].sort((a, b) => b.source_row - a.source_row)) rowOf.set(`${p.edition}\u0000${p.project_key}`, p);
  const moved = (m: MovementRow): MovedProject => {
    const p = rowOf.get(`${m.movement === "entered" ? m.edition : m.previous_edition}\u0000${m.project_key}`);
    return { key: m.project_key, name: p?.name ?? m.project_key, ministry: p ? ministryLabel(p) : MINISTRY_UNKNOWN, phase: p ? phaseLabel(p) : PHASE_UNKNOWN, cost_meur: p?.cost_meur ?? null };
  };
  const byName = (a: MovedProject, b: MovedProject) => a.name.localeCompare(b.name, "fr");
  return order.slice(1).map((edition, i) => {
    const previous = order[i]!;
    const here = movements.filter((m) => m.edition === edition && m.previous_edition === previous);
    return {
      ...ref(edition),
      previous_edition: previous,
      previous_label: editionLabel(previous),
      missing_between: unavailableBetween(dataset.failures, previous, edition),
      entered: here.filter((m) => m.movement === "entered").map(moved).sort(byName),
      exited: here.filter((m) => m.movement === "exited").map(moved).sort(byName),
    };
  });
}

// ---- Published figures across editions ----------------------------------------------------------

export interface PublishedPoint extends EditionRef {
  /** True for an edition loaded from its files, false for the later editions' published figures. */
  loaded: boolean;
  projects: number | null;
  cost_beur: number | null;
  cost_note: string | null;
  duration_years: number | null;
  duration_note: string | null;
  schedule_gap: number | null;
  budget_gap: number | null;
  note: string | null;
  sources: PublishedSource[];
}

/** The headline figures each edition published: the loaded editions' own pages, then the later ones. */
export function publishedSeries(editions: readonly EditionRow[], later: readonly LaterPublishedFigures[] = LATER_PUBLISHED_FIGURES): PublishedPoint[] {
  const loaded = new Set(editions.map((e) => e.edition));
  const fromPages: PublishedPoint[] = editions.map((e) => ({
    ...ref(e.edition),
    loaded: true,
    projects: e.official_projects,
    cost_beur: e.official_cost_beur,
    cost_note: null,
    duration_years: e.official_duration_years,
    duration_note: null,
    schedule_gap: e.official_schedule_gap,
    budget_gap: e.official_budget_gap,
    note: null,
    sources: e.official_source ? [{ label: "tableau de bord officiel (« Chiffres clés »)", url: e.official_source }] : [],
  }));
  const fromPress: PublishedPoint[] = later
    .filter((f) => !loaded.has(f.edition))
    .map((f) => ({
      ...ref(f.edition),
      loaded: false,
      projects: f.projects,
      cost_beur: f.cost_beur,
      cost_note: f.cost_note,
      duration_years: f.duration_years,
      duration_note: f.duration_note,
      schedule_gap: f.schedule_gap,
      budget_gap: f.budget_gap,
      note: [f.number !== null ? `${f.number}e édition` : null, f.published_note, f.budget_gap_note ? `écart budgétaire : ${f.budget_gap_note}` : null].filter((x) => x !== null).join(", ") || null,
      sources: f.sources.map((s) => ({ ...s })),
    }));
  return [...fromPages, ...fromPress].sort((a, b) => cmp(a.edition, b.edition));
}

// ---- Drift of each project ----------------------------------------------------------------------

/** A project's history (schema.ts) as the « Dérives » page reads it, with the editions behind each change. */
export interface DriftRow
  extends Pick<
    ProjectHistoryRow,
    | "name" | "first_edition" | "last_edition" | "editions_count" | "gaps"
    | "first_cost_meur" | "last_cost_meur" | "first_cost_edition" | "last_cost_edition" | "cost_change_meur" | "cost_change_ratio"
    | "first_duration_years" | "last_duration_years" | "duration_change_years" | "phases" | "still_listed"
  > {
  key: string;
  ministry: string;
  first_duration_edition: string | null;
  last_duration_edition: string | null;
  /** Duration change over the first duration (fraction). */
  duration_change_ratio: number | null;
  /** Phase in its last edition. */
  last_phase: string;
  /** Costs published in two different editions: the change compares something. */
  cost_comparable: boolean;
  duration_comparable: boolean;
  /** The first cost predates the July 2018 « coût complet » definition and the last one does not. */
  cost_definition_changed: boolean;
  /** Unloaded editions fall between the first and last cost (or duration) editions. */
  spans_missing: boolean;
  /** Published names, when it changed (a sign of a change of scope or of a rename). */
  names: string[];
  withheld_editions: string[];
  no_cost_editions: string[];
}

function firstLastEdition(rows: readonly ProjectRow[], has: (p: ProjectRow) => boolean): [string | null, string | null] {
  const known = rows.filter(has);
  return [known[0]?.edition ?? null, known[known.length - 1]?.edition ?? null];
}

const orNull = (x: number | null, f: (x: number) => number) => (x === null ? null : f(x));

export function driftRows(dataset: Pick<Dataset, "projects" | "editions" | "failures">, history?: readonly ProjectHistoryRow[]): DriftRow[] {
  const order = editionOrder(dataset);
  const hist = history ?? buildHistory(dataset.projects, order);
  const byKey = groupBy([...dataset.projects].sort((a, b) => cmp(a.edition, b.edition) || a.source_row - b.source_row), (p) => p.project_key);
  const missing = dataset.failures.map((f) => f.edition);
  const spans = (a: string | null, b: string | null) => a !== null && b !== null && missing.some((e) => e > a && e < b);
  return hist.map((h) => {
    const rows = byKey.get(h.project_key) ?? [];
    const lastRow = rows.filter((p) => p.edition === h.last_edition)[0];
    const [firstDur, lastDur] = firstLastEdition(rows, (p) => p.duration_years !== null);
    const costComparable = h.first_cost_edition !== null && h.last_cost_edition !== null && h.first_cost_edition !== h.last_cost_edition;
    const durationComparable = firstDur !== null && lastDur !== null && firstDur !== lastDur;
    const names = [...new Set(rows.map((p) => p.name))];
    return {
      key: h.project_key,
      name: h.name,
      ministry: h.ministry ?? MINISTRY_UNKNOWN,
      first_edition: h.first_edition,
      last_edition: h.last_edition,
      editions_count: h.editions_count,
      gaps: h.gaps,
      first_cost_meur: orNull(h.first_cost_meur, meur),
      last_cost_meur: orNull(h.last_cost_meur, meur),
      first_cost_edition: h.first_cost_edition,
      last_cost_edition: h.last_cost_edition,
      cost_change_meur: costComparable ? orNull(h.cost_change_meur, meur) : null,
      cost_change_ratio: costComparable ? orNull(h.cost_change_ratio, fraction) : null,
      first_duration_years: orNull(h.first_duration_years, years),
      last_duration_years: orNull(h.last_duration_years, years),
      first_duration_edition: firstDur,
      last_duration_edition: lastDur,
      duration_change_years: durationComparable ? orNull(h.duration_change_years, years) : null,
      duration_change_ratio:
        durationComparable && h.duration_change_years !== null && h.first_duration_years ? fraction(h.duration_change_years / h.first_duration_years) : null,
      phases: h.phases,
      last_phase: lastRow ? phaseLabel(lastRow) : PHASE_UNKNOWN,
      still_listed: h.still_listed,
      cost_comparable: costComparable,
      duration_comparable: durationComparable,
      cost_definition_changed: costComparable && h.first_cost_edition! < FULL_COST_EDITION && h.last_cost_edition! >= FULL_COST_EDITION,
      spans_missing: spans(h.first_cost_edition, h.last_cost_edition) || spans(firstDur, lastDur),
      names: names.length > 1 ? names : [],
      withheld_editions: [...new Set(rows.filter((p) => p.figures_withheld).map((p) => p.edition))],
      no_cost_editions: [...new Set(rows.filter((p) => p.cost_meur === null).map((p) => p.edition))],
    };
  });
}

export interface DriftSummary {
  projects: number;
  cost_comparable: number;
  cost_increased: number;
  cost_decreased: number;
  cost_unchanged: number;
  /** Over the cost-comparable projects: sum of first and of last costs (M€). */
  first_cost_total_meur: number;
  last_cost_total_meur: number;
  cost_definition_changed: number;
  duration_comparable: number;
  duration_increased: number;
  duration_decreased: number;
  /** Left before the latest loaded edition without being marked « Terminé ». */
  left_unfinished: number;
  left_finished: number;
  withheld: number;
  never_costed: number;
  renamed: number;
}

export function driftSummary(rows: readonly DriftRow[]): DriftSummary {
  const cost = rows.filter((r) => r.cost_comparable);
  const duration = rows.filter((r) => r.duration_comparable);
  const left = rows.filter((r) => !r.still_listed);
  return {
    projects: rows.length,
    cost_comparable: cost.length,
    cost_increased: cost.filter((r) => r.cost_change_meur! > 0).length,
    cost_decreased: cost.filter((r) => r.cost_change_meur! < 0).length,
    cost_unchanged: cost.filter((r) => r.cost_change_meur === 0).length,
    first_cost_total_meur: meur(sum(cost.map((r) => r.first_cost_meur!))),
    last_cost_total_meur: meur(sum(cost.map((r) => r.last_cost_meur!))),
    cost_definition_changed: cost.filter((r) => r.cost_definition_changed).length,
    duration_comparable: duration.length,
    duration_increased: duration.filter((r) => r.duration_change_years! > 0).length,
    duration_decreased: duration.filter((r) => r.duration_change_years! < 0).length,
    left_unfinished: left.filter((r) => r.last_phase !== "Terminé").length,
    left_finished: left.filter((r) => r.last_phase === "Terminé").length,
    withheld: rows.filter((r) => r.withheld_editions.length > 0).length,
    never_costed: rows.filter((r) => r.first_cost_meur === null).length,
    renamed: rows.filter((r) => r.names.length > 1).length,
  };
}

// ---- The data files of the chapters -------------------------------------------------------------

export interface ReportData {
  latest: string;
  editions: EditionFigures[];
  cost_bands: CostBandRow[];
  phases: PhaseRow[];
  published: PublishedPoint[];
  unavailable: EditionRef[];
  gaps: EditionGap[];
  full_cost_edition: string;
}

/** Panorama and Évolution: headline figures, cost bands, phases, published figures. */
export function reportData(dataset: Dataset): ReportData {
  const order = editionOrder(dataset);
  return {
    latest: order[order.length - 1]!,
    editions: editionFigures(dataset),
    cost_bands: costBands(dataset.projects, order),
    phases: phaseMix(dataset.projects, order),
    published: publishedSeries(dataset.editions),
    unavailable: unavailableEditions(dataset),
    gaps: editionGaps(dataset),
    full_cost_edition: FULL_COST_EDITION,
  };
}

export interface MinistriesData {
  latest: string;
  editions: EditionRef[];
  phases: MinistryPhaseRow[];
  weights: MinistryWeightRow[];
  labels: MinistryLabels[];
  gaps: EditionGap[];
}

export function ministriesData(dataset: Dataset): MinistriesData {
  const order = editionOrder(dataset);
  return { latest: order[order.length - 1]!, editions: order.map(ref), phases: ministryPhases(dataset.projects), weights: ministryWeights(dataset.projects, order), labels: ministryLabels(dataset.projects), gaps: editionGaps(dataset) };
}

export interface ZonesData {
  latest: string;
  editions: EditionRef[];
  zones: ZoneRow[];
  families: ZoneFamily[];
  gaps: EditionGap[];
}

export function zonesData(dataset: Dataset): ZonesData {
  const order = editionOrder(dataset);
  const zones = zoneRows(dataset.projects);
  return { latest: order[order.length - 1]!, editions: order.map(ref), zones, families: zoneFamilies(zones), gaps: editionGaps(dataset) };
}

export interface MovementsData {
  groups: MovementGroup[];
  unavailable: EditionRef[];
}

export function movementsData(dataset: Dataset): MovementsData {
  const movements = buildMovements(dataset.projects, editionOrder(dataset));
  return { groups: movementGroups(dataset, movements), unavailable: unavailableEditions(dataset) };
}

export interface DriftData {
  gaps: EditionGap[];
  latest: string;
  first: string;
  full_cost_edition: string;
  unavailable: EditionRef[];
  summary: DriftSummary;
  rows: DriftRow[];
}

export function driftData(dataset: Dataset): DriftData {
  const order = editionOrder(dataset);
  const rows = driftRows(dataset);
  return { gaps: editionGaps(dataset), latest: order[order.length - 1]!, first: order[0]!, full_cost_edition: FULL_COST_EDITION, unavailable: unavailableEditions(dataset), summary: driftSummary(rows), rows };
}
