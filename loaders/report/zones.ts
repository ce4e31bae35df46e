// « Zones fonctionnelles »: projects and costs per zone and edition.
import { foldWords } from "../../docs/components/labels.js";
import type { Dataset } from "../build/index.js";
import { cmp } from "../util.js";
import type { ProjectRow } from "../schema.js";
import { type EditionGap, type EditionRef, ZONE_UNKNOWN, costOf, editionGaps, editionOrder, frCmp, groupBy, ref } from "./common.js";

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
  return foldWords(zoneGroup(zone)).replace(/[.\s]+$/, "");
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
  const byFamily = groupBy(
    [...rows].sort((a, b) => cmp(a.edition, b.edition)),
    (r) => r.family,
  );
  return [...byFamily]
    .map(([family, list]) => ({ family, label: list[list.length - 1]!.group, variants: [...new Set(list.map((r) => r.zone))] }))
    .sort((a, b) => frCmp(a.label, b.label));
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
