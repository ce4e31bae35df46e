// readLocalFile and readLocalFileSync: the bytes of a regular file, exactly, within a size limit,
// including a file whose size fstat does not tell (Linux's /proc files say 0 and hold text).
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalFile, readLocalFile, readLocalFileSync } from "../loaders/sources/limits.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "panorama-limits-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readers: [string, (path: string, maxBytes?: number) => Promise<LocalFile>][] = [
  ["readLocalFile", readLocalFile],
  ["readLocalFileSync", async (path, maxBytes) => readLocalFileSync(path, maxBytes)],
];

describe.each(readers)("%s", (name, read) => {
  it("gives a regular file's bytes in a buffer of their exact length, alone on its memory", async () => {
    const path = join(dir, "a.csv");
    const content = Buffer.from("Nom;Coût\nSIRHEN;« 344,6 »\n".repeat(1000));
    await writeFile(path, content);
    const local = await read(path);
    expect(local.kind).toBe("file");
    if (local.kind !== "file") return;
    expect(local.bytes.equals(content)).toBe(true);
    expect(local.bytes.byteOffset).toBe(0);
    expect(local.bytes.buffer.byteLength).toBe(content.length);
  });

  it("reads an empty file as no bytes", async () => {
    const path = join(dir, "empty.csv");
    await writeFile(path, "");
    const local = await read(path);
    expect(local.kind === "file" && local.bytes.length).toBe(0);
  });

  it("refuses a file over the limit, at the limit reads it", async () => {
    const path = join(dir, "ten.csv");
    await writeFile(path, "0123456789");
    expect(await read(path, 9)).toEqual({ kind: "too-large", size: 10 });
    const local = await read(path, 10);
    expect(local.kind === "file" && local.bytes.toString()).toBe("0123456789");
  });

  it.runIf(process.platform === "linux")("reads a file longer than fstat says, up to the limit", async () => {
    const path = "/proc/self/mountinfo";
    const local = await read(path);
    expect(local.kind).toBe("file");
    if (local.kind !== "file") return;
    // The same file read by Node's own reader (the process is the same, so is its mount table).
    expect(local.bytes.toString()).toBe(readFileSync(path, "utf-8"));
    expect(local.bytes.buffer.byteLength).toBe(local.bytes.length);
    expect((await read(path, 16)).kind).toBe("too-large");
  });

  it("says what is not a file: absent, a folder, a FIFO", async () => {
    expect(await read(join(dir, "absent.csv"))).toEqual({ kind: "absent" });
    expect(await read(dir)).toEqual({ kind: "not-a-file", what: "a folder" });
    const fifo = join(dir, `fifo-${name}`);
    execFileSync("mkfifo", [fifo]);
    expect((await read(fifo)).kind).toBe("not-a-file");
  });
});
