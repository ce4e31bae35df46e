// The matching report as a table of the methodology page, in French.
import type { MatchReport } from "../build/index.js";

/** One line per finding, for a table on the methodology page (values in French). */
export interface MatchingRow {
  status: string;
  project_key: string;
  names: string;
  editions: string;
  ministry: string | null;
  detail: string | null;
}

export const MATCHING_STATUS = {
  matched: "suivi sur plusieurs éditions",
  unmatched: "une seule édition",
  ambiguous: "rapprochement à examiner",
  reviewed: "distincts après examen",
  ministry: "changement de ministère",
  duplicate: "listé deux fois dans une édition",
  shared: "même nom dans deux ministères",
  unusedAlias: "alias sans effet",
} as const;

export function matchingRows(report: MatchReport): MatchingRow[] {
  const list = (xs: readonly string[]) => xs.join(", ");
  const names = (xs: readonly string[]) => xs.map((n) => `« ${n} »`).join(", ");
  return [
    ...report.ambiguous.map((a) => ({
      status: MATCHING_STATUS.ambiguous,
      project_key: a.project_key,
      names: names([a.name, ...a.candidates]),
      editions: list(a.editions),
      ministry: null,
      detail: a.why,
    })),
    ...report.matched.map((m) => ({
      status: MATCHING_STATUS.matched,
      project_key: m.project_key,
      names: names(m.names),
      editions: list(m.editions),
      ministry: m.ministries.join(" puis ") || null,
      detail:
        m.via === "alias"
          ? `Rapprochés par la table d’alias : ${m.why}`
          : m.names.length > 1
            ? "Même nom, à la casse, aux accents ou à la ponctuation près"
            : null,
    })),
    ...report.unmatched.map((u) => ({
      status: MATCHING_STATUS.unmatched,
      project_key: u.project_key,
      names: names([u.name]),
      editions: u.edition,
      ministry: u.ministry,
      detail: null,
    })),
    ...report.reviewed_distinct.map((r) => ({
      status: MATCHING_STATUS.reviewed,
      project_key: r.project_key,
      names: names([r.name, r.other_name]),
      editions: "",
      ministry: null,
      detail: `Distinct de ${r.other_key} : ${r.why}`,
    })),
    ...report.ministry_changes.map((c) => ({
      status: MATCHING_STATUS.ministry,
      project_key: c.project_key,
      names: names([c.name]),
      editions: list(c.ministries.flatMap((m) => m.editions)),
      ministry: c.ministries.map((m) => m.ministry).join(" puis "),
      detail: c.ministries.map((m) => `${m.ministry ?? "ministère inconnu"} : ${list(m.editions)}`).join(" ; "),
    })),
    ...report.duplicates.map((d) => ({
      status: MATCHING_STATUS.duplicate,
      project_key: d.project_key,
      names: names(d.names),
      editions: d.edition,
      ministry: null,
      detail: `Lignes ${d.source_rows.join(", ")} du fichier source ; comptées une seule fois`,
    })),
    ...report.shared_names.flatMap((s) =>
      s.project_keys.map((key) => ({
        status: MATCHING_STATUS.shared,
        project_key: key,
        names: names([...new Set(s.names)]),
        editions: s.edition,
        ministry: s.ministries.map((m) => m ?? "ministère inconnu").join(", "),
        detail: `Même nom sous ${s.project_keys.length} ministères en ${s.edition} : un identifiant par ministère ; un alias par ministère doit rattacher les autres éditions`,
      })),
    ),
    ...report.aliases
      .filter((a) => a.rows === 0)
      .map((a) => ({
        status: MATCHING_STATUS.unusedAlias,
        project_key: a.to,
        names: names([a.from]),
        editions: "",
        ministry: a.ministry,
        detail: a.why,
      })),
  ];
}
