// Why a published value could not be read. The parsers return a code; the anomalies table stores
// its English text (PROBLEM_TEXTS, unchanged since the first published tables); the « Données et
// méthode » page shows its French label (report/methodology.ts).

import { LIMITS } from "../sources/index.js";

export type Problem =
  | "not-a-number"
  | "not-finite"
  | "negative-cost"
  | "absurd-cost"
  | "negative-duration"
  | "duration-over-50-years"
  | "invalid-date"
  | "date-out-of-range"
  | "not-a-date"
  | "not-yes-no"
  | "not-http-url"
  | "unknown-phase"
  | "duplicate-project"
  | "missing-name"
  | "cell-too-long";

/** The text stored in the `problem` column of the anomalies table. */
export const PROBLEM_TEXTS: Readonly<Record<Problem, string>> = {
  "not-a-number": "not a number",
  "not-finite": "not a finite number",
  "negative-cost": "negative cost",
  "absurd-cost": "absurd cost (over 10 000 M€)",
  "negative-duration": "negative duration",
  "duration-over-50-years": "duration over 50 years",
  "invalid-date": "invalid date",
  "date-out-of-range": "date out of range 1990–2050",
  "not-a-date": "not a date",
  "not-yes-no": "not a yes/no value",
  "not-http-url": "not an http(s) URL",
  "unknown-phase": "unknown phase",
  "duplicate-project": "duplicate project in this edition",
  "missing-name": "missing project name",
  "cell-too-long": `cell longer than ${LIMITS.maxCellChars} characters (the limit): value left out`,
};

export const PROBLEMS = Object.keys(PROBLEM_TEXTS) as Problem[];

const BY_TEXT = new Map<string, Problem>(PROBLEMS.map((p) => [PROBLEM_TEXTS[p], p]));

/** The code of a stored problem text; undefined for a text no parser writes. */
export function problemOf(text: string): Problem | undefined {
  return BY_TEXT.get(text);
}
