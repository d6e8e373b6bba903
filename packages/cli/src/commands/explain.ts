import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UserError } from "@langgraph-compat/snapshot";
import { closestRuleId, getRule } from "@langgraph-compat/diff";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";

/**
 * Where the rule pages live: `docs/rules/` inside this package (the build copies them from the repo's
 * `docs/`), the same from `src/commands/` and `dist/commands/`; never a path outside the package.
 */
const DOCS_DIR = fileURLToPath(new URL("../../docs/rules/", import.meta.url));

/** `langgraph-compat explain <rule-id>`: the rule's docs page in the terminal. */
export function explainCommand(args: string[], io: Io): number {
  const { positionals } = parseFlags("explain", args, {}, true);
  if (positionals.length !== 1) throw new UserError("usage", "explain: expected one rule id, e.g. `langgraph-compat explain node-removed`");
  const id = positionals[0];
  const rule = getRule(id);
  if (!rule) {
    const closest = closestRuleId(id);
    const hint = closest ? `; did you mean "${closest}"?` : "; `langgraph-compat rules` lists them";
    throw new UserError("usage", `explain: unknown rule "${id}"${hint}`);
  }
  const page = `${DOCS_DIR}${rule.id}.md`;
  if (existsSync(page)) {
    io.stdout.write(readFileSync(page, "utf8"));
  } else {
    io.stdout.write(`# ${rule.id}\n\nSeverity: ${rule.severity}\n\n${rule.summary}\n\nHow to ship it safely: ${rule.fix}\n`);
  }
  return EXIT.ok;
}
