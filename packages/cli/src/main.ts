import { isUserError } from "@langgraph-compat/snapshot";
import { EXIT, type Io } from "./io.js";
import { snapshotCommand } from "./commands/snapshot.js";
import { checkCommand } from "./commands/check.js";
import { rulesCommand } from "./commands/rules.js";
import { explainCommand } from "./commands/explain.js";

const USAGE = `usage: langgraph-compat <command> [options]

commands:
  snapshot [--project DIR] [--out FILE] [--graph FILE:EXPORT]... [--config FILE]
      extract the project's graphs into a snapshot file (default DIR/langgraph-compat.snapshot.json)
  check [--project DIR] [--snapshot FILE | --against-ref REF] [--graph FILE:EXPORT]... [--config FILE] [--format text|json|sarif|junit|github|gitlab|markdown] [--output [FORMAT=]FILE]... [--include-safe] [--fail-on breaking|risky|stale|never]
      diff the project against its snapshot (or against itself at git ref REF);
      exit 1 when a finding is at or above --fail-on
      --graph names a graph to extract (repeatable; replaces langgraph.json and discovery): FILE relative
      to DIR, EXPORT an export (a compiled graph, a builder, or a function returning one) or Class.method
  report [--project DIR] [--snapshot FILE | --against-ref REF] [--graph FILE:EXPORT]... [--config FILE] [--out report.html]
      write one self-contained HTML page: the graphs before and after, side by side, and the findings
  rules [--format text|json]
      list the rule catalogue
  explain <rule-id>
      show a rule's docs page
  dev [--project DIR] [--graph ID] [--port N] [--host 127.0.0.1]
      RUNS the project's graph code on the reference runtime behind a loopback HTTP API (default port 2024),
      and hot-swaps it per thread, by the compatibility verdict, on each source change
  help
      show this help

exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error
`;

type Command = (args: string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  snapshot: snapshotCommand,
  check: checkCommand,
  rules: rulesCommand,
  explain: explainCommand,
  // Loaded on demand: the Graphviz layout engine is only for the report.
  report: async (args, io) => (await import("./commands/report.js")).reportCommand(args, io),
  // Loaded on demand: only `dev` runs user code, and the other commands stay free of the runtime.
  dev: async (args, io) => (await import("./commands/dev.js")).devCommand(args, io),
};

/** Run the CLI with `argv` (without node and script); returns the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`langgraph-compat: unknown command "${name}"; see \`langgraph-compat help\`\n`);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr.write(`langgraph-compat: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`langgraph-compat: internal error: ${message.split("\n")[0]} (please report this with the input that caused it)\n`);
    if (process.env.LANGGRAPH_COMPAT_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    return EXIT.internal;
  }
}
