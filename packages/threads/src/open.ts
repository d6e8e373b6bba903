import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "@langgraph-compat/snapshot";
import { parseStoreUrl, redact } from "./url.js";
import type { ThreadSource } from "./source.js";
import { sqliteSource } from "./sources/sqlite.js";
import { saverSource, type SaverApi } from "./sources/saver.js";

/**
 * Opens the thread store `url` names, read-only. `module:FILE#EXPORT` LOADS AND RUNS that module (the user's
 * own saver for Redis, MongoDB, anything) and reads it through the saver's public API; the other kinds run no
 * code of the user's.
 */
export async function openThreadSource(url: string): Promise<ThreadSource> {
  const label = redact(url);
  const store = parseStoreUrl(url);
  if (store.kind === "sqlite") return sqliteSource(resolve(store.path), label);
  if (store.kind === "postgres") {
    const { postgresSource } = await import("./sources/postgres.js");
    return postgresSource(store.url, store.schema, label);
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolve(store.specifier)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UserError("threads-module", `${label}: cannot load ${store.specifier} (${(error as Error).message.split("\n")[0]})`);
  }
  const saver = loaded[store.exportName] as Partial<SaverApi> | undefined;
  if (saver === undefined || typeof saver.list !== "function" || typeof saver.getTuple !== "function") {
    throw new UserError("threads-module", `${label}: export "${store.exportName}" is not a checkpoint saver (no list() and getTuple())`);
  }
  return saverSource(saver as SaverApi, label);
}
