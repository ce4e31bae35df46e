// `panorama editions add`: records a checked edition file in editions.local.json and puts its bytes in the cache.
import { relative } from "node:path";
import { defaultAcquireOptions, LOCAL_CATALOGUE_FILE, isUrl, readFileOrUrl } from "../sources/index.js";
import { addEdition, type AddResult } from "../build/index.js";
import { checkLines } from "./check.js";
import type { Io } from "./io.js";

export function addLines(result: AddResult, root: string): string[] {
  const { edition, source } = result;
  const rel = (p: string) => relative(root, p) || p;
  const lines: string[] = [];
  if (result.action === "cached") {
    lines.push(`this file is the catalogued ${source.kind} (${source.format}) of edition ${edition.id} (${edition.label}); catalogue unchanged`);
  } else {
    const where = source.url ?? "no download address (local file)";
    lines.push(
      `recorded edition ${edition.id} (${edition.label}) in ${LOCAL_CATALOGUE_FILE}: ${source.kind} ${source.format}, sha256 ${source.sha256}, ${where}`,
    );
    if (result.replaced)
      lines.push(
        `  replaces the ${result.replaced} record of ${edition.id}${result.kept.length ? `; kept its ${result.kept.map((s) => `${s.kind} ${s.format}`).join(", ")}` : ""}`,
      );
  }
  lines.push(`stored the file at ${rel(result.cacheFile)}`);
  if (source.url === null) {
    lines.push(
      `  note: .cache/ is not committed; to build elsewhere, give the file's https address instead, or put it in a PANORAMA_MIRROR folder at ${source.mirrorPath}`,
    );
  }
  if (result.invalidated.length)
    lines.push(`removed Framework's cached loader outputs (${result.invalidated.join(", ")}) so that the next build reads the catalogue again`);
  lines.push("next: npm run build (or: npx panorama build --out <dir>)");
  return lines;
}

export async function runAdd(input: string, args: { edition: string | null; replace: boolean }, io: Io): Promise<number> {
  const file = await readFileOrUrl(input, io.env, io.cwd);
  const { cacheDir } = defaultAcquireOptions(io.env, io.cwd);
  const result = await addEdition(file, { root: io.cwd, cacheDir, edition: args.edition, replace: args.replace });
  const shown = isUrl(input) ? result.report : { ...result.report, file: input };
  for (const line of checkLines(shown).slice(0, -1)) io.out(line);
  for (const line of addLines(result, io.cwd)) io.out(line);
  return 0;
}
