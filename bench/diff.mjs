#!/usr/bin/env node
// Benchmark: `diffSnapshots(before, after)` on two synthetic snapshots of 1,000 graphs x 50 nodes.
//
// The second snapshot carries a handful of changes (node renamed, removed and added, interrupt added,
// channel type and reducer changed, join sources reordered). As a same-run baseline, it also times
// `JSON.parse(JSON.stringify(...))` of both snapshots, and prints the ratio diff/baseline.
// A second scenario shifts every location by one line as well (a shared file edited above all graphs),
// which defeats any "graph unchanged" shortcut without being a real change.
// Target (issue 3): under one second.
//
// A benchmark prints; it never asserts. Exit code is 0, also when the diff package is not built yet.
//
//   node bench/diff.mjs [--graphs 1000] [--nodes 50] [--runs 5]

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIFF = join(ROOT, "packages/diff/dist/index.js");
const SNAPSHOT = join(ROOT, "packages/snapshot/dist/index.js");
const TARGET_MS = 1000;

const { values: flags } = parseArgs({
  options: {
    graphs: { type: "string", default: "1000" },
    nodes: { type: "string", default: "50" },
    runs: { type: "string", default: "5" },
  },
});
const GRAPHS = Number(flags.graphs);
const NODES = Number(flags.nodes);
const RUNS = Number(flags.runs);
const START = "__start__";
const END = "__end__";

// ---------------------------------------------------------------------------------------------------
// Synthetic snapshot, shaped like packages/snapshot/src/types.ts. Deterministic.

const hex = (n) => {
  let x = (n * 2654435761) >>> 0;
  let out = "";
  for (let i = 0; i < 4; i++) {
    x = (Math.imul(x ^ (x >>> 13), 1274126177) + i) >>> 0;
    out += x.toString(16).padStart(8, "0").slice(0, 4);
  }
  return out;
};
const loc = (file, line, column = 3) => ({ file, line, column });
const nodeName = (i) => `step_${String(i).padStart(2, "0")}`;

const CHANNELS = [
  ["messages", { type: "array", items: { type: "object", "x-source": "BaseMessage" } }, { kind: "known", name: "messagesStateReducer" }, true],
  ["input", { type: "string" }, { kind: "none" }, false],
  ["items", { type: "array", items: { type: "string" } }, { kind: "custom", fingerprint: "c0ffee0000000001" }, true],
  ["count", { type: "number" }, { kind: "custom", fingerprint: "c0ffee0000000002" }, true],
  ["approved", { type: "boolean" }, { kind: "none" }, false],
  ["status", { type: "string", enum: ["open", "pending", "closed"] }, { kind: "none" }, false],
  ["result", { type: "string" }, { kind: "none" }, false],
  [
    "profile",
    { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, tags: { type: "array", items: { type: "string" } } }, required: ["id"] },
    { kind: "none" },
    false,
  ],
  ["scores", { type: "object", additionalProperties: { type: "number" } }, { kind: "custom", fingerprint: "c0ffee0000000003" }, true],
  ["notes", { type: "array", items: { type: "string" } }, { kind: "none" }, false],
];

function makeGraph(g) {
  const file = `src/graphs/g${g}.ts`;
  const nodesFile = `src/nodes/g${g}.ts`;
  const nodes = {};
  const channelNames = CHANNELS.map(([name]) => name);
  for (let i = 0; i < NODES; i++) {
    const name = nodeName(i);
    const reads = [channelNames[i % 10], channelNames[(i + 3) % 10]].sort();
    const writes = [channelNames[(i + 1) % 10]];
    const node = {
      name,
      kind: "function",
      location: loc(file, 20 + i),
      function: { name: `${name}Node`, fingerprint: hex(g * 1000 + i), location: loc(nodesFile, 10 + i * 8, 1) },
      options: {},
      interrupts: [],
      gotos: [],
      sends: [],
      reads: [...new Set(reads)],
      writes,
    };
    if (i % 17 === 5) {
      node.interrupts.push({ kind: "interrupt", fingerprint: hex(g * 7919 + i), location: loc(nodesFile, 12 + i * 8), via: [] });
    }
    if (i === 40) {
      node.ends = [nodeName(41), nodeName(45)];
      node.gotos = [nodeName(41), nodeName(45)];
    }
    if (i === 25) node.sends = [nodeName(26)];
    nodes[name] = node;
  }
  const edges = [{ from: START, to: nodeName(0), location: loc(file, 80) }];
  for (let i = 0; i < NODES - 1; i++) {
    if (i === 20 || i === 10 || i === 11 || i === 40 || i === 25) continue; // branch, join, goto, send
    edges.push({ from: nodeName(i), to: nodeName(i + 1), location: loc(file, 81 + i) });
  }
  edges.push({ from: nodeName(NODES - 1), to: END, location: loc(file, 140) });
  const joins = [{ sources: [nodeName(10), nodeName(11)], to: nodeName(12), location: loc(file, 141) }];
  const branches = [
    {
      from: nodeName(20),
      router: { name: "routeAfterReview", fingerprint: hex(g * 31 + 7), location: loc(nodesFile, 420, 1) },
      pathMap: { accept: nodeName(21), retry: nodeName(30) },
      targets: [nodeName(21), nodeName(30)].sort(),
      sendTargets: [],
      location: loc(file, 142),
    },
    {
      from: nodeName(25),
      router: { name: "fanOut", fingerprint: hex(g * 37 + 11), location: loc(nodesFile, 430, 1) },
      targets: [nodeName(26)],
      sendTargets: [nodeName(26)],
      location: loc(file, 143),
    },
  ];
  const channels = {};
  CHANNELS.forEach(([name, type, reducer, hasDefault], c) => {
    const readBy = Object.values(nodes).filter((n) => n.reads.includes(name)).map((n) => n.name).sort();
    const writtenBy = Object.values(nodes).filter((n) => n.writes.includes(name)).map((n) => n.name).sort();
    channels[name] = {
      name,
      type: structuredClone(type),
      optional: false,
      nullable: name === "result",
      reducer: structuredClone(reducer),
      default: hasDefault ? { kind: "channel", fingerprint: hex(c + 99) } : { kind: "none" },
      untracked: false,
      readBy,
      writtenBy,
      location: loc(file, 5 + c),
    };
  });
  return {
    id: `g${g}`,
    kind: "graph",
    location: loc(file, 19, 17),
    nodes,
    edges,
    joins,
    branches,
    state: { form: "annotation", channels, location: loc(file, 4, 14) },
    interruptBefore: [],
    interruptAfter: g % 50 === 0 ? [nodeName(30)] : [],
    unresolved: [],
  };
}

function makeSnapshot() {
  const graphs = {};
  for (let g = 0; g < GRAPHS; g++) graphs[`g${g}`] = makeGraph(g);
  return { formatVersion: 1, graphs };
}

/** The handful of changes in the second snapshot. Returns their descriptions. */
function applyChanges(snapshot) {
  const changes = [];
  const at = (fraction) => snapshot.graphs[`g${Math.min(GRAPHS - 1, Math.floor(GRAPHS * fraction))}`];
  const rename = (graph, from, to) => {
    const node = graph.nodes[from];
    delete graph.nodes[from];
    graph.nodes[to] = { ...node, name: to };
    const swap = (n) => (n === from ? to : n);
    for (const e of graph.edges) [e.from, e.to] = [swap(e.from), swap(e.to)];
    for (const j of graph.joins) [j.sources, j.to] = [j.sources.map(swap), swap(j.to)];
    for (const b of graph.branches) {
      b.from = swap(b.from);
      b.targets = b.targets.map(swap).sort();
      if (b.pathMap) for (const k of Object.keys(b.pathMap)) b.pathMap[k] = swap(b.pathMap[k]);
    }
    for (const c of Object.values(graph.state.channels)) {
      c.readBy = c.readBy.map(swap).sort();
      c.writtenBy = c.writtenBy.map(swap).sort();
    }
  };

  let g = at(0.1);
  rename(g, nodeName(5), "step_05_review"); // node 5 holds an interrupt
  changes.push(`${g.id}: node ${nodeName(5)} (with interrupt) renamed`);

  g = at(0.2);
  g.nodes[nodeName(33)].interrupts.push({ kind: "interrupt", fingerprint: "feedface00000001", location: loc(`src/nodes/${g.id}.ts`, 300), via: [] });
  changes.push(`${g.id}: interrupt added in ${nodeName(33)}`);

  g = at(0.3);
  g.state.channels.status.type = { type: "string", enum: ["open", "closed"] };
  changes.push(`${g.id}: state key status narrowed`);

  g = at(0.4);
  g.state.channels.items.reducer = { kind: "custom", fingerprint: "c0ffee00000000ff" };
  changes.push(`${g.id}: reducer of items changed`);

  g = at(0.5);
  g.joins[0].sources.reverse();
  changes.push(`${g.id}: join sources reordered`);

  g = at(0.6);
  const last = nodeName(NODES - 1);
  g.nodes.audit = {
    ...structuredClone(g.nodes[last]),
    name: "audit",
    location: loc(`src/graphs/${g.id}.ts`, 150),
    function: { name: "auditNode", fingerprint: "a0d17a0d17a0d17a", location: loc(`src/nodes/${g.id}.ts`, 500, 1) },
  };
  const endEdge = g.edges.find((e) => e.from === last && e.to === END);
  endEdge.to = "audit";
  g.edges.push({ from: "audit", to: END, location: loc(`src/graphs/${g.id}.ts`, 151) });
  changes.push(`${g.id}: node audit added before END`);

  g = at(0.7);
  delete g.state.channels.notes;
  for (const n of Object.values(g.nodes)) {
    n.reads = n.reads.filter((k) => k !== "notes");
    n.writes = n.writes.filter((k) => k !== "notes");
  }
  changes.push(`${g.id}: state key notes removed`);

  g = at(0.8);
  g.state.channels.summary = { ...structuredClone(g.state.channels.result), name: "summary", readBy: [], writtenBy: [], default: { kind: "channel", fingerprint: "abcdef0000000001" } };
  changes.push(`${g.id}: state key summary added with a default`);

  return changes;
}

/** Every location one line lower: what editing a file shared by all graphs does. Not a real change. */
function shiftLines(value) {
  if (Array.isArray(value)) return value.forEach(shiftLines);
  if (!value || typeof value !== "object") return;
  if (typeof value.file === "string" && typeof value.line === "number" && typeof value.column === "number") value.line += 1;
  for (const v of Object.values(value)) shiftLines(v);
}

// ---------------------------------------------------------------------------------------------------
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timeIt(fn) {
  const times = [];
  let result;
  await fn(); // warm-up (JIT, caches inside the module are per call)
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(times), result };
}

async function main() {
  if (!existsSync(DIFF)) {
    console.log(`diff bench: diff package not built yet (${DIFF} is missing); build it with \`npx tsc -b packages/diff\`. Skipped.`);
    return;
  }
  let diffSnapshots;
  try {
    ({ diffSnapshots } = await import(pathToFileURL(DIFF).href));
  } catch (error) {
    console.log(`diff bench: diff package not built yet (cannot load it: ${String(error?.message ?? error).split("\n")[0]}). Skipped.`);
    return;
  }
  if (typeof diffSnapshots !== "function") {
    console.log(`diff bench: diff package not built yet (${DIFF} has no diffSnapshots export). Skipped.`);
    return;
  }
  let canonicalize = (s) => s;
  if (existsSync(SNAPSHOT)) ({ canonicalize } = await import(pathToFileURL(SNAPSHOT).href));

  const t0 = Date.now();
  const before = canonicalize(makeSnapshot());
  const afterRaw = makeSnapshot();
  const changes = applyChanges(afterRaw);
  const after = canonicalize(afterRaw);
  const shiftedRaw = structuredClone(afterRaw);
  shiftLines(shiftedRaw);
  const shifted = canonicalize(shiftedRaw);
  const bytes = JSON.stringify(before).length + JSON.stringify(after).length;
  console.log(
    `diff bench: 2 snapshots of ${GRAPHS} graphs x ${NODES} nodes, ${CHANNELS.length} channels each ` +
      `(${(bytes / 1e6).toFixed(1)} MB of JSON together), built in ${Date.now() - t0} ms; ${changes.length} changes:`,
  );
  for (const c of changes) console.log(`    ${c}`);

  const baseline = await timeIt(() => {
    JSON.parse(JSON.stringify(before));
    JSON.parse(JSON.stringify(after));
  });
  let diff;
  try {
    diff = await timeIt(() => diffSnapshots(before, after));
  } catch (error) {
    console.log(`diff bench: diffSnapshots FAILED: ${String(error?.message ?? error).split("\n")[0]}; no figure`);
    return;
  }
  const { findings = [], summary = {} } = diff.result ?? {};
  console.log(
    `diff bench: diffSnapshots found ${findings.length} findings ` +
      `(breaking ${summary.breaking ?? "?"}, risky ${summary.risky ?? "?"}, safe ${summary.safe ?? "?"})`,
  );
  for (const f of findings.slice(0, 20)) console.log(`    ${f.severity.padEnd(8)} ${f.ruleId} ${f.graph} ${f.path}`);
  if (findings.length > 20) console.log(`    ... ${findings.length - 20} more`);

  let shiftedFigure;
  try {
    const s = await timeIt(() => diffSnapshots(before, shifted));
    shiftedFigure = `${s.ms.toFixed(1)} ms, ${s.result?.findings?.length ?? "?"} findings`;
  } catch (error) {
    shiftedFigure = `FAILED: ${String(error?.message ?? error).split("\n")[0]}`;
  }

  console.log(`diff bench: JSON.parse(JSON.stringify()) of both snapshots (baseline), median of ${RUNS}: ${baseline.ms.toFixed(1)} ms`);
  console.log(`diff bench: diffSnapshots(before, after), median of ${RUNS}: ${diff.ms.toFixed(1)} ms (target < ${TARGET_MS} ms: ${diff.ms < TARGET_MS ? "met" : "NOT met"})`);
  console.log(`diff bench: ratio diff/baseline = ${(diff.ms / baseline.ms).toFixed(2)}`);
  console.log(`diff bench: same changes with every location shifted one line, median of ${RUNS}: ${shiftedFigure}`);
}

await main();
