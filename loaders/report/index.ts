// Public face of loaders/report/: the data of each page, pure functions of the dataset.
export {
  COST_BAND_ORDER,
  FULL_COST_EDITION,
  MINISTRY_UNKNOWN,
  PHASE_ORDER,
  PHASE_UNKNOWN,
  PHASE_WITHHELD,
  ZONE_UNKNOWN,
  editionGaps,
  unavailableBetween,
  unavailableEditions,
  type EditionGap,
  type EditionRef,
} from "./common.js";
export * from "./home.js";
export * from "./ministries.js";
export * from "./zones.js";
export * from "./movements.js";
export * from "./drift.js";
export * from "./matching.js";
export * from "./explorer.js";
export * from "./project-pages.js";
export * from "./methodology.js";
export * from "./reconciliation.js";
