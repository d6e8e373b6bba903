import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError, closest } from "@langgraph-compat/snapshot";

/**
 * Flags are parsed by Node's own `util.parseArgs` (maintained with Node, no dependency, no startup cost); this
 * thin layer adds what it lacks. commander or cac would bring help generation we already have as plain text,
 * and neither refuses a repeated single-value flag, so they would not make this shorter.
 *
 * Parse a command's flags strictly: an unknown flag (with "did you mean"), a missing value, or a single-value
 * flag given twice (`--project a --project b` would silently take the last) are one-line usage errors.
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === "--") break;
    const name = /^--([^=]+)/.exec(arg)?.[1];
    if (name === undefined || !(name in options) || options[name].multiple) continue;
    if (seen.has(name)) throw new UserError("usage", `${command}: --${name} was given twice; pass it once`);
    seen.add(name);
  }
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = (error as Error).message.split("\n")[0].replace(/\. To specify a positional.*$/, "");
    const unknown = /Unknown option '--([^']+)'/.exec(message)?.[1];
    const near = unknown === undefined ? undefined : closest(unknown, Object.keys(options));
    const hint = near !== undefined ? `; did you mean --${near}?` : `; see \`langgraph-compat ${command} --help\``;
    throw new UserError("usage", `${command}: ${message}${hint}`);
  }
}

/** Check a flag's value against its allowed choices. */
export function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError("usage", `--${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}
