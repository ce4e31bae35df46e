// Framework's interpreter for `.sql` data loaders (observablehq.config.ts): prints the JSON of
// the queries in the file given as argument. Usage: tsx scripts/queries/run.ts docs/<page>.json.sql
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { QueryError, pagePayload } from "./queries.js";

const file = process.argv[2];
if (!file) {
  console.error("Usage: tsx scripts/queries/run.ts docs/<page>.json.sql");
  process.exit(2);
}
try {
  const name = relative(process.cwd(), file);
  const payload = await pagePayload(name, await readFile(file, "utf8"));
  const json = JSON.stringify(payload);
  await new Promise<void>((ok, fail) => process.stdout.write(json, (err) => (err ? fail(err) : ok())));
} catch (err) {
  if (!(err instanceof QueryError)) throw err;
  console.error(`\nerror: ${err.message}\n`);
  process.exitCode = 1;
}
