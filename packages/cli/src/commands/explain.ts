import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UserError } from "@langgraph-compat/snapshot";
import { getRule, listRules } from "@langgraph-compat/diff";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";

/** Where the rule pages live: `docs/rules/` at the repo root (both from `src/` and from `dist/`). */
const DOCS_DIR = fileURLToPath(new URL("../../../../docs/rules/", import.meta.url));

/** Edit distance, to suggest the rule id a user probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** `langgraph-compat explain <rule-id>`: the rule's docs page in the terminal. */
export function explainCommand(args: string[], io: Io): number {
  const { positionals } = parseFlags("explain", args, {}, true);
  if (positionals.length !== 1) throw new UserError("usage", "explain: expected one rule id, e.g. `langgraph-compat explain node-removed`");
  const id = positionals[0];
  const rule = getRule(id);
  if (!rule) {
    const closest = listRules()
      .map((r) => ({ id: r.id, d: distance(id, r.id) }))
      .sort((a, b) => a.d - b.d)[0];
    const hint = closest && closest.d <= 4 ? `; did you mean "${closest.id}"?` : "; `langgraph-compat rules` lists them";
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
