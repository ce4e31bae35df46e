import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

const SHA256_RE = /^[0-9a-f]{64}$/;

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Lowercase hexadecimal, 64 digits. */
export function isSha256(s: unknown): s is string {
  return typeof s === "string" && SHA256_RE.test(s);
}

export function sameSha256(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
