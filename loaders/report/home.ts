// « Panorama » and « Évolution »: headline figures per edition, cost bands, phases, published figures.
import { costBand } from "../../docs/components/format.js";
import { frenchSpacing } from "../../docs/components/typography.js";
import type { Dataset } from "../build/index.js";
import { EDITIONS, type Edition, LATER_PUBLISHED_FIGURES, type LaterPublishedFigures } from "../sources/index.js";
import { cmp, round } from "../util.js";
import { RECONCILIATION_NOTES } from "./reconciliation.js";
import type { EditionRow, ProjectRow } from "../schema.js";
import {
  COST_BAND_ORDER,
  type EditionGap,
  type EditionRef,
  FULL_COST_EDITION,
  PHASE_ORDER,
  PHASE_UNKNOWN,
  PHASE_WITHHELD,
  costOf,
  editionGaps,
  editionOrder,
  groupBy,
  phaseLabel,
  readablePage,
  readerReason,
  ref,
  sum,
  unavailableBetween,
  unavailableEditions,
  years,
} from "./common.js";

// ---- Headline figures per edition ---------------------------------------------------------------

export interface PublishedHeadline {
  projects: number | null;
  interministerial: number | null;
  cost_beur: number | null;
  duration_years: number | null;
  schedule_gap: number | null;
  budget_gap: number | null;
  source_url: string | null;
  /** The same page, served so that a reader can read it. */
  source_page: string | null;
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
      cost_difference_note: costDiffers ? frenchNote(RECONCILIATION_NOTES.find((n) => n.edition === edition && n.figure === "cost")?.note) : null,
    };
  });
}

const frenchNote = (text: string | null | undefined): string | null => (text ? frenchSpacing(text) : null);

function publishedHeadline(e: EditionRow): PublishedHeadline {
  return {
    projects: e.official_projects,
    interministerial: e.official_interministerial,
    cost_beur: e.official_cost_beur,
    duration_years: e.official_duration_years,
    schedule_gap: e.official_schedule_gap,
    budget_gap: e.official_budget_gap,
    source_url: e.official_source,
    source_page: readablePage(e.official_source),
  };
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

// ---- Published figures across editions ----------------------------------------------------------

export interface PublishedPoint
  extends EditionRef,
    Pick<LaterPublishedFigures, "projects" | "cost_beur" | "cost_note" | "duration_years" | "duration_note" | "schedule_gap" | "budget_gap" | "sources"> {
  /** True for an edition loaded from its files, false for the later editions' published figures. */
  loaded: boolean;
  note: string | null;
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
    sources: e.official_source
      ? [
          { label: "tableau de bord officiel (« Chiffres clés »)", url: readablePage(e.official_source) ?? e.official_source },
          ...(readablePage(e.official_source) ? [{ label: "fichier HTML brut", url: e.official_source }] : []),
        ]
      : [],
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
      note: frenchNote(
        [f.number !== null ? `${f.number}e édition` : null, f.published_note, f.budget_gap_note ? `écart budgétaire : ${f.budget_gap_note}` : null]
          .filter((x) => x !== null)
          .join(", "),
      ),
      sources: f.sources.map((s) => ({ ...s })),
    }));
  return [...fromPages, ...fromPress].sort((a, b) => cmp(a.edition, b.edition));
}

// ---- Currency: the newest loaded edition and those published since ----------------------------------

export interface LaterEdition extends EditionRef {
  number: number | null;
  /** The month is inferred from the publication date of the page. */
  approximate: boolean;
  published_note: string | null;
  /** Headline figures as published (press or official site), when known. */
  projects: number | null;
  cost_beur: number | null;
  /** Why it is not loaded, in French for readers. */
  reason: string;
}

export interface Currency {
  latest: EditionRef & { number: number | null };
  /** Editions after the newest loaded one, catalogued or known by their published figures, in order. */
  since: LaterEdition[];
}

export function currency(
  dataset: Pick<Dataset, "editions" | "failures">,
  catalogue: readonly Edition[] = EDITIONS,
  later: readonly LaterPublishedFigures[] = LATER_PUBLISHED_FIGURES,
): Currency {
  const order = editionOrder(dataset);
  const latest = order[order.length - 1]!;
  const loaded = new Set(order);
  const failure = new Map(dataset.failures.map((f) => [f.edition, f.message]));
  const ids = [...new Set([...catalogue.map((e) => e.id), ...later.map((f) => f.edition), ...failure.keys()])]
    .filter((id) => id > latest && !loaded.has(id))
    .sort(cmp);
  return {
    latest: { ...ref(latest), number: catalogue.find((e) => e.id === latest)?.number ?? null },
    since: ids.map((id) => {
      const entry = catalogue.find((e) => e.id === id);
      const figures = later.find((f) => f.edition === id);
      return {
        ...ref(id),
        number: entry?.number ?? figures?.number ?? null,
        approximate: entry?.inferred ?? false,
        published_note: figures?.published_note ?? null,
        projects: figures?.projects ?? null,
        cost_beur: figures?.cost_beur ?? null,
        reason: readerReason(entry || failure.has(id) ? (failure.get(id) ?? "") : null),
      };
    }),
  };
}

export interface ReportData {
  latest: string;
  currency: Currency;
  editions: EditionFigures[];
  cost_bands: CostBandRow[];
  phases: PhaseRow[];
  published: PublishedPoint[];
  unavailable: EditionRef[];
  gaps: EditionGap[];
  full_cost_edition: string;
}

/** Panorama and Évolution: headline figures, cost bands, phases, published figures. */
export function reportData(dataset: Dataset, catalogue: readonly Edition[] = EDITIONS): ReportData {
  const order = editionOrder(dataset);
  return {
    latest: order[order.length - 1]!,
    currency: currency(dataset, catalogue),
    editions: editionFigures(dataset),
    cost_bands: costBands(dataset.projects, order),
    phases: phaseMix(dataset.projects, order),
    published: publishedSeries(dataset.editions),
    unavailable: unavailableEditions(dataset),
    gaps: editionGaps(dataset),
    full_cost_edition: FULL_COST_EDITION,
  };
}
