import { catalogue } from "../docs.js";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";

/** `langgraph-compat rules [--format text|json]`: the rule catalogue. */
export async function rulesCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags("rules", args, { format: { type: "string" } });
  const format = choice("format", values.format as string | undefined, ["text", "json"] as const, "text");
  const rules = await catalogue();
  if (format === "json") {
    io.stdout.write(`${JSON.stringify({ formatVersion: 1, rules }, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...rules.map((rule) => rule.id.length));
  for (const rule of rules) {
    io.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.summary}\n`);
  }
  io.stdout.write(`\n${rules.length} rules. \`langgraph-compat explain <rule-id>\` shows one in full.\n`);
  return EXIT.ok;
}
