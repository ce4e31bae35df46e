import { projectSlug } from "../normalize/index.js";
import { isKnownMinistry } from "../normalize/index.js";
import { PROJECT_ALIASES, PROJECT_DISTINCT, type DistinctPair, type ProjectAlias } from "./aliases.js";
import type { ProjectRow } from "../schema.js";
import { foldText } from "../normalize/index.js";

// Identity of a project: its folded name (case, accents, punctuation, spaces and
// connecting words ignored) within its canonical ministry, then the reviewed alias
// table for renamed projects. Everything here is independent of input order.

const NAME_STOP_WORDS = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en", "pour", "sur"]);
const MINISTRY_STOP_WORDS = new Set(["ministere", "ministeres", "de", "des", "du", "d", "la", "le", "l", "les", "et"]);
const MAX_KEY_LENGTH = 80;
const TRAILING_PARENS = /\(([^()]*)\)\s*$/;
const DOTTED_ACRONYM = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])\.?/gu;
const NO_MINISTRY = "sans-ministere";

/**
 * Words of a project name as compared: "@" read as "a" (OP@LE, MISTR@L), a trailing
 * "(ministry acronym)" dropped, dotted acronyms joined ("S.I.R.H." → "sirh"),
 * connecting words dropped.
 */
export function nameTokens(name: string): string[] {
  let text = name.replace(/@/g, "a").replace(DOTTED_ACRONYM, (m) => m.replace(/\./g, ""));
  const parens = TRAILING_PARENS.exec(text);
  if (parens && isKnownMinistry(parens[1]!.trim())) text = text.slice(0, parens.index);
  return foldText(text)
    .split(" ")
    .filter((w) => w !== "" && !NAME_STOP_WORDS.has(w));
}

/** The folded name, words separated by one space: "Montée de version du SIRH" → "montee version sirh". */
export function foldProjectName(name: string): string {
  return nameTokens(name).join(" ");
}

/** What two names must share to be the same project: the folded words, spaces removed ("FRANCECONNECT" = "FRANCE CONNECT"). */
function nameIdentity(name: string): string {
  const tokens = nameTokens(name);
  return tokens.length > 0 ? tokens.join("") : `#${name.trim()}`;
}

function nameSlug(name: string): string {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return projectSlug(name);
  let slug = tokens.join("-");
  if (slug.length > MAX_KEY_LENGTH) {
    const cut = slug.lastIndexOf("-", MAX_KEY_LENGTH);
    slug = slug.slice(0, cut > 0 ? cut : MAX_KEY_LENGTH);
  }
  return slug;
}

/** "Économie et Finances" → "economie-finances"; null → "sans-ministere". */
export function ministrySlug(ministry: string | null): string {
  if (ministry === null) return NO_MINISTRY;
  const slug = foldText(ministry)
    .split(" ")
    .filter((w) => w !== "" && !MINISTRY_STOP_WORDS.has(w))
    .join("-");
  return slug || NO_MINISTRY;
}

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
  aliases: AliasUse[];
}

export interface MatchTables {
  aliases?: readonly ProjectAlias[];
  distinct?: readonly DistinctPair[];
}

interface NameGroup {
  id: string;
  ministry: string | null;
  split: boolean;
  rows: number[];
  /** Rows of every ministry with this name: the key's base comes from them all. */
  nameRows: number[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Gives every project row its stable `project_key` (rows of all editions at once).
 *
 * 1. Alias table: a row whose folded name (and canonical ministry, when the alias
 *    names one) matches an alias gets the alias's key.
 * 2. Other rows: same folded name = same project. When one edition lists the same
 *    folded name under two canonical ministries, they are distinct projects and
 *    each key gets its ministry ("sirh-justice", "sirh-interieur"); when the
 *    ministries never meet in one edition, the project changed ministry and keeps
 *    one key (listed in `ministry_changes` for review).
 * 3. Key = slug of the name as first published (earliest edition; ties: more
 *    words, then alphabetical), so later editions do not change existing keys.
 */
export function assignProjectKeys(
  projects: readonly ProjectRow[],
  tables: MatchTables = {},
): { projects: ProjectRow[]; report: MatchReport } {
  const aliases = tables.aliases ?? PROJECT_ALIASES;
  const distinct = tables.distinct ?? PROJECT_DISTINCT;
  const aliasIndex = indexAliases(aliases);
  const aliasRows = new Map<ProjectAlias, number>(aliases.map((a) => [a, 0]));

  const keys: string[] = new Array<string>(projects.length);
  const aliasOf: (ProjectAlias | null)[] = new Array<ProjectAlias | null>(projects.length).fill(null);
  const byName = new Map<string, number[]>();
  projects.forEach((p, i) => {
    const id = nameIdentity(p.name);
    const alias = aliasIndex.get(aliasKey(id, p.ministry)) ?? aliasIndex.get(aliasKey(id, null));
    if (alias) {
      keys[i] = alias.to;
      aliasOf[i] = alias;
      aliasRows.set(alias, aliasRows.get(alias)! + 1);
    } else {
      const list = byName.get(id);
      if (list) list.push(i);
      else byName.set(id, [i]);
    }
  });

  const groups: NameGroup[] = [];
  for (const [id, rows] of byName) {
    const ministriesByEdition = new Map<string, Set<string | null>>();
    for (const i of rows) {
      const p = projects[i]!;
      const set = ministriesByEdition.get(p.edition) ?? new Set();
      set.add(p.ministry);
      ministriesByEdition.set(p.edition, set);
    }
    const split = [...ministriesByEdition.values()].some((s) => s.size > 1);
    if (!split) {
      groups.push({ id, ministry: null, split, rows, nameRows: rows });
      continue;
    }
    const byMinistry = new Map<string | null, number[]>();
    for (const i of rows) {
      const m = projects[i]!.ministry;
      const list = byMinistry.get(m);
      if (list) list.push(i);
      else byMinistry.set(m, [i]);
    }
    for (const [ministry, mRows] of byMinistry) groups.push({ id, ministry, split, rows: mRows, nameRows: rows });
  }
  groups.sort((a, b) => cmp(a.id, b.id) || cmp(ministrySlug(a.ministry), ministrySlug(b.ministry)));

  const taken = new Set<string>();
  for (const g of groups) {
    const base = g.split ? `${groupSlug(g, projects)}-${ministrySlug(g.ministry)}` : groupSlug(g, projects);
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    for (const i of g.rows) keys[i] = key;
  }

  const keyed = projects.map((p, i) => ({ ...p, project_key: keys[i]! }));
  const report = buildReport(keyed, aliasOf, aliases, aliasRows, distinct);
  return { projects: keyed, report };
}

function aliasKey(id: string, ministry: string | null): string {
  return JSON.stringify([id, ministry]);
}

function indexAliases(aliases: readonly ProjectAlias[]): Map<string, ProjectAlias> {
  const index = new Map<string, ProjectAlias>();
  for (const alias of aliases) {
    const id = nameIdentity(alias.from);
    const k = aliasKey(id, alias.ministry ?? null);
    const existing = index.get(k);
    if (existing) throw new Error(`PROJECT_ALIASES: "${alias.from}" and "${existing.from}" fold to the same name ("${id}").`);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(alias.to)) throw new Error(`PROJECT_ALIASES: "${alias.to}" is not a project key (lowercase words joined by "-").`);
    index.set(k, alias);
  }
  return index;
}

function groupSlug(g: NameGroup, projects: readonly ProjectRow[]): string {
  let best: { edition: string; words: number; slug: string } | null = null;
  for (const i of g.nameRows) {
    const p = projects[i]!;
    const c = { edition: p.edition, words: nameTokens(p.name).length, slug: nameSlug(p.name) };
    if (!best || c.edition < best.edition || (c.edition === best.edition && (c.words > best.words || (c.words === best.words && c.slug < best.slug)))) {
      best = c;
    }
  }
  return best!.slug;
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

function buildReport(
  keyed: readonly ProjectRow[],
  aliasOf: readonly (ProjectAlias | null)[],
  aliases: readonly ProjectAlias[],
  aliasRows: ReadonlyMap<ProjectAlias, number>,
  distinct: readonly DistinctPair[],
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
        .map((c) => `« ${c.info.latest.name} » ${span(c.info.editions)} (${c.why})`)
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
      aliases_used: aliasUses.filter((a) => a.rows > 0).length,
      aliases_unused: aliasUses.filter((a) => a.rows === 0).length,
    },
    matched,
    ambiguous,
    unmatched,
    reviewed_distinct: reviewedDistinct,
    ministry_changes: ministryChanges,
    duplicates,
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

/** Why two keys look like one project (French), or null. Never listed together, one ministry in common, close names. */
function closeness(a: KeyInfo, b: KeyInfo): string | null {
  if (a.editions.some((e) => b.editions.includes(e))) return null;
  if (![...a.ministries].some((m) => b.ministries.has(m))) return null;
  let best: string | null = null;
  let bestRank = 0;
  for (const na of a.names) {
    for (const nb of b.names) {
      const s = nameSimilarity(na, nb);
      const rank = s.contained ? 3 : s.acronym ? 2 : s.jaccard >= 0.5 ? 1 : 0;
      if (rank > bestRank) {
        bestRank = rank;
        best = s.contained
          ? "un nom contient l’autre"
          : s.acronym
            ? "l’un est le sigle de l’autre"
            : `mots communs : ${Math.round(s.jaccard * 100)} %`;
      }
    }
  }
  return best;
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
      detail: m.via === "alias" ? `Rapprochés par la table d’alias : ${m.why}` : m.names.length > 1 ? "Même nom, à la casse, aux accents ou à la ponctuation près" : null,
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
