import { createHash } from "node:crypto";

/** A short stable hash (16 hex digits of SHA-256) of the given parts. */
export function fingerprint(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("hex").slice(0, 16);
}
