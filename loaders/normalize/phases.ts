import { PHASES, type Phase } from "../schema.js";
import type { Problem } from "./problems.js";
import { cleanText, foldText, isNullToken } from "./text.js";

export interface PhaseValue {
  phase: Phase | null;
  /** The cell says the project's figures are deliberately not published. */
  withheld: boolean;
}

export type PhaseResult = { ok: true; value: PhaseValue } | { ok: false; problem: Problem };

/** Published phase labels (folded: lowercase, no accents, punctuation → space) → canonical phase. */
const PHASE_ALIASES: Readonly<Record<Phase, readonly string[]>> = {
  Cadrage: ["cadrage", "etude", "etudes", "avant projet", "opportunite"],
  "Conception / Réalisation": [
    "conception realisation",
    "conception et realisation",
    "conception",
    "realisation",
    "conception developpement",
    "developpement",
    "construction",
    "build",
  ],
  Expérimentation: ["experimentation", "experimentation pilote", "pilote", "experimentation et pilote", "preproduction"],
  Déploiement: ["deploiement", "generalisation", "deploiement generalisation", "mise en production", "mise en service"],
  Terminé: ["termine", "terminee", "acheve", "achevee", "clos", "close", "cloture", "cloturee", "fini", "finalise"],
};

const ALIAS_TO_PHASE = new Map<string, Phase>();
for (const phase of PHASES) {
  for (const alias of PHASE_ALIASES[phase]) ALIAS_TO_PHASE.set(alias, phase);
  ALIAS_TO_PHASE.set(foldText(phase), phase);
}

// Filler around a phase name: "En déploiement", "Phase de cadrage", "Déploiement en cours".
const FILLER_PREFIX = /^(?:(?:phase|etape|stade)(?: (?:de|d|du|des))? |en (?:cours de )?|projet )+/;
const FILLER_SUFFIX = /(?: en cours| du projet| projet)+$/;

/**
 * From 2019 some pages put a sentence in the phase column instead of a phase,
 * for projects whose figures are not published (call for tenders in progress,
 * trajectory or project under review). Matched on folded text.
 */
const WITHHELD_KEYWORDS: readonly string[] = [
  "appel d offre",
  "appels d offre",
  "procedure de passation",
  "consultation en cours",
  "dialogue competitif",
  "marche en cours",
  "trajectoire",
  "non publi",
  "pas publi",
  "ne sont pas communiqu",
  "ne seront pas communiqu",
  "non communiqu",
  "pas communiqu",
  "non diffus",
  "pas diffus",
  "reexamen",
  "re examen",
  "en cours de revision",
  "en cours de reexamen",
  "en cours de redefinition",
  "redefinition",
  "en cours de revue",
  "revue de projet",
  "confidenti",
];

function isWithheld(folded: string): boolean {
  const padded = ` ${folded} `;
  return WITHHELD_KEYWORDS.some((k) => padded.includes(` ${k}`));
}

/**
 * A phase cell → one of PHASES, or `withheld` for the "figures not published"
 * sentence. NULL tokens → no phase, not withheld. Anything else → "unknown-phase".
 */
export function parsePhase(cell: unknown): PhaseResult {
  if (isNullToken(cell)) return { ok: true, value: { phase: null, withheld: false } };
  if (typeof cell !== "string" || cell.length > 10_000) return { ok: false, problem: "unknown-phase" };
  const text = cleanText(cell);
  if (text === null) return { ok: true, value: { phase: null, withheld: false } };
  const folded = foldText(text);
  const direct = ALIAS_TO_PHASE.get(folded);
  if (direct) return { ok: true, value: { phase: direct, withheld: false } };
  if (isWithheld(folded)) return { ok: true, value: { phase: null, withheld: true } };
  const core = folded.length <= 80 ? folded.replace(FILLER_PREFIX, "").replace(FILLER_SUFFIX, "") : "";
  const phase = ALIAS_TO_PHASE.get(core);
  if (phase) return { ok: true, value: { phase, withheld: false } };
  return { ok: false, problem: "unknown-phase" };
}
