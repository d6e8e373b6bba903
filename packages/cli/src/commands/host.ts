import { UserError, closest, isUserError } from "@langgraph-compat/snapshot";
import { openPinStore, type PinStore } from "@langgraph-compat/host";
import { redact } from "@langgraph-compat/threads";
import { choice, parseFlags } from "../args.js";
import { EXIT, type Io } from "../io.js";
import { graphStatus, renderHostStatus } from "../host-status.js";

const SUBCOMMANDS = ["migrate", "status"] as const;
const TABLES = "lgc_host_state, lgc_host_versions, lgc_host_pins, lgc_host_audit";

/**
 * `langgraph-compat host migrate|status <store-url>`: the pin store a GraphHost keeps its versions, pins, canary and
 * audit log in. `migrate` creates its tables (the only step that creates anything); `status` reads it and writes
 * nothing. Neither runs user code: the URL names a database, never a module.
 */
export async function hostCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
    const near = sub === undefined ? undefined : closest(sub, [...SUBCOMMANDS]);
    const got = sub === undefined ? "" : ` (got "${sub}"${near !== undefined ? `; did you mean "${near}"?` : ""})`;
    throw new UserError("usage", `host: expected a subcommand, migrate or status${got}`);
  }
  const command = `host ${sub}`;
  const { values, positionals } = parseFlags(command, rest, { graph: { type: "string" }, ...(sub === "status" ? { format: { type: "string" } } : {}) }, true);
  if (positionals.length !== 1) throw new UserError("usage", `${command}: expected one pin store URL: sqlite:FILE or postgres://user@host:5432/db?schema=S`);
  const format = choice("format", values.format as string | undefined, ["text", "json"] as const, "text");
  const graph = typeof values.graph === "string" ? values.graph : undefined;
  const store = await open(command, positionals[0]!);
  try {
    if (sub === "migrate") io.stdout.write(`${await migrate(store, graph)}\n`);
    else io.stdout.write(await status(store, graph, format));
  } finally {
    await store.close().catch(() => {});
  }
  return EXIT.ok;
}

/** A durable store by URL; `memory:` and anything that is not a database (a module, say) are refused. */
async function open(command: string, url: string): Promise<PinStore> {
  if (!url.startsWith("sqlite:") && !/^postgres(ql)?:\/\//.test(url)) {
    throw new UserError("usage", `${command}: ${redact(url)}: not a pin store URL; use sqlite:FILE or postgres://user@host:5432/db?schema=S`);
  }
  return openPinStore(url);
}

/** Runs `migrate()` and says in one line whether it created the tables or found them there. */
async function migrate(store: PinStore, graph: string | undefined): Promise<string> {
  const present = await store.check().then(
    () => true,
    (error: unknown) => {
      if (isUserError(error) && error.code === "pins-not-migrated") return false;
      throw error;
    },
  );
  await store.migrate();
  // Postgres also has the function that takes a thread's lock and reads its row in one call.
  const what = store.label.startsWith("postgres") ? `tables ${TABLES} and function lgc_host_lock` : `tables ${TABLES}`;
  const did = present ? `${store.label}: already migrated (${what}); nothing to do` : `${store.label}: migrated, ${what} created`;
  if (graph === undefined) return did;
  const [state, pins] = await Promise.all([store.state(graph), store.pins(graph)]);
  const newest = state.heads.at(-1);
  return `${did}; graph ${graph}: ${newest === undefined ? "nothing deployed yet" : `newest ${newest}, ${pins.length} thread${pins.length === 1 ? "" : "s"}`}`;
}

/** The status of every graph in the store, or of `graph`; a store never migrated is one line naming what to run. */
async function status(store: PinStore, graph: string | undefined, format: "text" | "json"): Promise<string> {
  await store.check();
  const known = await store.graphs();
  if (graph !== undefined && !known.includes(graph)) {
    throw new UserError("usage", `host status: no graph "${graph}" in ${store.label} (${known.length > 0 ? `graphs: ${known.join(", ")}` : "none deployed yet"})`);
  }
  const graphs = [];
  for (const id of graph === undefined ? known : [graph]) graphs.push(await graphStatus(store, id));
  return format === "json" ? `${JSON.stringify({ store: store.label, graphs }, null, 2)}\n` : renderHostStatus(graphs, store.label);
}
