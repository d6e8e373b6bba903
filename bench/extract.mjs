#!/usr/bin/env node
// Benchmark: `langgraph-compat snapshot` against `tsc --noEmit` on the same synthetic project.
//
// Generates a project of about 2,000 TypeScript files (20 LangGraph graph files registered in
// langgraph.json, their node modules, and a large body of ordinary app code that the graphs mostly do
// not reach), then times both commands as separate processes, interleaved, median wall time of N runs.
// Target (issue 2): snapshot time / tsc time <= 0.25, by loading only what the graph entry points reach.
//
// A benchmark prints; it never asserts. Exit code is 0 unless the script itself is misused.
//
//   node bench/extract.mjs [--files 2000] [--graphs 20] [--runs 3] [--keep]

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages/cli/dist/bin.js");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const TARGET = 0.25;

const { values: flags } = parseArgs({
  options: {
    files: { type: "string", default: "2000" },
    graphs: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
  },
});
const TOTAL_FILES = Number(flags.files);
const GRAPHS = Number(flags.graphs);
const RUNS = Number(flags.runs);

// ---------------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers, so every run generates the same project.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20260422);
const pick = (n) => Math.floor(random() * n);
const pickDistinct = (n, count, exclude = -1) => {
  const out = new Set();
  const want = Math.min(count, n - (exclude >= 0 && exclude < n ? 1 : 0));
  while (out.size < want) {
    const i = pick(n);
    if (i !== exclude) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
};

// ---------------------------------------------------------------------------------------------------
// Project layout. Every count below adds up to TOTAL_FILES.
//   src/types/langgraph.d.ts   ambient `@langchain/langgraph` (so tsc needs no node_modules)
//   src/graphs/g<k>.ts         GRAPHS graph files (state + builder), registered in langgraph.json
//   src/nodes/g<k>.ts          their node functions and routers (interrupt() in some)
//   src/types/t<i>.ts          interfaces, unions, enums
//   src/utils/u<i>.ts          helpers, in packages of 100 with a small core each
//   src/services/s<i>.ts       classes using utils and types; a few are imported by nodes

const fixed = 1 + GRAPHS * 2;
const rest = Math.max(TOTAL_FILES - fixed, 30);
const TYPES = Math.round(rest * 0.15);
const UTILS = Math.round(rest * 0.35);
const SERVICES = rest - TYPES - UTILS;
const UTIL_PACKAGE = 100;
const UTIL_CORE = 10;
const SERVICE_DOMAIN = 50;
const SERVICE_BASE = 5;

const LANGGRAPH_DTS = `// Loose typings of the LangGraph.js API this project uses, so \`tsc --noEmit\` runs without node_modules.
declare module "@langchain/langgraph" {
  export const START: "__start__";
  export const END: "__end__";
  export interface AnnotationValue<T> {
    readonly __value?: T;
  }
  export interface AnnotationOptions<T> {
    reducer?: (left: T, right: T) => T;
    default?: () => T;
  }
  type ValueOf<A> = A extends AnnotationValue<infer T> ? T : never;
  export interface AnnotationRoot<S extends Record<string, AnnotationValue<any>>> {
    State: { [K in keyof S]: ValueOf<S[K]> };
    Update: { [K in keyof S]?: ValueOf<S[K]> };
    spec: S;
  }
  export interface AnnotationFunction {
    <T>(options?: AnnotationOptions<T>): AnnotationValue<T>;
    Root<S extends Record<string, AnnotationValue<any>>>(spec: S): AnnotationRoot<S>;
  }
  export const Annotation: AnnotationFunction;
  export function interrupt<R = unknown>(value: unknown): R;
  export class Command {
    constructor(args: { goto?: string | string[]; update?: Record<string, unknown>; resume?: unknown });
  }
  export class Send {
    constructor(node: string, args: unknown);
  }
  export class MemorySaver {}
  export interface CompiledStateGraph {
    invoke(input: unknown, config?: unknown): Promise<unknown>;
  }
  export class StateGraph<S = unknown> {
    constructor(state: S);
    addNode(name: string, action: (state: any, config?: any) => unknown, options?: { ends?: string[] }): this;
    addEdge(from: string | string[], to: string): this;
    addConditionalEdges(from: string, router: (state: any) => unknown, pathMap?: Record<string, string> | string[]): this;
    compile(options?: { checkpointer?: MemorySaver; interruptBefore?: string[]; interruptAfter?: string[] }): CompiledStateGraph;
  }
}
`;

function typeFile(i) {
  const imports = i > 0 && random() < 0.6 ? [Math.max(0, i - 1 - pick(Math.min(i, 30)))] : [];
  const lines = imports.map((j) => `import type { T${j}Record, T${j}Status } from "./t${j}.js";`);
  const parent = imports.length ? `T${imports[0]}Record` : "string";
  lines.push(
    "",
    `export type T${i}Status = "open" | "closed" | "pending" | "archived"${imports.length ? ` | T${imports[0]}Status` : ""};`,
    "",
    `export enum T${i}Kind {`,
    `  Primary = "primary",`,
    `  Secondary = "secondary",`,
    `  Fallback = "fallback",`,
    `}`,
    "",
    `export interface T${i}Record {`,
    `  id: string;`,
    `  name: string;`,
    `  kind: T${i}Kind;`,
    `  status: T${i}Status;`,
    `  tags: string[];`,
    `  score: number;`,
    `  createdAt: string;`,
    `  parent?: ${parent};`,
    `  attributes: Record<string, string | number | boolean>;`,
    `}`,
    "",
    `export interface T${i}Page<T = T${i}Record> {`,
    `  items: T[];`,
    `  next?: string;`,
    `  total: number;`,
    `}`,
    "",
    `export type T${i}Map = Record<string, T${i}Record>;`,
    `export type T${i}Patch = Partial<Omit<T${i}Record, "id">> & { id: string };`,
    `export type T${i}Event =`,
    `  | { type: "created"; record: T${i}Record }`,
    `  | { type: "updated"; patch: T${i}Patch }`,
    `  | { type: "deleted"; id: string };`,
    "",
  );
  return lines.join("\n");
}

function utilFile(i) {
  const pkg = Math.floor(i / UTIL_PACKAGE) * UTIL_PACKAGE;
  const inCore = i - pkg < UTIL_CORE;
  const deps = inCore ? [] : pickDistinct(Math.min(UTIL_CORE, UTILS - pkg), 1 + pick(2)).map((j) => pkg + j);
  const type = pick(TYPES);
  const lines = deps.map((j) => `import { u${j}_normalize, u${j}_score } from "./u${j}.js";`);
  lines.push(`import type { T${type}Record, T${type}Page } from "@/types/t${type}.js";`, "");
  const norm = deps.length ? `u${deps[0]}_normalize(input)` : "input";
  const scoreBase = deps.length ? deps.map((j) => `u${j}_score(records)`).join(" + ") : "0";
  lines.push(
    `export const U${i}_LIMIT = ${10 + (i % 90)};`,
    "",
    `export function u${i}_normalize(input: string): string {`,
    `  return ${norm}.trim().replace(/\\s+/g, " ").toLowerCase();`,
    `}`,
    "",
    `export function u${i}_score(records: Array<{ score: number; tags: string[] }>): number {`,
    `  let total = ${scoreBase};`,
    `  for (const record of records) {`,
    `    total += record.score * ${1 + (i % 7)} + record.tags.length;`,
    `  }`,
    `  return Math.min(total, U${i}_LIMIT * 1000);`,
    `}`,
    "",
    `export function u${i}_group<T extends { id: string; tags: string[] }>(items: T[]): Map<string, T[]> {`,
    `  const groups = new Map<string, T[]>();`,
    `  for (const item of items) {`,
    `    const key = item.tags[0] ?? "untagged";`,
    `    const group = groups.get(key) ?? [];`,
    `    group.push(item);`,
    `    groups.set(key, group);`,
    `  }`,
    `  return groups;`,
    `}`,
    "",
    `export function u${i}_page(records: T${type}Record[], size: number, cursor?: string): T${type}Page {`,
    `  const start = cursor ? Number.parseInt(cursor, 10) : 0;`,
    `  const items = records.slice(start, start + size);`,
    `  const next = start + size < records.length ? String(start + size) : undefined;`,
    `  return { items, next, total: records.length };`,
    `}`,
    "",
    `export class U${i}Cache<V> {`,
    `  private readonly entries = new Map<string, { value: V; expires: number }>();`,
    `  constructor(private readonly ttlMs: number = ${1000 * (1 + (i % 60))}) {}`,
    `  get(key: string, now: number): V | undefined {`,
    `    const entry = this.entries.get(key);`,
    `    if (!entry || entry.expires < now) return undefined;`,
    `    return entry.value;`,
    `  }`,
    `  set(key: string, value: V, now: number): void {`,
    `    this.entries.set(key, { value, expires: now + this.ttlMs });`,
    `  }`,
    `}`,
    "",
  );
  return lines.join("\n");
}

function serviceFile(i) {
  const utils = pickDistinct(UTILS, 2 + pick(2));
  const type = pick(TYPES);
  const domain = Math.floor(i / SERVICE_DOMAIN) * SERVICE_DOMAIN;
  const base = i - domain >= SERVICE_BASE && random() < 0.5 ? domain + pick(SERVICE_BASE) : -1;
  const lines = utils.map((j) => `import { u${j}_normalize, u${j}_score, U${j}Cache } from "@/utils/u${j}.js";`);
  lines.push(`import { T${type}Kind, type T${type}Record, type T${type}Status } from "@/types/t${type}.js";`);
  if (base >= 0) lines.push(`import { S${base}Service } from "./s${base}.js";`);
  const [u0, u1] = utils;
  lines.push(
    "",
    `export interface S${i}Options {`,
    `  retries: number;`,
    `  label: string;`,
    `  status: T${type}Status;`,
    `}`,
    "",
    `export class S${i}Service {`,
    `  private readonly cache = new U${u0}Cache<T${type}Record>();`,
    ...(base >= 0 ? [`  private readonly base = new S${base}Service();`] : []),
    `  constructor(private readonly opts: S${i}Options = { retries: ${1 + (i % 4)}, label: "s${i}", status: "open" }) {`,
    `    this.opts.retries = Math.max(0, this.opts.retries);`,
    `  }`,
    "",
    `  async load(id: string, now = 0): Promise<T${type}Record> {`,
    `    const cached = this.cache.get(id, now);`,
    `    if (cached) return cached;`,
    `    const record: T${type}Record = {`,
    `      id,`,
    `      name: u${u1}_normalize(\`\${this.opts.label}-\${id}\`),`,
    `      kind: T${type}Kind.Primary,`,
    `      status: this.opts.status,`,
    `      tags: [this.opts.label],`,
    `      score: ${i % 13},`,
    `      createdAt: "2026-01-01T00:00:00Z",`,
    `      attributes: { retries: this.opts.retries },`,
    `    };`,
    `    this.cache.set(id, record, now);`,
    `    return record;`,
    `  }`,
    "",
    `  summarize(records: T${type}Record[]): string {`,
    `    const score = u${u0}_score(records) + u${u1}_score(records);`,
    `    const names = records.map((r) => r.name).filter((n) => n.length > 0);`,
    ...(base >= 0 ? [`    names.push(this.base.summarize([]));`] : []),
    `    return \`\${this.opts.label}: \${names.join(", ")} (\${score})\`;`,
    `  }`,
    "",
    `  async withRetries<R>(work: () => Promise<R>): Promise<R> {`,
    `    let lastError: unknown;`,
    `    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {`,
    `      try {`,
    `        return await work();`,
    `      } catch (error) {`,
    `        lastError = error;`,
    `      }`,
    `    }`,
    `    throw lastError;`,
    `  }`,
    `}`,
    "",
    `export async function s${i}_run(input: string): Promise<string> {`,
    `  const service = new S${i}Service();`,
    `  const record = await service.withRetries(() => service.load(input));`,
    `  return service.summarize([record]);`,
    `}`,
    "",
  );
  return lines.join("\n");
}

const STEP_NAMES = ["intake", "plan", "fetch", "enrich", "analyze", "draft", "review", "revise", "publish", "notify", "archive", "audit"];

/** The shape of graph k: node names, which nodes call interrupt(), where the conditional edge sits. */
function graphShape(k) {
  const count = 6 + (k % 7);
  const nodes = STEP_NAMES.slice(0, count);
  const reviewAt = count - 3;
  return {
    nodes,
    reviewAt,
    interruptNodes: new Set(k % 2 === 0 ? [nodes[reviewAt]] : k % 5 === 0 ? [nodes[1], nodes[reviewAt]] : []),
    helperInterrupt: k % 4 === 1,
    join: k % 3 === 0 && reviewAt >= 5, // the join (nodes 2,3 -> 4) must not touch the review node
    services: pickDistinct(SERVICES, 3 + pick(3)),
  };
}

function nodesFile(k, shape) {
  const { nodes, reviewAt, interruptNodes, helperInterrupt, services } = shape;
  const lines = [
    `import { Command, interrupt } from "@langchain/langgraph";`,
    `import type { G${k}StateType, G${k}Update } from "../graphs/g${k}.js";`,
    ...services.map((s) => `import { s${s}_run } from "@/services/s${s}.js";`),
    "",
  ];
  if (helperInterrupt) {
    lines.push(
      `function askHuman(question: string, items: string[]): string {`,
      `  return interrupt<string>({ question, items });`,
      `}`,
      "",
    );
  }
  nodes.forEach((name, i) => {
    const svc = services[i % services.length];
    lines.push(`export async function ${name}Node(state: G${k}StateType): Promise<G${k}Update> {`);
    if (interruptNodes.has(name)) {
      lines.push(
        `  const answer = interrupt<string>({ step: "${name}", items: state.items, count: state.count });`,
        `  return { approved: answer === "yes", result: answer };`,
      );
    } else if (helperInterrupt && i === reviewAt) {
      lines.push(`  const answer = askHuman("approve ${name}?", state.items);`, `  return { approved: answer === "yes" };`);
    } else if (i === reviewAt) {
      lines.push(`  const summary = await s${svc}_run(state.items.join(","));`, `  return { approved: summary.length % 2 === 0, result: summary };`);
    } else {
      lines.push(`  const out = await s${svc}_run(state.input + "${name}");`, `  return { items: [out], count: 1 };`);
    }
    lines.push(`}`, "");
  });
  lines.push(
    `export function routeAfter${cap(nodes[reviewAt])}(state: G${k}StateType): "accept" | "retry" {`,
    `  return state.approved ? "accept" : "retry";`,
    `}`,
    "",
    `export function escalate(state: G${k}StateType): Command {`,
    `  return new Command({ goto: "${nodes[nodes.length - 1]}", update: { result: state.result ?? "escalated" } });`,
    `}`,
    "",
  );
  return lines.join("\n");
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);

function graphFile(k, shape) {
  const { nodes, reviewAt, join } = shape;
  const lines = [
    `import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";`,
    `import { ${nodes.map((n) => `${n}Node`).join(", ")}, routeAfter${cap(nodes[reviewAt])} } from "../nodes/g${k}.js";`,
    "",
    `export const G${k}State = Annotation.Root({`,
    `  input: Annotation<string>(),`,
    `  items: Annotation<string[]>({ reducer: (left, right) => left.concat(right), default: () => [] }),`,
    `  count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }),`,
    `  approved: Annotation<boolean>(),`,
    `  result: Annotation<string | undefined>(),`,
    `});`,
    "",
    `export type G${k}StateType = typeof G${k}State.State;`,
    `export type G${k}Update = typeof G${k}State.Update;`,
    "",
    `const builder = new StateGraph(G${k}State)`,
  ];
  for (const n of nodes) lines.push(`  .addNode("${n}", ${n}Node)`);
  lines.push(`  .addEdge(START, "${nodes[0]}")`);
  for (let i = 0; i < nodes.length - 1; i++) {
    if (i === reviewAt) continue; // the conditional edge leaves the review node
    if (join && i === 1) {
      // fan out from nodes[1] to nodes[2] and nodes[3], join into nodes[4]
      lines.push(`  .addEdge("${nodes[1]}", "${nodes[2]}")`, `  .addEdge("${nodes[1]}", "${nodes[3]}")`);
      continue;
    }
    if (join && (i === 2 || i === 3)) continue;
    lines.push(`  .addEdge("${nodes[i]}", "${nodes[i + 1]}")`);
  }
  if (join) lines.push(`  .addEdge(["${nodes[2]}", "${nodes[3]}"], "${nodes[4]}")`);
  lines.push(
    `  .addConditionalEdges("${nodes[reviewAt]}", routeAfter${cap(nodes[reviewAt])}, { accept: "${nodes[reviewAt + 1]}", retry: "${nodes[reviewAt - 1]}" })`,
    `  .addEdge("${nodes[nodes.length - 1]}", END);`,
    "",
    `export const graph = builder.compile({ checkpointer: new MemorySaver() });`,
    "",
  );
  return lines.join("\n");
}

/** Project files reachable from the graph files through imports: all imports, and value imports only. */
function reachable(importsOf, roots) {
  const walk = (valueOnly) => {
    const seen = new Set();
    const stack = [...roots];
    while (stack.length) {
      const file = stack.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      for (const { target, typeOnly } of importsOf.get(file) ?? []) if (!(valueOnly && typeOnly)) stack.push(target);
    }
    return seen.size;
  };
  return { all: walk(false), value: walk(true) };
}

function generate(dir) {
  const importsOf = new Map();
  const write = (rel, text) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (!rel.endsWith(".ts")) return;
    const imports = [];
    for (const m of text.matchAll(/^import (type )?[^;]*? from "([^"]+)";/gm)) {
      const spec = m[2];
      const base = spec.startsWith("@/") ? `src/${spec.slice(2)}` : spec.startsWith(".") ? join(dirname(rel), spec) : undefined;
      if (base) imports.push({ target: base.replace(/\.js$/, ".ts"), typeOnly: Boolean(m[1]) });
    }
    importsOf.set(rel, imports);
  };
  let files = 0;
  write("package.json", JSON.stringify({ name: "bench-app", private: true, type: "module" }, null, 2) + "\n");
  write(
    "tsconfig.json",
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          paths: { "@/*": ["./src/*"] },
        },
        include: ["src"],
      },
      null,
      2,
    ) + "\n",
  );
  write("src/types/langgraph.d.ts", LANGGRAPH_DTS);
  files++;
  for (let i = 0; i < TYPES; i++, files++) write(`src/types/t${i}.ts`, typeFile(i));
  for (let i = 0; i < UTILS; i++, files++) write(`src/utils/u${i}.ts`, utilFile(i));
  for (let i = 0; i < SERVICES; i++, files++) write(`src/services/s${i}.ts`, serviceFile(i));
  const graphs = {};
  let interrupts = 0;
  for (let k = 0; k < GRAPHS; k++, files += 2) {
    const shape = graphShape(k);
    interrupts += shape.interruptNodes.size + (shape.helperInterrupt ? 1 : 0);
    write(`src/nodes/g${k}.ts`, nodesFile(k, shape));
    write(`src/graphs/g${k}.ts`, graphFile(k, shape));
    graphs[`g${k}`] = `./src/graphs/g${k}.ts:graph`;
  }
  write("langgraph.json", JSON.stringify({ node_version: "20", dependencies: ["."], graphs }, null, 2) + "\n");
  const roots = Object.values(graphs).map((spec) => spec.slice(2, spec.lastIndexOf(":")));
  return { files, interrupts, reach: reachable(importsOf, roots) };
}

// ---------------------------------------------------------------------------------------------------
// The child writes its own CPU time (user + system, all threads) on exit: a figure that other load on a
// shared machine disturbs much less than wall time.
const CPU_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    `import { writeFileSync } from "node:fs";` +
      `process.on("exit", () => { const u = process.cpuUsage(); writeFileSync(process.env.LGC_BENCH_CPU, String((u.user + u.system) / 1000)); });`,
  );
let cpuFile;

function timeCommand(args) {
  const env = { ...process.env, LGC_BENCH_CPU: cpuFile };
  rmSync(cpuFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", CPU_HOOK, ...args], { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let cpuMs = NaN;
  try {
    cpuMs = Number(readFileSync(cpuFile, "utf8"));
  } catch {}
  return { ms, cpuMs, status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const firstLines = (text, n = 5) => text.trim().split("\n").slice(0, n).join("\n    ");

/** Count the files the extractor parses, in process, by watching its module loader (best effort). */
async function countParsedFiles(projectDir) {
  const dist = join(ROOT, "packages/extract/dist");
  const { ModuleGraph } = await import(pathToFileURL(join(dist, "modules.js")).href);
  const { extractProject } = await import(pathToFileURL(join(dist, "index.js")).href);
  const seen = new Set();
  const original = ModuleGraph.prototype.load;
  ModuleGraph.prototype.load = function (path) {
    seen.add(path);
    return original.call(this, path);
  };
  try {
    extractProject({ projectDir });
  } finally {
    ModuleGraph.prototype.load = original;
  }
  return seen.size;
}

async function main() {
  if (!existsSync(CLI)) {
    console.log(`extract bench: ${CLI} is missing; build first (pnpm run setup, or npx tsc -b packages/cli)`);
    return;
  }
  if (!existsSync(TSC)) {
    console.log(`extract bench: ${TSC} is missing; run pnpm install first`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), "lgc-bench-extract-"));
  const project = join(work, "app");
  const out = join(work, "snapshot.json");
  cpuFile = join(work, "cpu.txt");
  try {
    const t0 = Date.now();
    const { files, interrupts, reach } = generate(project);
    console.log(
      `extract bench: generated ${files} .ts files (${GRAPHS} graphs + ${GRAPHS} node modules, ${TYPES} types, ${UTILS} utils, ` +
        `${SERVICES} services; ${interrupts} interrupt() sites) in ${Date.now() - t0} ms at ${project}`,
    );

    // One untimed run of ours: warms the file cache and checks that it works at all.
    const warm = timeCommand([CLI, "snapshot", "--project", project, "--out", out]);
    if (warm.status !== 0) {
      console.log(`extract bench: snapshot FAILED (exit ${warm.status}); no figure\n    ${firstLines(warm.stderr || warm.stdout)}`);
      return;
    }
    const summary = warm.stdout.trim().split("\n").filter((l) => !l.startsWith("wrote "));
    const unresolved = summary.reduce((n, l) => n + Number(/(\d+) unresolved/.exec(l)?.[1] ?? 0), 0);
    console.log(`extract bench: snapshot found ${summary.length} graphs, ${unresolved} unresolved elements; first: ${summary[0] ?? "-"}`);

    const tscTimes = [];
    const oursTimes = [];
    const tscCpu = [];
    const oursCpu = [];
    let tscFailure;
    for (let run = 0; run < RUNS; run++) {
      const tsc = timeCommand([TSC, "--noEmit", "-p", project]);
      if (tsc.status !== 0) tscFailure = tsc;
      tscTimes.push(tsc.ms);
      tscCpu.push(tsc.cpuMs);
      const ours = timeCommand([CLI, "snapshot", "--project", project, "--out", out]);
      if (ours.status !== 0) {
        console.log(`extract bench: snapshot FAILED on run ${run + 1} (exit ${ours.status})\n    ${firstLines(ours.stderr)}`);
        return;
      }
      oursTimes.push(ours.ms);
      oursCpu.push(ours.cpuMs);
      console.log(
        `  run ${run + 1}/${RUNS}: tsc --noEmit ${fmt(tsc.ms)} (cpu ${fmt(tsc.cpuMs)}), snapshot ${fmt(ours.ms)} (cpu ${fmt(ours.cpuMs)})`,
      );
    }
    if (tscFailure) {
      console.log(`extract bench: WARNING tsc reported errors (exit ${tscFailure.status}); its time still counts\n    ${firstLines(tscFailure.stdout)}`);
    }

    let parsed = "n/a";
    try {
      parsed = String(await countParsedFiles(project));
    } catch (error) {
      parsed = `n/a (${error instanceof Error ? error.message.split("\n")[0] : error})`;
    }

    const tscMedian = median(tscTimes);
    const oursMedian = median(oursTimes);
    const ratio = oursMedian / tscMedian;
    console.log(
      `extract bench: files parsed by the extractor: ${parsed} of ${files} ` +
        `(reachable from the graph files by imports: ${reach.all}; by value imports: ${reach.value})`,
    );
    console.log(`extract bench: tsc --noEmit (baseline), median of ${RUNS}: ${fmt(tscMedian)}`);
    console.log(`extract bench: langgraph-compat snapshot, median of ${RUNS}: ${fmt(oursMedian)}`);
    console.log(
      `extract bench: ratio snapshot/tsc = ${ratio.toFixed(3)} (target <= ${TARGET}: ${ratio <= TARGET ? "met" : "NOT met"})`,
    );
    const cpuRatio = median(oursCpu) / median(tscCpu);
    if (Number.isFinite(cpuRatio)) {
      console.log(
        `extract bench: cpu time, median of ${RUNS}: tsc ${fmt(median(tscCpu))}, snapshot ${fmt(median(oursCpu))}, ` +
          `ratio ${cpuRatio.toFixed(3)} (less sensitive to other load on the machine)`,
      );
    }
  } finally {
    if (flags.keep) console.log(`extract bench: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
