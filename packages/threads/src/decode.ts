/**
 * Decoding what `JsonPlusSerializer` (the savers' default serde) wrote: `json` is JSON text, read as plain
 * JSON (LangChain objects stay as their serialized form: the reader needs presence, names and list lengths,
 * never a revived message); `bytes` is raw. Any other type was written by a serde this reader does not know.
 */
export class Unreadable extends Error {}

export function decode(type: string | null | undefined, data: unknown): unknown {
  const kind = type ?? "json";
  if (kind === "bytes") return data;
  if (kind !== "json") throw new Unreadable(`unknown serializer type "${kind}"`);
  const text = typeof data === "string" ? data : data instanceof Uint8Array ? Buffer.from(data).toString("utf8") : undefined;
  if (text === undefined) throw new Unreadable("a blob that is not text");
  try {
    return JSON.parse(text);
  } catch {
    throw new Unreadable("a corrupt JSON blob");
  }
}
