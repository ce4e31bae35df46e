import { execFileSync } from "node:child_process";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PanoramaError } from "../loaders/errors.js";
import { tarArchive } from "../loaders/output/tar.js";
import { removeDir, tempDir } from "./helpers.js";

describe("tarArchive", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir("panorama-tar-");
  });
  afterAll(() => removeDir(dir));

  it.each([
    ["one small text member", [{ name: "a.json", bytes: '{"a":1}' }]],
    ["a member of exactly one block", [{ name: "block.txt", bytes: "x".repeat(512) }]],
    [
      "an empty member and UTF-8 text",
      [
        { name: "empty.json", bytes: "" },
        { name: "fr.json", bytes: '"Économie – « guillemets »"' },
      ],
    ],
    [
      "several members, one over a block",
      [
        { name: "3pa-s.json", bytes: "y".repeat(1500) },
        { name: "z_9.json", bytes: new Uint8Array([0, 1, 2, 255]) },
      ],
    ],
  ])("is read back by the system tar: %s", async (label, entries) => {
    const archive = tarArchive(entries);
    expect(archive.length % 512).toBe(0);
    const file = join(dir, `${label.replace(/\W+/g, "-")}.tar`);
    const out = join(dir, label.replace(/\W+/g, "_"));
    await writeFile(file, archive);
    await mkdir(out);
    expect(execFileSync("tar", ["-tf", file], { encoding: "utf-8" }).trim().split("\n")).toEqual(entries.map((e) => e.name));
    execFileSync("tar", ["-xf", file, "-C", out]);
    expect((await readdir(out)).sort()).toEqual(entries.map((e) => e.name).sort());
    for (const e of entries) {
      const expected = typeof e.bytes === "string" ? Buffer.from(e.bytes, "utf-8") : Buffer.from(e.bytes);
      expect(await readFile(join(out, e.name))).toEqual(expected);
    }
  });

  it.each([["../escape.json"], ["/absolute.json"], ["a".repeat(101)], ["espace.json "], ["é.json"], [""]])("refuses the member name %j", (name) => {
    expect(() => tarArchive([{ name, bytes: "" }])).toThrow(PanoramaError);
  });

  it("refuses duplicate names", () => {
    expect(() =>
      tarArchive([
        { name: "a.json", bytes: "1" },
        { name: "a.json", bytes: "2" },
      ]),
    ).toThrow(/duplicate/);
  });
});
