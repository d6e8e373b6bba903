import { UserError } from "@langgraph-compat/snapshot";

/** A thread-store URL, parsed. */
export type StoreUrl =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: string; schema: string }
  | { kind: "module"; specifier: string; exportName: string };

/** The URL with its password (and any `password=` parameter) replaced by `***`. */
export function redact(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@").replace(/([?&]password=)[^&]*/gi, "$1***");
}

/**
 * `sqlite:path/to/file.db`, `postgres://user:pass@host:5432/db?schema=name` (`postgresql://` too), or
 * `module:./saver.js#saver` (a module exporting a `BaseCheckpointSaver`; `#default` when no name is given).
 */
export function parseStoreUrl(url: string): StoreUrl {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "") throw new UserError("threads-url", "sqlite: needs a file path, e.g. sqlite:./checkpoints.db");
    return { kind: "sqlite", path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UserError("threads-url", `${redact(url)}: not a valid URL`);
    }
    const schema = parsed.searchParams.get("schema") ?? "public";
    parsed.searchParams.delete("schema");
    return { kind: "postgres", url: parsed.toString(), schema };
  }
  if (url.startsWith("module:")) {
    const [specifier, exportName] = url.slice("module:".length).split("#");
    if (!specifier) throw new UserError("threads-url", "module: needs a module path, e.g. module:./saver.js#saver");
    return { kind: "module", specifier, exportName: exportName || "default" };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new UserError("threads-url", `${redact(url)}: unsupported ${scheme ? `scheme "${scheme}:"` : "thread store"}; use sqlite:FILE, postgres://… or module:FILE#EXPORT`);
}

/**
 * What a pg or network error says, for a one-line message: its SQLSTATE (or errno) `code`, the `reason` with the
 * URL shown as `label` and its password masked, and the database the URL names.
 */
export function pgFailure(error: unknown, url: string, label: string): { code: string; reason: string; database: string } {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; errors?: Array<{ message?: unknown }> };
  const code = typeof e.code === "string" ? e.code : "";
  let reason = String(e.message || e.errors?.[0]?.message || code || error);
  let password = "";
  let database = "";
  try {
    const parsed = new URL(url);
    password = decodeURIComponent(parsed.password);
    database = decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username);
  } catch {
    // Not a URL pg would take either; the reason says so.
  }
  reason = reason.split(url).join(label);
  if (password !== "") reason = reason.split(password).join("***");
  return { code, reason: reason.replace(/\s+/g, " ").trim(), database };
}

/** A lost or refused connection, by SQLSTATE, errno or message. */
export const connectionLost = (code: string, reason: string): boolean => /^(E[A-Z]+|57P0[1-3]|53300|08\d\d\d)$/.test(code) || /timeout|terminated/i.test(reason);
