// « Zones fonctionnelles »: projects and costs per zone and edition, and the corrections that
// harmonise the published zone labels (normalize/zones.ts).
import { foldWords } from "../../docs/components/labels.js";
import type { Dataset } from "../build/index.js";
import { harmonizeZone, type ZoneFix } from "../normalize/index.js";
import { cmp } from "../util.js";
import type { ProjectRow } from "../schema.js";
import { type EditionGap, type EditionRef, ZONE_UNKNOWN, costOf, editionGaps, editionOrder, frCmp, groupBy, ref } from "./common.js";

/**
 * Key that brings together spellings of one harmonised zone across editions: without case,
 * accents, typographic apostrophes or a final full stop. The loaders already harmonise every
 * known zone; this also joins the spellings of a zone that is not in their table yet.
 */
export function zoneFamilyKey(zone: string | null): string {
  if (zone === null || zone.trim() === "") return foldWords(ZONE_UNKNOWN);
  return foldWords(zone).replace(/[.\s]+$/, "");
}

export interface ZoneRow {
  edition: string;
  /** As published (or ZONE_UNKNOWN). */
  zone: string;
  /** Harmonised label (or ZONE_UNKNOWN): what the charts show. */
  group: string;
  family: string;
  projects: number;
  cost_meur: number;
}

export interface ZoneFamily {
  family: string;
  /** The harmonised label of the latest edition that uses this family. */
  label: string;
  /** Every published label of the family, in order of first appearance. */
  variants: string[];
}

export function zoneRows(projects: readonly ProjectRow[]): ZoneRow[] {
  const cells = groupBy(projects, (p) => `${p.edition}\u0000${p.functional_zone_published ?? ""}\u0000${p.functional_zone ?? ""}`);
  return [...cells.values()]
    .map((rows) => {
      const { edition, functional_zone: group, functional_zone_published: zone } = rows[0]!;
      return {
        edition,
        zone: zone === null || zone.trim() === "" ? ZONE_UNKNOWN : zone,
        group: group === null || group.trim() === "" ? ZONE_UNKNOWN : group,
        family: zoneFamilyKey(group),
        projects: rows.length,
        cost_meur: costOf(rows),
      };
    })
    .sort((a, b) => cmp(a.edition, b.edition) || b.projects - a.projects || frCmp(a.zone, b.zone));
}

export function zoneFamilies(rows: readonly ZoneRow[]): ZoneFamily[] {
  const byFamily = groupBy(
    [...rows].sort((a, b) => cmp(a.edition, b.edition)),
    (r) => r.family,
  );
  return [...byFamily]
    .map(([family, list]) => ({ family, label: list[list.length - 1]!.group, variants: [...new Set(list.map((r) => r.zone))] }))
    .sort((a, b) => frCmp(a.label, b.label));
}

/** What a reader is told about each kind of correction. */
export const ZONE_FIX_LABELS: Readonly<Record<ZoneFix, string>> = {
  subzone: "sous-zone après « / » retirée",
  case: "majuscules",
  accents: "accents",
  punctuation: "apostrophe ou point final",
  typo: "faute de frappe corrigée",
  acronym: "sigle ramené au nom de la zone",
};

export interface ZoneCorrection {
  /** The label as published. */
  published: string;
  /** The label the charts show. */
  zone: string;
  /** What was corrected, in French. */
  fixes: string[];
  /** Editions that publish this label, in order. */
  editions: string[];
  /** Project rows with this label, all editions together. */
  rows: number;
}

/** Every published zone label that the loaders changed, with why, where and how often. */
export function zoneCorrections(projects: readonly ProjectRow[]): ZoneCorrection[] {
  const byLabel = groupBy(
    projects.filter((p) => p.functional_zone_published !== null),
    (p) => p.functional_zone_published!,
  );
  return [...byLabel]
    .flatMap(([published, rows]) => {
      const { zone, fixes } = harmonizeZone(published);
      if (zone === null || fixes.length === 0) return [];
      const editions = [...new Set(rows.map((r) => r.edition))].sort(cmp);
      return [{ published, zone, fixes: fixes.map((f) => ZONE_FIX_LABELS[f]), editions, rows: rows.length }];
    })
    .sort((a, b) => frCmp(a.zone, b.zone) || frCmp(a.published, b.published));
}

export interface ZonesData {
  latest: string;
  editions: EditionRef[];
  zones: ZoneRow[];
  families: ZoneFamily[];
  corrections: ZoneCorrection[];
  gaps: EditionGap[];
}

export function zonesData(dataset: Dataset): ZonesData {
  const order = editionOrder(dataset);
  const zones = zoneRows(dataset.projects);
  return {
    latest: order[order.length - 1]!,
    editions: order.map(ref),
    zones,
    families: zoneFamilies(zones),
    corrections: zoneCorrections(dataset.projects),
    gaps: editionGaps(dataset),
  };
}
