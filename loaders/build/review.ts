// What the key assignment leaves for a person to review: projects followed across editions, single
// editions, likely matches, ministry changes, duplicates, and what each alias did.
import type { ProjectRow } from "../schema.js";
import type { DistinctPair, ProjectAlias } from "./aliases.js";
import { looseIdentity, nameIdentity, nameTokens } from "./names.js";
import { foldText } from "../normalize/index.js";
import { cmp } from "../util.js";

export type MatchVia = "name" | "alias";

export interface MatchedProject {
  project_key: string;
  /** Distinct published names, in the order they first appear. */
  names: string[];
  ministries: string[];
  editions: string[];
  via: MatchVia;
  /** Justification of the aliases that joined these rows, when via = "alias". */
  why: string | null;
}

export interface UnmatchedProject {
  project_key: string;
  name: string;
  edition: string;
  ministry: string | null;
}

/** Two keys that are never listed together, in one ministry, with close names: probably one project, not merged. */
export interface AmbiguousMatch {
  /** The project listed first (latest name). */
  name: string;
  project_key: string;
  editions: string[];
  candidates: string[];
  candidate_keys: string[];
  /** French sentence for the methodology page. */
  why: string;
}

/** An ambiguous pair reviewed and kept apart (PROJECT_DISTINCT). */
export interface ReviewedDistinct {
  project_key: string;
  name: string;
  other_key: string;
  other_name: string;
  why: string;
}

/** A project whose canonical ministry changes between editions (same name, never under two ministries at once). */
export interface MinistryChange {
  project_key: string;
  name: string;
  ministries: { ministry: string | null; editions: string[] }[];
}

/** The same project listed more than once in one edition (counted once in history and movements). */
export interface DuplicateListing {
  edition: string;
  project_key: string;
  names: string[];
  source_rows: number[];
}

/** One name listed under two canonical ministries in one edition: two projects, keyed with their ministry. */
export interface SharedName {
  edition: string;
  /** The key the name would have had alone. */
  key: string;
  project_keys: string[];
  names: string[];
  ministries: (string | null)[];
}

export interface AliasUse {
  from: string;
  ministry: string | null;
  to: string;
  why: string;
  /** Rows this alias applied to; 0 = unused. */
  rows: number;
}

export interface MatchCounts {
  rows: number;
  projects: number;
  matched: number;
  matched_by_alias: number;
  unmatched: number;
  ambiguous: number;
  reviewed_distinct: number;
  ministry_changes: number;
  duplicates: number;
  shared_names: number;
  aliases_used: number;
  aliases_unused: number;
}

export interface MatchReport {
  counts: MatchCounts;
  /** Projects seen in two editions or more. */
  matched: MatchedProject[];
  ambiguous: AmbiguousMatch[];
  /** Projects seen in a single edition. */
  unmatched: UnmatchedProject[];
  reviewed_distinct: ReviewedDistinct[];
  ministry_changes: MinistryChange[];
  duplicates: DuplicateListing[];
  /** Names that one edition lists under two ministries (keys split by ministry in that edition). */
  shared_names: SharedName[];
  aliases: AliasUse[];
}

export interface MatchTables {
  aliases?: readonly ProjectAlias[];
  distinct?: readonly DistinctPair[];
}

interface KeyInfo {
  key: string;
  rows: ProjectRow[];
  editions: string[];
  ministries: Set<string | null>;
  names: string[];
  latest: ProjectRow;
  aliases: ProjectAlias[];
}

function byEditionThenRow(a: ProjectRow, b: ProjectRow): number {
  return cmp(a.edition, b.edition) || a.source_row - b.source_row || cmp(a.name, b.name);
}

export function buildReport(
  keyed: readonly ProjectRow[],
  aliasOf: readonly (ProjectAlias | null)[],
  aliases: readonly ProjectAlias[],
  aliasRows: ReadonlyMap<ProjectAlias, number>,
  distinct: readonly DistinctPair[],
  shared: readonly SharedName[] = [],
): MatchReport {
  const infos = new Map<string, KeyInfo>();
  keyed.forEach((p, i) => {
    let info = infos.get(p.project_key);
    if (!info) {
      info = { key: p.project_key, rows: [], editions: [], ministries: new Set(), names: [], latest: p, aliases: [] };
      infos.set(p.project_key, info);
    }
    info.rows.push(p);
    const alias = aliasOf[i];
    if (alias && !info.aliases.includes(alias)) info.aliases.push(alias);
  });
  for (const info of infos.values()) {
    info.rows.sort(byEditionThenRow);
    info.editions = [...new Set(info.rows.map((r) => r.edition))];
    info.ministries = new Set(info.rows.map((r) => r.ministry));
    info.names = [...new Set(info.rows.map((r) => r.name))];
    info.latest = info.rows[info.rows.length - 1]!;
  }
  const sorted = [...infos.values()].sort((a, b) => cmp(a.key, b.key));

  const matched: MatchedProject[] = [];
  const unmatched: UnmatchedProject[] = [];
  const ministryChanges: MinistryChange[] = [];
  const duplicates: DuplicateListing[] = [];
  for (const info of sorted) {
    const aliasWhy = info.aliases
      .map((a) => a.why)
      .sort(cmp)
      .join(" ; ");
    if (info.editions.length > 1) {
      matched.push({
        project_key: info.key,
        names: info.names,
        ministries: [...new Set(info.rows.map((r) => r.ministry).filter((m): m is string => m !== null))],
        editions: info.editions,
        via: info.aliases.length > 0 ? "alias" : "name",
        why: aliasWhy || null,
      });
    } else {
      unmatched.push({ project_key: info.key, name: info.latest.name, edition: info.editions[0]!, ministry: info.latest.ministry });
    }
    const known = [...info.ministries].filter((m) => m !== null);
    if (known.length > 1) {
      const runs: { ministry: string | null; editions: string[] }[] = [];
      for (const m of known) runs.push({ ministry: m, editions: [...new Set(info.rows.filter((r) => r.ministry === m).map((r) => r.edition))] });
      runs.sort((a, b) => cmp(a.editions[0]!, b.editions[0]!) || cmp(a.ministry ?? "", b.ministry ?? ""));
      ministryChanges.push({ project_key: info.key, name: info.latest.name, ministries: runs });
    }
    for (const edition of info.editions) {
      const rows = info.rows.filter((r) => r.edition === edition);
      if (rows.length > 1) {
        duplicates.push({ edition, project_key: info.key, names: rows.map((r) => r.name), source_rows: rows.map((r) => r.source_row) });
      }
    }
  }

  const reviewed = new Map<string, DistinctPair>();
  for (const d of distinct) reviewed.set(pairKey(d.a, d.b), d);
  const ambiguous: AmbiguousMatch[] = [];
  const reviewedDistinct: ReviewedDistinct[] = [];
  const candidatesOf = new Map<string, { info: KeyInfo; why: string }[]>();
  // Only keys that never share an edition can be candidates: compare groups of keys by edition set,
  // pairs of groups whose sets are disjoint (a single edition costs O(n), not O(n²)).
  const groups = new Map<string, KeyInfo[]>();
  for (const info of sorted) {
    const signature = info.editions.join(",");
    const group = groups.get(signature);
    if (group) group.push(info);
    else groups.set(signature, [info]);
  }
  const groupList = [...groups.values()];
  const pairs: [KeyInfo, KeyInfo][] = [];
  for (let g = 0; g < groupList.length; g++) {
    for (let h = g + 1; h < groupList.length; h++) {
      const left = groupList[g]!;
      const right = groupList[h]!;
      if (left[0]!.editions.some((e) => right[0]!.editions.includes(e))) continue;
      for (const x of left) for (const y of right) pairs.push([x, y]);
    }
  }
  for (const [x, y] of pairs) {
    const [a, b] = orderPair(x, y);
    const reason = closeness(a, b);
    if (!reason) continue;
    const review = reviewed.get(pairKey(a.key, b.key));
    if (review) {
      reviewedDistinct.push({ project_key: a.key, name: a.latest.name, other_key: b.key, other_name: b.latest.name, why: review.why });
      continue;
    }
    candidatesOf.set(a.key, [...(candidatesOf.get(a.key) ?? []), { info: b, why: reason }]);
  }
  for (const [key, list] of [...candidatesOf].sort((p, q) => cmp(p[0], q[0]))) {
    const a = infos.get(key)!;
    list.sort((p, q) => cmp(p.info.key, q.info.key));
    ambiguous.push({
      name: a.latest.name,
      project_key: key,
      editions: a.editions,
      candidates: list.map((c) => c.info.latest.name),
      candidate_keys: list.map((c) => c.info.key),
      why: `« ${a.latest.name} » (${a.latest.ministry ?? "ministère inconnu"}) figure ${span(a.editions)} ; ${list
        .map((c) => `« ${c.info.latest.name} » ${span(c.info.editions)} (${c.why} ; ${evidence(a, c.info)})`)
        .join(" ; ")} ; jamais dans la même édition.`,
    });
  }
  reviewedDistinct.sort((p, q) => cmp(p.project_key, q.project_key) || cmp(p.other_key, q.other_key));

  const aliasUses: AliasUse[] = aliases
    .map((a) => ({ from: a.from, ministry: a.ministry ?? null, to: a.to, why: a.why, rows: aliasRows.get(a) ?? 0 }))
    .sort((p, q) => cmp(p.to, q.to) || cmp(p.from, q.from));

  return {
    counts: {
      rows: keyed.length,
      projects: infos.size,
      matched: matched.length,
      matched_by_alias: matched.filter((m) => m.via === "alias").length,
      unmatched: unmatched.length,
      ambiguous: ambiguous.length,
      reviewed_distinct: reviewedDistinct.length,
      ministry_changes: ministryChanges.length,
      duplicates: duplicates.length,
      shared_names: shared.length,
      aliases_used: aliasUses.filter((a) => a.rows > 0).length,
      aliases_unused: aliasUses.filter((a) => a.rows === 0).length,
    },
    matched,
    ambiguous,
    unmatched,
    reviewed_distinct: reviewedDistinct,
    ministry_changes: ministryChanges,
    duplicates,
    shared_names: [...shared],
    aliases: aliasUses,
  };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function orderPair(x: KeyInfo, y: KeyInfo): [KeyInfo, KeyInfo] {
  const c = cmp(x.editions[0]!, y.editions[0]!) || cmp(x.key, y.key);
  return c <= 0 ? [x, y] : [y, x];
}

function span(editions: readonly string[]): string {
  const first = editions[0]!;
  const last = editions[editions.length - 1]!;
  const n = editions.length;
  return first === last ? `en ${first}` : `de ${first} à ${last} (${n} éditions)`;
}

/**
 * Why two keys look like one project (French), or null. Never listed together, and either names
 * that differ only by spaces or symbols ("FRANCE CONNECT" / "FRANCECONNECT", "C++" / "C", whatever
 * the ministry), or one ministry in common and close names.
 */
function closeness(a: KeyInfo, b: KeyInfo): string | null {
  if (a.editions.some((e) => b.editions.includes(e))) return null;
  for (const na of a.names) {
    for (const nb of b.names) {
      if (nameIdentity(na) === nameIdentity(nb)) return "même nom aux espaces près";
      if (looseIdentity(na) === looseIdentity(nb) && looseIdentity(na) !== "") return "même nom aux symboles près";
    }
  }
  if (![...a.ministries].some((m) => b.ministries.has(m))) return null;
  let best: string | null = null;
  let bestRank = 0;
  for (const na of a.names) {
    for (const nb of b.names) {
      const s = nameSimilarity(na, nb);
      const rank = s.contained ? 3 : s.acronym ? 2 : s.jaccard >= 0.5 ? 1 : 0;
      if (rank > bestRank) {
        bestRank = rank;
        best = s.contained ? "un nom contient l’autre" : s.acronym ? "l’un est le sigle de l’autre" : `mots communs : ${Math.round(s.jaccard * 100)} %`;
      }
    }
  }
  return best;
}

const MIN_DESCRIPTION_WORD = 4;
const CLOSE_DESCRIPTIONS = 0.5;

/**
 * What a person needs to decide whether two keys are one project (French): does the evidence
 * agree, ministry, start date and description, between the last listing of the first and the
 * first listing of the second?
 */
function evidence(a: KeyInfo, b: KeyInfo): string {
  const x = a.latest;
  const y = b.rows[0]!;
  const ministry = x.ministry === y.ministry ? "même ministère" : `ministères différents (${x.ministry ?? "non renseigné"} / ${y.ministry ?? "non renseigné"})`;
  const start =
    x.start_date === null || y.start_date === null
      ? "début non comparable (non publié)"
      : x.start_date === y.start_date
        ? `même début (${x.start_date})`
        : `débuts différents (${x.start_date} / ${y.start_date})`;
  const share = descriptionOverlap(x.description, y.description);
  const description =
    share === null
      ? "description non comparable (non publiée)"
      : share >= CLOSE_DESCRIPTIONS
        ? `descriptions proches (${Math.round(share * 100)} % de mots communs)`
        : `descriptions différentes (${Math.round(share * 100)} % de mots communs)`;
  return `${ministry}, ${start}, ${description}`;
}

/** Shared words of four letters or more / all such words of the two descriptions; null when one is missing. */
export function descriptionOverlap(a: string | null, b: string | null): number | null {
  if (a === null || b === null) return null;
  const words = (s: string) =>
    new Set(
      foldText(s)
        .split(" ")
        .filter((w) => w.length >= MIN_DESCRIPTION_WORD),
    );
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return null;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

export interface NameSimilarity {
  /** Shared words / all words; a word matches another equal to it or abbreviated from it ("regroup." ↔ "regroupement"). */
  jaccard: number;
  /** Every word of the shorter name is in the longer one, or the longer one starts with it (spaces removed). */
  contained: boolean;
  /** One name is the initials of the other ("CPA" ↔ "Compte personnel d'activité"). */
  acronym: boolean;
}

const MIN_PREFIX = 3;
/** "FRANCE CONNECT" is in "FRANCECONNECT PHASE II" once spaces are removed. */
const MIN_COMPACT_PREFIX = 4;

function wordsMatch(x: string, y: string): boolean {
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= MIN_PREFIX && /[a-z]/.test(short) && long.startsWith(short);
}

export function nameSimilarity(a: string, b: string): NameSimilarity {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  const used = new Set<number>();
  let shared = 0;
  for (const x of ta) {
    const j = tb.findIndex((y, k) => !used.has(k) && wordsMatch(x, y));
    if (j >= 0) {
      used.add(j);
      shared++;
    }
  }
  const union = ta.length + tb.length - shared;
  const shorter = ta.length <= tb.length ? ta : tb;
  const [ca, cb] = [ta.join(""), tb.join("")];
  const [cShort, cLong] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  const contained =
    (shorter.length > 0 && shared === shorter.length && shorter.join("").length >= MIN_PREFIX) ||
    (cShort.length >= MIN_COMPACT_PREFIX && cLong.startsWith(cShort));
  const initials = (t: string[]) => t.map((w) => w[0]).join("");
  const isAcronym = (x: string[], y: string[]) => x.length === 1 && y.length >= 2 && x[0]!.length >= 2 && x[0] === initials(y);
  return { jaccard: union === 0 ? 0 : shared / union, contained, acronym: isAcronym(ta, tb) || isAcronym(tb, ta) };
}
