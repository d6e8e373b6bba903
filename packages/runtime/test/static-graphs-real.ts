/**
 * Small graphs described once and built twice: as a hand-made snapshot (what the static positions read)
 * and as a real @langchain/langgraph StateGraph over a MemorySaver, so positions read from real checkpoints
 * can be checked against the static set. Also a seeded generator of random descriptions and a driver that
 * runs threads to every pause and to completion with random answers and routes.
 */
import { END, START, type GraphSnapshot } from "@langgraph-compat/snapshot";
import type { ThreadPosition } from "@langgraph-compat/diff";
import { graph as snapshotOf } from "../../diff/test/static-graphs.js";
import { real } from "./modules.js";
import { readRealPosition } from "./real-position.js";

/** A node: its interrupt calls, the keys it writes, and (if any) the targets its `Command` may go to. */
export interface NodeDesc {
  interrupts: number;
  writes: string[];
  gotos?: string[];
  /** Each run returns one Command naming one of `gotos`, or none (the snapshot's `singleGoto`). */
  singleGoto?: boolean;
}
export interface BranchDesc {
  from: string;
  /** Named targets (END allowed). */
  targets: string[];
  sendTargets: string[];
  pathMap: boolean;
}
export interface GraphDesc {
  nodes: Record<string, NodeDesc>;
  edges: Array<[string, string]>;
  joins: Array<[string[], string]>;
  branches: BranchDesc[];
  keys: string[];
  interruptBefore: string[] | "*";
  interruptAfter: string[] | "*";
  /** Nodes that are a compiled subgraph (the description of the nested graph). */
  subgraphs?: Record<string, GraphDesc>;
}

/** A deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pickOf = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const someOf = <T>(r: () => number, xs: readonly T[], p = 0.5): T[] => xs.filter(() => r() < p);

/** A path map naming every target, Send targets included (compile checks that each node is reachable). */
const pathMapOf = (b: BranchDesc): Record<string, string> => Object.fromEntries([...b.targets, ...b.sendTargets].map((t) => [t, t]));

/** The snapshot of `desc`, as the extractor would write it for the real graph. */
export function toSnapshot(desc: GraphDesc): GraphSnapshot {
  const g = snapshotOf({
    nodes: Object.fromEntries(
      Object.entries(desc.nodes).map(([name, n]) => {
        const sub = desc.subgraphs?.[name];
        if (sub !== undefined) return [name, { kind: "subgraph" as const, subgraph: toSnapshot(sub), writes: sub.keys.filter((k) => desc.keys.includes(k)) }];
        return [
          name,
          { interrupts: n.interrupts, writes: n.writes, gotos: [...(n.gotos ?? [])].sort(), ...(n.gotos ? { ends: [...n.gotos].sort() } : {}), ...(n.singleGoto ? { singleGoto: true } : {}) },
        ];
      }),
    ),
    edges: desc.edges,
    joins: desc.joins,
    branches: desc.branches.map((b) => ({
      from: b.from,
      targets: b.targets,
      sendTargets: b.sendTargets,
      ...(b.pathMap ? { pathMap: pathMapOf(b) } : {}),
    })),
    keys: desc.keys,
    interruptBefore: desc.interruptBefore,
    interruptAfter: desc.interruptAfter,
  });
  for (const c of Object.values(g.state.channels)) c.reducer = { kind: "custom", fingerprint: "concat" };
  return g;
}

/** Per-thread choices the real graph's nodes and routers draw from (set by the driver). */
export interface Chooser {
  r: () => number;
}

/** The real compiled graph of `desc` over `saver`; nodes and routers draw their choices from `chooser`. */
export function toReal(desc: GraphDesc, saver: unknown, chooser: Chooser, child = false): any {
  const { StateGraph, Annotation, Command, Send, interrupt } = real;
  const spec: Record<string, unknown> = {};
  for (const k of desc.keys) spec[k] = Annotation<string[]>({ reducer: (a: string[] | undefined, b: string[]) => [...(a ?? []), ...b] });
  const builder: any = new StateGraph(Annotation.Root(spec as any));
  for (const [name, n] of Object.entries(desc.nodes)) {
    const sub = desc.subgraphs?.[name];
    if (sub !== undefined) {
      builder.addNode(name, toReal(sub, undefined, chooser, true));
      continue;
    }
    const body = () => {
      for (let k = 0; k < n.interrupts; k++) if (interrupt(`${name}#${k}`) === "stop") break;
      const update = Object.fromEntries(n.writes.map((w) => [w, [name]]));
      if (n.gotos === undefined) return update;
      if (n.singleGoto) {
        const one = n.gotos[Math.floor(chooser.r() * (n.gotos.length + 1))];
        return one === undefined ? update : new Command({ update, goto: one });
      }
      const named = n.gotos.filter(() => chooser.r() < 0.5);
      return chooser.r() < 0.2 ? update : new Command({ update, goto: named.length === 1 ? named[0] : named });
    };
    builder.addNode(name, body, n.gotos ? { ends: n.gotos } : undefined);
  }
  for (const [from, to] of desc.edges) builder.addEdge(from, to);
  for (const [sources, to] of desc.joins) builder.addEdge(sources, to);
  for (const b of desc.branches) {
    const router = () => {
      if (b.sendTargets.length > 0 && (b.targets.length === 0 || chooser.r() < 0.5)) {
        const sends = b.sendTargets.flatMap((t) => (chooser.r() < 0.6 ? [new Send(t, {}), ...(chooser.r() < 0.3 ? [new Send(t, {})] : [])] : []));
        return sends;
      }
      if (b.targets.length === 0) return [];
      if (b.pathMap) return pickOf(chooser.r, b.targets);
      const many = b.targets.filter(() => chooser.r() < 0.5);
      return many.length === 0 ? pickOf(chooser.r, b.targets) : many;
    };
    // Without a path map LangGraph cannot tell what the router reaches; the list form says it for compile's
    // reachability check and is not a path map (the router's values pass through).
    builder.addConditionalEdges(b.from, router, b.pathMap ? pathMapOf(b) : [...b.targets, ...b.sendTargets]);
  }
  return builder.compile(child ? {} : { checkpointer: saver, interruptBefore: desc.interruptBefore, interruptAfter: desc.interruptAfter });
}

/** One stop of a thread: the position read from the real checkpoint, and what the driver did before it. */
export interface Stop {
  position: ThreadPosition;
  did: string;
}

/**
 * Runs one thread of `desc` on the real runtime: starts it, resumes every pause with random answers
 * ("ok" or "stop", which ends a node's remaining interrupts), sometimes sends new input to a paused
 * thread, and starts new turns on a finished one; returns the position read at every stop. A run that
 * throws ends the thread (errored threads are outside the static set's scope).
 */
export async function driveThread(
  desc: GraphDesc,
  snapshot: GraphSnapshot,
  seed: number,
  maxCalls = 10,
  newInputRate = 0.1,
  /** Called at every stop with the real saver and the thread, e.g. to read the checkpoint another way. */
  onStop?: (saver: unknown, threadId: string, position: ThreadPosition) => Promise<void>,
  /** The checkpointer the thread is stored in; a fresh MemorySaver when not given. */
  saver: unknown = new real.MemorySaver(),
): Promise<{ stops: Stop[]; error?: string }> {
  const { Command } = real;
  const chooser: Chooser = { r: rng(seed) };
  const g = toReal(desc, saver, chooser);
  const threadId = `t${seed}`;
  const config = { configurable: { thread_id: threadId }, recursionLimit: 40 };
  const stops: Stop[] = [];
  let did = "start";
  let input: unknown = {};
  for (let call = 0; call < maxCalls; call++) {
    try {
      await g.invoke(input, config);
    } catch (error) {
      return { stops, error: String((error as Error).message).split("\n")[0] };
    }
    const position = await readRealPosition(saver, g, threadId, snapshot);
    stops.push({ position, did });
    await onStop?.(saver, threadId, position);
    const state = await g.getState(config);
    const asks: Array<{ id: string }> = state.tasks.flatMap((t: { interrupts: Array<{ id: string }> }) => t.interrupts);
    const r = chooser.r();
    if (asks.length === 0 && state.next.length === 0) {
      if (r < 0.4) break;
      input = {};
      did = "new turn";
    } else if (r < newInputRate) {
      input = {};
      did = "new input while paused";
    } else if (asks.length > 0) {
      input = new Command({ resume: Object.fromEntries(asks.map((a) => [a.id, chooser.r() < 0.3 ? "stop" : "ok"])) });
      did = "resume";
    } else {
      input = null;
      did = "continue";
    }
  }
  return { stops };
}

/** A random small graph: forward routes only (no recursion limit), every node reachable from START. */
export function randomGraph(seed: number, nested = true): GraphDesc {
  const r = rng(seed);
  const names = ["a", "b", "c", "d", "e"].slice(0, 2 + Math.floor(r() * 4));
  const keys = ["k0", "k1", "k2"];
  const desc: GraphDesc = { nodes: {}, edges: [], joins: [], branches: [], keys, interruptBefore: [], interruptAfter: [] };
  const later = (i: number) => names.slice(i + 1);
  const reached = new Set<string>();
  const route = (from: string, i: number) => {
    const next = later(i);
    const kind = next.length === 0 ? "end" : pickOf(r, ["edge", "edge", "fan", "branch", "send", "goto", "end"] as const);
    if (kind === "end") desc.edges.push([from, END]);
    else if (kind === "edge") desc.edges.push([from, pickOf(r, next)]);
    else if (kind === "fan") {
      for (const t of new Set(someOf(r, next, 0.7).concat(pickOf(r, next)))) desc.edges.push([from, t]);
    } else if (kind === "branch" || kind === "send") {
      const targets = [...new Set([...someOf(r, next), pickOf(r, next)])].concat(r() < 0.3 ? [END] : []);
      const sendTargets = kind === "send" ? [pickOf(r, next)] : [];
      const pathMap = r() < 0.5;
      // Without a path map a snapshot cannot tell a node returned by name from one reached by Send (its
      // `targets` hold both), and the static set assumes they differ: keep them apart here too.
      const named = pathMap ? targets : targets.filter((t) => !sendTargets.includes(t));
      desc.branches.push({ from, targets: kind === "send" && r() < 0.5 ? [] : named, sendTargets, pathMap });
    } else if (kind === "goto" && from !== START) {
      desc.nodes[from].gotos = [...new Set([pickOf(r, next), ...someOf(r, next)])];
      // On even seeds a Command names one node (singleGoto); decided without the generator, so the graphs stay as they were.
      if (seed % 2 === 0) desc.nodes[from].singleGoto = true;
    }
    else desc.edges.push([from, pickOf(r, next)]);
    for (const [f, t] of desc.edges) if (f === from) reached.add(t);
    for (const b of desc.branches) if (b.from === from) for (const t of [...b.targets, ...b.sendTargets]) reached.add(t);
    if (from !== START) for (const t of desc.nodes[from].gotos ?? []) reached.add(t);
  };
  names.forEach((n) => (desc.nodes[n] = { interrupts: r() < 0.5 ? 0 : r() < 0.7 ? 1 : 2, writes: someOf(r, keys, 0.4) }));
  route(START, -1);
  names.forEach((n, i) => route(n, i));
  if (names.length >= 3 && r() < 0.3) {
    const to = names[names.length - 1];
    desc.joins.push([[...someOf(r, names.slice(0, -1), 0.7), names[0]].filter((x, k, xs) => xs.indexOf(x) === k).slice(0, 2), to]);
    if (desc.joins[0][0].length < 2) desc.joins.pop();
  }
  for (const [i, n] of names.entries()) {
    if (!reached.has(n) && !desc.joins.some(([, to]) => to === n)) desc.edges.push([i === 0 ? START : pickOf(r, [START, ...names.slice(0, i)]), n]);
  }
  const bp = () => (r() < 0.1 ? "*" : r() < 0.5 ? [] : someOf(r, names, 0.3));
  desc.interruptBefore = bp();
  desc.interruptAfter = bp();
  // Sometimes a node (not one with a Command, which a compiled graph cannot return) is a nested graph.
  const plain = names.filter((n) => desc.nodes[n].gotos === undefined);
  if (nested && plain.length > 0 && r() < 0.25) {
    const inner = randomGraph(Math.floor(r() * 1e9), false);
    desc.subgraphs = { [pickOf(r, plain)]: inner };
  }
  return desc;
}
