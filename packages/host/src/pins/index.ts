/** The host's pin stores, and `openPinStore` to open one by URL. */
import { resolve } from "node:path";
import { parseStoreUrl, redact } from "@langgraph-compat/threads";
import { UserError } from "@langgraph-compat/snapshot";
import { MemoryPinStore } from "./memory.js";
import { SqlitePinStore } from "./sqlite.js";
import { PostgresPinStore } from "./postgres.js";
import type { PinStore } from "./types.js";

export type { AuditAction, AuditEntry, HostState, LockOptions, PinRow, PinStore, StateChange, ThreadView, VersionRow } from "./types.js";
export { MemoryPinStore } from "./memory.js";
export { SqlitePinStore } from "./sqlite.js";
export { PostgresPinStore, type PostgresPinStoreOptions } from "./postgres.js";

/**
 * The pin store `url` names: `memory:` (this process only, nothing kept), `sqlite:FILE` (one process, a
 * file), or `postgres://user:password@host:port/database?schema=name` (`postgresql://` too; any number of
 * processes; schema "public" by default). Opening loads the driver (pg or better-sqlite3) but connects to nothing: the first call does, and only
 * `migrate()` creates tables.
 */
export async function openPinStore(url: string): Promise<PinStore> {
  if (url === "memory:") return new MemoryPinStore();
  if (!url.startsWith("sqlite:") && !/^postgres(ql)?:\/\//.test(url)) {
    throw new UserError("pins-url", `${redact(url)}: unsupported pin store; use memory:, sqlite:FILE or postgres://…`);
  }
  const store = parseStoreUrl(url);
  if (store.kind === "sqlite") return new SqlitePinStore(resolve(store.path));
  if (store.kind !== "postgres") throw new Error(`unreachable: ${store.kind}`);
  return new PostgresPinStore({ connectionString: store.url, schema: store.schema });
}
