import type { ProjectRow } from "../schema.js";
import { PROJECT_ALIASES, PROJECT_DISTINCT, type ProjectAlias } from "./aliases.js";
import { ministrySlug, nameIdentity, nameSlug } from "./names.js";
import { buildReport, type MatchReport, type MatchTables, type SharedName } from "./review.js";
import { cmp } from "../util.js";

/**
 * Gives every project row its `project_key`. The key of a row depends only on the row, the
 * other rows of its own edition and the reviewed tables, never on which other editions are
 * loaded nor on their order:
 *
 * 1. Alias table: a row whose name (compared without spaces, `nameIdentity`) and, when the
 *    alias names one, canonical ministry match an alias gets the alias's key.
 * 2. Any other row: the slug of its own name (`nameSlug`).
 * 3. When one edition lists one key under two canonical ministries, those rows are two
 *    projects: each key gets its ministry ("sirh-justice", "sirh-interieur"), and the report
 *    lists the name (`shared_names`) so that an alias by ministry keys the other editions alike.
 *
 * Rows of different editions with one key are one project; two keys become one project only
 * through an alias, which keeps the key already in use.
 */
export function assignProjectKeys(projects: readonly ProjectRow[], tables: MatchTables = {}): { projects: ProjectRow[]; report: MatchReport } {
  const aliases = tables.aliases ?? PROJECT_ALIASES;
  const distinct = tables.distinct ?? PROJECT_DISTINCT;
  const aliasIndex = indexAliases(aliases);
  const aliasRows = new Map<ProjectAlias, number>(aliases.map((a) => [a, 0]));

  const keys: string[] = new Array<string>(projects.length);
  const aliasOf: (ProjectAlias | null)[] = new Array<ProjectAlias | null>(projects.length).fill(null);
  projects.forEach((p, i) => {
    const id = nameIdentity(p.name);
    const alias = aliasIndex.get(aliasKey(id, p.ministry)) ?? aliasIndex.get(aliasKey(id, null));
    const own = nameSlug(p.name);
    keys[i] = alias ? alias.to : own;
    if (alias && alias.to !== own) {
      aliasOf[i] = alias;
      aliasRows.set(alias, aliasRows.get(alias)! + 1);
    }
  });

  const shared = splitSharedKeys(projects, keys);
  const keyed = projects.map((p, i) => ({ ...p, project_key: keys[i]! }));
  const report = buildReport(keyed, aliasOf, aliases, aliasRows, distinct, shared);
  return { projects: keyed, report };
}

/** Rule 3, edition by edition: rewrites `keys` in place and returns what it did. */
function splitSharedKeys(projects: readonly ProjectRow[], keys: string[]): SharedName[] {
  const byEditionKey = new Map<string, number[]>();
  projects.forEach((p, i) => {
    const k = JSON.stringify([p.edition, keys[i]]);
    const list = byEditionKey.get(k);
    if (list) list.push(i);
    else byEditionKey.set(k, [i]);
  });
  const shared: SharedName[] = [];
  for (const rows of byEditionKey.values()) {
    const ministries = new Set(rows.map((i) => projects[i]!.ministry));
    if (ministries.size < 2) continue;
    const first = projects[rows[0]!]!;
    const key = keys[rows[0]!]!;
    for (const i of rows) keys[i] = `${key}-${ministrySlug(projects[i]!.ministry)}`;
    const sorted = [...rows].sort((a, b) => cmp(keys[a]!, keys[b]!) || projects[a]!.source_row - projects[b]!.source_row);
    shared.push({
      edition: first.edition,
      key,
      project_keys: [...new Set(sorted.map((i) => keys[i]!))],
      names: sorted.map((i) => projects[i]!.name),
      ministries: sorted.map((i) => projects[i]!.ministry),
    });
  }
  return shared.sort((a, b) => cmp(a.key, b.key) || cmp(a.edition, b.edition));
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
