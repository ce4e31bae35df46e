// Sentences about the editions missing between loaded ones.
import { formatEdition } from "./format.js";

export interface EditionGap {
  from: string;
  to: string;
  missing: string[];
}

/** « entre novembre 2018 et novembre 2021, 6 éditions ne sont pas disponibles (mars 2019, …) », joined with « ; ». */
export function gapSentence(gaps: readonly EditionGap[]): string {
  return gaps
    .map((g) => `entre ${formatEdition(g.from)} et ${formatEdition(g.to)}, ${g.missing.length > 1 ? `${g.missing.length} éditions ne sont pas disponibles` : "une édition n’est pas disponible"} (${g.missing.map(formatEdition).join(", ")})`)
    .join(" ; ");
}
