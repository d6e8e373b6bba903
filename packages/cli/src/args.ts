import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "@langgraph-compat/snapshot";

/** Parse a command's flags strictly; unknown flags and missing values are one-line usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = (error as Error).message.split("\n")[0].replace(/\. To specify a positional.*$/, "");
    throw new UserError("usage", `${command}: ${message}; see \`langgraph-compat help\``);
  }
}

/** Check a flag's value against its allowed choices. */
export function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError("usage", `--${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}
