import type { ProjectRow } from "../schema.js";
import { PROJECT_ALIASES, PROJECT_DISTINCT, type ProjectAlias } from "./aliases.js";
import { ministrySlug, nameIdentity, nameSlug, nameTokens } from "./names.js";
import { buildReport, type MatchReport, type MatchTables } from "./review.js";
import { cmp } from "../util.js";

interface NameGroup {
  id: string;
  ministry: string | null;
  split: boolean;
  rows: number[];
  /** Rows of every ministry with this name: the key's base comes from them all. */
  nameRows: number[];
}

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
export function assignProjectKeys(projects: readonly ProjectRow[], tables: MatchTables = {}): { projects: ProjectRow[]; report: MatchReport } {
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
