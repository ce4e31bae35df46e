// « Ministères »: phases, weight and published labels of each ministry.
import type { Dataset } from "../build/index.js";
import { cmp } from "../util.js";
import type { ProjectRow } from "../schema.js";
import {
  type EditionGap,
  type EditionRef,
  PHASE_ORDER,
  costOf,
  editionGaps,
  editionOrder,
  frCmp,
  fraction,
  groupBy,
  meur,
  ministryLabel,
  phaseLabel,
  ref,
  sum,
} from "./common.js";

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
    .map((rows) => ({
      edition: rows[0]!.edition,
      ministry: ministryLabel(rows[0]!),
      phase: phaseLabel(rows[0]!),
      projects: rows.length,
      cost_meur: costOf(rows),
    }))
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
  return {
    latest: order[order.length - 1]!,
    editions: order.map(ref),
    phases: ministryPhases(dataset.projects),
    weights: ministryWeights(dataset.projects, order),
    labels: ministryLabels(dataset.projects),
    gaps: editionGaps(dataset),
  };
}
