/**
 * The host on the real `@langchain/langgraph` 1.7.3, in processes of its own: a scratch folder holds versions of
 * one graph as plain ES modules (the same text, as `.ts`, is what the extractor reads for each version's snapshot)
 * and a host script that serves one `GraphHost` over IPC, on the real PostgresSaver and a PostgresPinStore. Tests
 * fork it, SIGKILL it, and run two at once on one database. The script loads the built host (`dist`): the README's
 * test command builds first.
 *
 * Every node appends `label:node` to `notes`, so the checkpoints themselves say which version ran each step.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extractProject } from "@langgraph-compat/extract";
import { serializeSnapshot } from "@langgraph-compat/snapshot";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const hostDist = pathToFileURL(join(here, "..", "dist", "index.js")).href;
const PACKAGES = ["langgraph", "langgraph-checkpoint-postgres", "core"];

/** One version's source: START → prep → clarify (interrupt) → write (slow when SLOW_MS is set) → [review (interrupt)] → publish. */
export function graphSource(label: string, review: boolean): string {
  return `import { Annotation, StateGraph, START, END, interrupt } from "@langchain/langgraph";
const LABEL = ${JSON.stringify(label)};
const State = Annotation.Root({
  topic: Annotation(),
  verdict: Annotation(),
  notes: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
const note = (node) => [LABEL + ":" + node];
async function write() {
  const slow = Number(process.env.SLOW_MS ?? 0);
  if (slow > 0) await new Promise((resolve) => setTimeout(resolve, slow));
  return { notes: note("write") };
}
const builder = new StateGraph(State)
  .addNode("prep", () => ({ notes: note("prep") }))
  .addNode("clarify", () => ({ topic: interrupt("topic?"), notes: note("clarify") }))
  .addNode("write", write)
  ${review ? `.addNode("review", () => ({ verdict: interrupt("approve?"), notes: note("review") }))` : ""}
  .addNode("publish", (s) => ({ notes: note("publish:" + s.verdict) }))
  .addEdge(START, "prep")
  .addEdge("prep", "clarify")
  .addEdge("clarify", "write")
  ${review ? `.addEdge("write", "review").addEdge("review", "publish")` : `.addEdge("write", "publish")`}
  .addEdge("publish", END);
export const graph = builder.compile();
export const make = (checkpointer) => builder.compile({ checkpointer });
`;
}

const SCRIPT = `import { readFileSync } from "node:fs";
import { Command } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { GraphHost, PostgresPinStore } from ${JSON.stringify(hostDist)};
const [url, name] = process.argv.slice(2);
const saver = PostgresSaver.fromConnString(url);
const pins = new PostgresPinStore({ connectionString: url });
const host = new GraphHost({ checkpointer: saver, pins, graphId: "agent", name });
for (const v of JSON.parse(readFileSync("versions.json", "utf8"))) {
  const mod = await import(v.module);
  const loaded = await host.load({ id: v.id, graphId: "agent", snapshot: JSON.parse(readFileSync(v.snapshot, "utf8")), build: (cp) => mod.make(cp) });
  if (!loaded.ok) throw new Error(loaded.error);
}
const ops = {
  deploy: async ({ id }) => { const v = JSON.parse(readFileSync("versions.json", "utf8")).find((x) => x.id === id); const mod = await import(v.module); return host.deploy({ id, graphId: "agent", snapshot: JSON.parse(readFileSync(v.snapshot, "utf8")), build: (cp) => mod.make(cp) }); },
  invoke: ({ thread, input, resume }) => host.invoke(thread, resume !== undefined ? new Command({ resume }) : input),
  threads: () => host.threads(),
  getState: async ({ thread }) => {
    const state = await host.getState(thread);
    return { values: state.values, next: state.next, tasks: state.tasks.map((t) => ({ interrupts: t.interrupts })) };
  },
};
process.on("message", async ({ id, op, args }) => {
  try {
    process.send({ id, ok: true, result: await ops[op](args) });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.message ?? error) });
  }
});
process.send({ ready: true });
`;

export interface RealVersion {
  id: string;
  module: string;
  snapshot: string;
}

/** A scratch folder with the host script and `versions` ([label, has review]) written, extracted and linked. */
export function realHostFolder(versions: Array<[string, boolean]>): { dir: string; versions: RealVersion[] } {
  const dir = tempDir("lgc-real-host-");
  const modules = join(dir, "node_modules", "@langchain");
  mkdirSync(modules, { recursive: true });
  for (const name of PACKAGES) symlinkSync(realpathSync(join(here, "..", "node_modules", "@langchain", name)), join(modules, name));
  const written = versions.map(([label, review]) => {
    const project = join(dir, label);
    mkdirSync(project);
    writeFileSync(join(project, "langgraph.json"), JSON.stringify({ graphs: { agent: "./graph.ts:graph" } }));
    writeFileSync(join(project, "graph.ts"), graphSource(label, review));
    writeFileSync(join(project, "graph.mjs"), graphSource(label, review));
    writeFileSync(join(project, "snapshot.json"), serializeSnapshot(extractProject({ projectDir: project })));
    return { id: label, module: pathToFileURL(join(project, "graph.mjs")).href, snapshot: join(project, "snapshot.json") };
  });
  writeFileSync(join(dir, "versions.json"), JSON.stringify(written));
  writeFileSync(join(dir, "host.mjs"), SCRIPT);
  return { dir, versions: written };
}

export interface HostProcess {
  child: ChildProcess;
  call<T = unknown>(op: "deploy" | "invoke" | "threads" | "getState", args?: Record<string, unknown>): Promise<T>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Forks the host script in `dir` on database `url`; resolves once its versions are loaded. */
export function startHost(dir: string, url: string, name: string, env: Record<string, string> = {}): Promise<HostProcess> {
  const child = fork(join(dir, "host.mjs"), [url, name], { cwd: dir, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error(`host ${name} exited`));
    waiting.clear();
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    void exited.then(() => reject(new Error(`host ${name} exited before it was ready`)));
    child.on("message", (message: { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (message.ready) {
        resolve({
          child,
          call: (op, args = {}) =>
            new Promise((res, rej) => {
              const id = next++;
              waiting.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              child.send({ id, op, args });
            }),
          kill: async () => {
            child.kill("SIGKILL");
            await exited;
          },
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        });
        return;
      }
      const w = waiting.get(message.id!);
      if (!w) return;
      waiting.delete(message.id!);
      if (message.ok) w.resolve(message.result);
      else w.reject(new Error(message.error));
    });
  });
}
