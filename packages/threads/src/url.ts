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
