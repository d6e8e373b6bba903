import { existsSync, readFileSync } from "node:fs";
import { UserError, closest } from "@langgraph-compat/snapshot";
import { SEMANTICS, catalogue, rulePage } from "../docs.js";
import { parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";

/** Whether a table row's id cell (`2c`, `10d/10e`, `15a–c`, `12a-d`) names row `id`. */
export function rowNames(cell: string, id: string): boolean {
  return cell.split("/").some((part) => {
    const range = /^(\d+)([a-z])[–-]([a-z])$/.exec(part.trim());
    if (range === null) return part.trim() === id;
    const [, n, from, to] = range;
    const m = /^(\d+)([a-z])$/.exec(id);
    return m !== null && m[1] === n && m[2] >= from && m[2] <= to;
  });
}

/** `explain --row ID`: the row of the measured semantics table, under its table's header. */
function explainRow(id: string, io: Io): number {
  if (!existsSync(SEMANTICS)) throw new UserError("usage", "explain: the semantics table is missing from this install");
  const lines = readFileSync(SEMANTICS, "utf8").split("\n");
  let header: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith("| # |")) header = [lines[i], lines[i + 1]];
    const cell = /^\| ([^|]+) \|/.exec(lines[i])?.[1];
    if (cell !== undefined && header.length > 0 && !lines[i].startsWith("| # |") && rowNames(cell, id)) {
      io.stdout.write(`${[...header, lines[i]].join("\n")}\n\nFrom the measured behaviour of @langchain/langgraph 1.7.3 (docs/semantics.md in this package).\n`);
      return EXIT.ok;
    }
  }
  throw new UserError("usage", `explain: no row "${id}" in the semantics table; rows look like 1a, 2c, 10d`);
}

/** `langgraph-compat explain <rule-id>` or `explain --row ID`: a rule's page, or a row of the semantics table. */
export async function explainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags("explain", args, { row: { type: "string" } }, true);
  if (typeof values.row === "string") return explainRow(values.row, io);
  if (positionals.length !== 1) throw new UserError("usage", "explain: expected one rule id, e.g. `langgraph-compat explain node-removed`");
  const id = positionals[0];
  const rules = await catalogue();
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    const near = closest(id, rules.map((r) => r.id), 4);
    const hint = near ? `; did you mean "${near}"?` : "; `langgraph-compat rules` lists them";
    throw new UserError("usage", `explain: unknown rule "${id}"${hint}`);
  }
  io.stdout.write(rulePage(rule.id) ?? `# ${rule.id}\n\nSeverity: ${rule.severity}\n\n${rule.summary}\n\nHow to ship it safely: ${rule.fix}\n`);
  return EXIT.ok;
}
