import { EXIT, type Io } from "./io.js";
import { VERSION } from "./version.js";

/** Each command's usage lines, as `--help` prints them. */
const HELP: Record<string, string> = {
  init: `init [--project DIR]
      write the first snapshot and a config (with its JSON Schema), and print the CI and ESLint setup`,
  snapshot: `snapshot [--project DIR|GLOB]... [--out FILE|-] [--graph FILE:EXPORT]... [--config FILE]
      extract the project's graphs into a snapshot file (default DIR/langgraph-compat.snapshot.json; - is stdout)
      --project (repeatable, globs allowed): a folder without langgraph.json, such as a monorepo's root, stands
      for every folder below it with one; each project's snapshot goes beside its langgraph.json`,
  check: `check [--project DIR|GLOB]... [--snapshot FILE | --against-ref REF] [--graph FILE:EXPORT]... [--config FILE] [--format text|json|sarif|junit|github|gitlab|markdown] [--output [FORMAT=]FILE]... [--include-safe] [--fail-on breaking|risky|stale|never] [--threads URL [--threads-graph ID] [--threads-lower] [--threads-sample N]]
      diff the project against its snapshot (or against itself at git ref REF);
      exit 1 when a finding is at or above --fail-on
      --project as for snapshot: several projects are checked each against its own snapshot, graph ids
      namespaced by folder (apps/agent:planner)
      --graph names a graph to extract (repeatable; replaces langgraph.json and discovery): FILE relative
      to DIR, EXPORT an export (a compiled graph, a builder, or a function returning one) or Class.method
      --output FORMAT=FILE writes one more report (repeatable); --output FILE replaces stdout; - is stdout
      --threads URL counts, per breaking or risky finding, the stored threads it endangers (see threads);
      --threads-lower lowers a finding that endangers none of them to safe (off by default: the stored
      threads can change between the check and the deploy)`,
  report: `report [--project DIR|GLOB]... [--snapshot FILE | --against-ref REF] [--graph FILE:EXPORT]... [--config FILE] [--out report.html] [--threads URL [--threads-graph ID] [--threads-lower] [--threads-sample N]]
      write one self-contained HTML page: the graphs before and after, side by side, and the findings,
      with the stored threads each one endangers when --threads names a store (as check --threads)`,
  threads: `threads <url> [--project DIR] [--snapshot FILE] [--threads-graph ID] [--format text|json]
      where the stored threads stand, per graph: paused per node and interrupt, waiting at breakpoints,
      finished, errored, unreadable, and the oldest paused thread per pause point. Read-only.
      url: sqlite:FILE, postgres://user@host/db?schema=S, or module:FILE#EXPORT (LOADS AND RUNS that module)
      threads are matched to graphs by checkpoint metadata (graph_id / assistant_id), else --threads-graph`,
  host: `host migrate <store-url> [--graph ID] | host status <store-url> [--graph ID] [--format text|json]
      the pin store of GraphHost (sqlite:FILE or postgres://user@host/db?schema=S): migrate creates its tables
      (the only step that creates them); status shows per graph the versions and their threads, the threads
      pinned to an older version and why, the canary, what can be retired and the last audit entries.
      status is read-only; neither runs code of yours`,
  rules: `rules [--format text|json]
      list the rule catalogue`,
  explain: `explain <rule-id> | explain --row ID
      show a rule's docs page, or a row (e.g. 2c) of the measured semantics table the findings cite`,
  dev: `dev [--project DIR] [--graph ID] [--port N] [--host 127.0.0.1] [--runtime reference|langgraph]
      RUNS the project's graph code behind a loopback HTTP API (default port 2024), and hot-swaps it per
      thread, by the compatibility verdict, on each source change; on the reference runtime (strict, no
      install needed) or, with --runtime langgraph, on the project's own installed @langchain/langgraph`,
  help: `help [<command>]
      show this help, or a command's`,
};

const EXIT_CODES = "exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error";

const USAGE = `usage: langgraph-compat <command> [options]   (langgraph-compat ${VERSION})

commands:
${Object.values(HELP).map((h) => `  ${h}`).join("\n")}

${EXIT_CODES}
`;

const commandHelp = (name: string) => `usage: langgraph-compat ${HELP[name]}\n\n${EXIT_CODES}\n`;

type Command = (args: string[], io: Io) => number | Promise<number>;

/**
 * Each command's module is loaded when it runs: `rules`, `explain` and `--help` do not pay for ts-morph, and
 * only `dev` loads the code that runs user graphs.
 */
const COMMANDS: Record<string, Command> = {
  init: async (args, io) => (await import("./commands/init.js")).initCommand(args, io),
  snapshot: async (args, io) => (await import("./commands/snapshot.js")).snapshotCommand(args, io),
  check: async (args, io) => (await import("./commands/check.js")).checkCommand(args, io),
  rules: async (args, io) => (await import("./commands/rules.js")).rulesCommand(args, io),
  explain: async (args, io) => (await import("./commands/explain.js")).explainCommand(args, io),
  report: async (args, io) => (await import("./commands/report.js")).reportCommand(args, io),
  threads: async (args, io) => (await import("./commands/threads.js")).threadsCommand(args, io),
  host: async (args, io) => (await import("./commands/host.js")).hostCommand(args, io),
  dev: async (args, io) => (await import("./commands/dev.js")).devCommand(args, io),
};

/** Run the CLI with `argv` (without node and script); returns the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--version" || name === "-v" || (name !== undefined && args.includes("--version"))) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === "help" && args[0] !== undefined && HELP[args[0]] !== undefined) {
    io.stdout.write(commandHelp(args[0]));
    return EXIT.ok;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const near = (await import("@langgraph-compat/snapshot")).closest(name, Object.keys(COMMANDS));
    const hint = near !== undefined ? `; did you mean "${near}"?` : "";
    io.stderr.write(`langgraph-compat: unknown command "${name}"${hint}; see \`langgraph-compat help\`\n`);
    return EXIT.usage;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(commandHelp(name));
    return EXIT.ok;
  }
  try {
    return await command(args, io);
  } catch (error) {
    const { isUserError } = await import("@langgraph-compat/snapshot");
    // A progress line may be showing on a terminal: the error starts on a clean line.
    if ((io.stderr as { isTTY?: boolean }).isTTY === true) io.stderr.write("\r\u001b[2K");
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
