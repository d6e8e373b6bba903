import { createHash } from "node:crypto";

/** RFC 4122 version-5 UUID of `name` in `namespace` (a UUID), as `@langchain/langgraph-checkpoint`'s `uuid5` makes task ids. */
export function uuid5(name: string, namespace: string): string {
  const bytes = createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
