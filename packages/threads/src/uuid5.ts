import { createHash } from "node:crypto";

/** The 16 bytes of a UUID, to seed many {@link uuid5} calls with one namespace. */
export function seedOf(namespace: string): Buffer {
  return Buffer.from(namespace.replace(/-/g, ""), "hex");
}

/** RFC 4122 version-5 UUID of `name` in `namespace` (a UUID, or its {@link seedOf} bytes), as `@langchain/langgraph-checkpoint`'s `uuid5` makes task ids. */
export function uuid5(name: string, namespace: string | Buffer): string {
  const bytes = createHash("sha1").update(typeof namespace === "string" ? seedOf(namespace) : namespace).update(name, "utf8").digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex", 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
