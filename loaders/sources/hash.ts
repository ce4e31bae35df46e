import { createHash } from "node:crypto";

const SHA256_RE = /^[0-9a-f]{64}$/;

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Lowercase hexadecimal, 64 digits. */
export function isSha256(s: unknown): s is string {
  return typeof s === "string" && SHA256_RE.test(s);
}

export function sameSha256(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
