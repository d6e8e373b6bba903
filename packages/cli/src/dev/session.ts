/**
 * A `langgraph-compat dev` session: load the project's graph on the reference runtime, serve its threads
 * over loopback HTTP, and on each source change re-extract, print the verdict and hot-swap through the host.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { UserError, type Snapshot } from "@langgraph-compat/snapshot";
import { extractProject } from "@langgraph-compat/extract";
import { diffSnapshots, renderText, summarize } from "@langgraph-compat/diff";
import type { Io } from "../io.js";
import { createHost, type GraphVersion, type DevHost } from "./host.js";
import { loadVersion, oneLine, registerLoader, type DevRuntime } from "./loader.js";
import { importLangGraph } from "./real-langgraph.js";
import { selectGraph, type GraphEntry } from "./project.js";
import { createDevServer } from "./server.js";
import { sourcesHash, watchSources, type SourceWatcher, type WatchOptions } from "./watch.js";

/** Options of {@link startDev}. */
export interface DevOptions {
  projectDir: string;
  graphId?: string;
  /** Loopback address to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port; default 2024. */
  port?: number;
  io: Io;
  /** The host to serve from; default `GraphHost` (@langgraph-compat/host) with an in-memory checkpointer. */
  createHost?: () => DevHost;
  /** What graphs run on: the reference runtime (default) or the project's installed `@langchain/langgraph`. */
  runtime?: DevRuntime;
  watch?: WatchOptions;
}

/** What one reload did. */
export type ReloadOutcome =
  | { kind: "unchanged" }
  | { kind: "swapped"; version: string; pinned: { threadId: string; version: string; status: string; pausedAt: string[]; pinReason: string[] }[] }
  | { kind: "failed"; error: string };

/** A running dev session. */
export interface DevSession {
  url: string;
  graphId: string;
  /** The version new threads start on. */
  activeVersion(): string;
  /** Re-read the sources now (the watcher calls this after each burst of edits). */
  reload(): Promise<ReloadOutcome>;
  /** Stop the watcher and the server. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

/** Extract the project, with the served graph required in the snapshot. */
function extract(projectDir: string, entry: GraphEntry): Snapshot {
  const snapshot = extractProject({ projectDir });
  if (!snapshot.graphs[entry.id]) throw new Error(`graph "${entry.id}" is missing from the extracted snapshot`);
  return snapshot;
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  try {
    await Promise.race([once(server, "listening"), once(server, "error").then(([error]) => Promise.reject(error))]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UserError("port-in-use", `dev: port ${port} on ${host} is in use; pass another --port (0 picks a free one)`);
    throw new UserError("listen-failed", `dev: cannot listen on ${host}:${port}: ${oneLine(error)}`);
  }
  return (server.address() as AddressInfo).port;
}

/**
 * Start a dev session. Prints that it runs the project's code, loads and deploys version 1, listens, and
 * watches the sources. Bad input (no graph, unknown graph, a non-loopback host, port in use, a graph that
 * does not load) throws a `UserError`.
 */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const { io, projectDir } = options;
  const address = options.host ?? "127.0.0.1";
  if (!LOOPBACK.test(address)) throw new UserError("usage", `dev: --host must be a loopback address (127.0.0.1, ::1, localhost), got "${address}"`);
  const entry = selectGraph(projectDir, options.graphId);
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const runtime = options.runtime ?? "reference";
  const real = runtime === "langgraph" ? await importLangGraph(entry.file) : undefined;
  if (real) say(`dev: running your graph code with your @langchain/langgraph ${real.version} (graph "${entry.id}" from ${entry.file})`);
  else say(`dev: running your graph code with the langgraph-compat reference runtime (graph "${entry.id}" from ${entry.file})`);
  registerLoader(projectDir, runtime);

  let n = 1;
  let active: GraphVersion;
  let activeHash = sourcesHash(projectDir);
  const RealMemorySaver = real?.module.MemorySaver as (new () => unknown) | undefined;
  const host = options.createHost ? options.createHost() : createHost(RealMemorySaver ? new RealMemorySaver() : undefined);
  try {
    active = await loadVersion(entry, n, extract(projectDir, entry), runtime);
  } catch (error) {
    throw new UserError("load-failed", `dev: cannot load graph "${entry.id}": ${oneLine(error)}`);
  }
  const first = await host.deploy(active);
  if (!first.ok) throw new UserError("load-failed", `dev: cannot build graph "${entry.id}": ${oneLine(first.error)}`);
  /** Deployed versions by the hash of the sources they were loaded from. */
  const byHash = new Map<string, GraphVersion>([[activeHash, active]]);

  const reloads = { count: 0, last: null as ReloadOutcome | null };
  const server = createDevServer(host, async () => ({
    graph_id: entry.id,
    active_version: active.id,
    versions: await host.versions(),
    reloads: reloads.count,
    last_reload: reloads.last,
  }));
  const port = await listen(server, address, options.port ?? 2024);
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;

  async function reloadOnce(): Promise<ReloadOutcome> {
    const hash = sourcesHash(projectDir);
    if (hash === activeHash) return { kind: "unchanged" };
    const next = n + 1;
    const fail = (error: unknown): ReloadOutcome => {
      const message = oneLine(error);
      say(`dev: reload failed, still serving ${active.id}: ${message}`);
      return { kind: "failed", error: message };
    };
    // An undone edit: the host still holds that version, so it becomes the newest again, not rebuilt.
    const again = byHash.get(hash);
    const reuse = again !== undefined && (await host.versions()).includes(again.id) ? again : undefined;
    const label = reuse?.id ?? `v${next}`;
    say(reuse ? `dev: sources match ${label} again; checking it against ${active.id}` : `dev: sources changed; checking ${label} against ${active.id}`);
    let snapshot: Snapshot;
    try {
      snapshot = reuse?.snapshot ?? extract(projectDir, entry);
    } catch (error) {
      return fail(error);
    }
    const diff = await diffSnapshots(active.snapshot, snapshot);
    const findings = diff.findings.filter((f) => f.graph === entry.id);
    const text = findings.length === 0 ? "no findings" : renderText({ ...diff, findings, summary: summarize(findings) });
    say(`dev: verdict ${active.id} -> ${label}:`);
    for (const line of text.trimEnd().split("\n")) say(`  ${line}`);
    let version: GraphVersion;
    try {
      version = reuse ?? (await loadVersion(entry, next, snapshot, runtime));
    } catch (error) {
      return fail(error);
    }
    const before = new Map((await host.threads()).map((t) => [t.threadId, t.version]));
    const result = await host.deploy(version);
    if (!result.ok) return fail(result.error);
    if (!reuse) n = next;
    active = version;
    activeHash = hash;
    byHash.set(hash, version);
    const pinned = result.pinned.map((t) => ({ threadId: t.threadId, version: t.version, status: t.status, pausedAt: t.pausedAt, pinReason: t.pinReason }));
    say(`dev: swapped to ${version.id}; new threads start on it`);
    await host.settled();
    const moved = (await host.threads()).filter((t) => t.version === version.id && before.has(t.threadId) && before.get(t.threadId) !== version.id);
    if (moved.length > 0) say(`dev: moved to ${version.id}: ${moved.map((t) => `thread ${t.threadId}`).join(", ")}`);
    if (pinned.length === 0) say("dev: no thread pinned");
    for (const t of pinned) {
      const where = t.pausedAt.length > 0 ? `${t.status} at ${t.pausedAt.join(", ")}` : t.status;
      say(`dev: thread ${t.threadId} stays on ${t.version} (${where}): ${t.pinReason.join(", ")}`);
    }
    return { kind: "swapped", version: version.id, pinned };
  }

  let queue: Promise<unknown> = Promise.resolve();
  const reload = (): Promise<ReloadOutcome> => {
    const run = queue.then(reloadOnce).catch((error: unknown): ReloadOutcome => {
      const message = oneLine(error);
      say(`dev: reload failed, still serving ${active.id}: ${message}`);
      return { kind: "failed", error: message };
    });
    queue = run.then((outcome) => {
      if (outcome.kind !== "unchanged") {
        reloads.count++;
        reloads.last = outcome;
      }
    });
    return run;
  };

  const watcher: SourceWatcher = watchSources(projectDir, () => void reload(), options.watch);
  say(`dev: graph "${entry.id}" ${active.id} serving at ${url} (watching sources with ${watcher.mode}; Ctrl-C stops)`);

  return {
    url,
    graphId: entry.id,
    activeVersion: () => active.id,
    reload,
    async close() {
      watcher.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await queue;
    },
  };
}
