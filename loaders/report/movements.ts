// Entries and exits between two loaded editions.
import { type Dataset, buildMovements } from "../build/index.js";
import { editionLabel } from "../sources/index.js";
import type { MovementRow, ProjectRow } from "../schema.js";
import {
  type EditionRef,
  MINISTRY_UNKNOWN,
  PHASE_UNKNOWN,
  editionOrder,
  ministryLabel,
  phaseLabel,
  ref,
  unavailableBetween,
  unavailableEditions,
} from "./common.js";

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
    return {
      key: m.project_key,
      name: p?.name ?? m.project_key,
      ministry: p ? ministryLabel(p) : MINISTRY_UNKNOWN,
      phase: p ? phaseLabel(p) : PHASE_UNKNOWN,
      cost_meur: p?.cost_meur ?? null,
    };
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
      entered: here
        .filter((m) => m.movement === "entered")
        .map(moved)
        .sort(byName),
      exited: here
        .filter((m) => m.movement === "exited")
        .map(moved)
        .sort(byName),
    };
  });
}

export interface MovementsData {
  groups: MovementGroup[];
  unavailable: EditionRef[];
}

export function movementsData(dataset: Dataset): MovementsData {
  const movements = buildMovements(dataset.projects, editionOrder(dataset));
  return { groups: movementGroups(dataset, movements), unavailable: unavailableEditions(dataset) };
}
