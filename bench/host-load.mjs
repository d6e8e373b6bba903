#!/usr/bin/env node
// Benchmark (issue 14): what GraphHost costs per request on the real @langchain/langgraph, and what a deploy does to
// requests in flight. A small graph (START → ask, which interrupts → finish → END) runs on the real PostgresSaver in a
// server process on loopback (bench/host-load-server.mjs), two ways: /direct/:id calls graph.invoke on the saver, and
// /host/:id calls GraphHost.invoke with a PostgresPinStore on the same fresh database (created here, dropped after).
// This process generates bounded load: CONCURRENCY workers run create+resume pairs on distinct threads (start →
// paused, resume → finished), direct and host alternately in ROUNDS rounds of the same run, and prints throughput,
// p50/p99 latency per request, CPU time per request (the server's, and Postgres's from /proc), SQL statements per
// request and which ones the host adds, and the host's overhead ratio (target ≤ 10%). Then, while host load runs, it
// deploys v2 (a safe change: finish writes another value), then v3 (a breaking one: the interrupting node renamed,
// so every thread behind it is decided on its own and those paused in that node stay), and prints for each the
// requests failed (should be 0), the worst latency in the deploy window, and where the threads ended. Never asserts.
//
//   npx tsc -b packages/cli          # the server loads packages/host/dist and packages/extract/dist
//   node bench/host-load.mjs [--pairs 400] [--concurrency 16] [--rounds 4] [--deploy-pairs 600] [--pool N]
//                            [--server 127.0.0.1:5432] [--profile DIR]
//
// The pin store commits pins with the checkpoints (pinsCommitWithCheckpoints: same server); LGC_BENCH_SYNC_PINS=1
// makes every pin commit wait for the disk instead.
// --profile writes the server's CPU profile (a .cpuprofile for Chrome's DevTools) into DIR when it exits.
// --pool sets the pin store's pool size (each of its two pools; default the store's own, 10). Postgres: user postgres,
// trust auth, on --server.

import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: flags } = parseArgs({
  options: { pairs: { type: "string", default: "400" }, concurrency: { type: "string", default: "16" }, rounds: { type: "string", default: "4" }, "deploy-pairs": { type: "string", default: "600" }, pool: { type: "string" }, profile: { type: "string" }, server: { type: "string", default: "127.0.0.1:5432" } },
});
const [PAIRS, CONCURRENCY, ROUNDS, DEPLOY_PAIRS] = [flags.pairs, flags.concurrency, flags.rounds, flags["deploy-pairs"]].map(Number);
const fromHost = createRequire(join(ROOT, "packages/host/package.json"));
const pg = fromHost("pg");
const DB = `lgc_bench_host_${randomBytes(5).toString("hex")}`;
const dbUrl = (db) => `postgres://postgres@${flags.server}/${db}`;

async function sql(db, statement) {
  const client = new pg.Client({ connectionString: dbUrl(db) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** One version's source, run as .mjs and extracted as .ts: the same text. `ask` names the node that interrupts. */
const graphSource = (label, ask = "ask") => `import { Annotation, StateGraph, START, END, interrupt } from "@langchain/langgraph";
const State = Annotation.Root({ topic: Annotation(), answer: Annotation(), done: Annotation() });
const builder = new StateGraph(State)
  .addNode(${JSON.stringify(ask)}, () => ({ answer: interrupt("answer?") }))
  .addNode("finish", () => ({ done: ${JSON.stringify(label)} }))
  .addEdge(START, ${JSON.stringify(ask)})
  .addEdge(${JSON.stringify(ask)}, "finish")
  .addEdge("finish", END);
export const graph = builder.compile();
export const make = (checkpointer) => builder.compile({ checkpointer });
`;

/** A scratch folder: v1, v2 (a safe change: finish writes another value) and v3 (a breaking one: ask renamed) with their snapshots, and node_modules linking the real @langchain packages. */
async function versionsFolder() {
  const dir = mkdtempSync(join(tmpdir(), "lgc-host-load-"));
  mkdirSync(join(dir, "node_modules", "@langchain"), { recursive: true });
  for (const name of ["langgraph", "core"]) symlinkSync(realpathSync(join(ROOT, "packages/host/node_modules/@langchain", name)), join(dir, "node_modules/@langchain", name));
  const { extractProject } = await import(pathToFileURL(join(ROOT, "packages/extract/dist/index.js")).href);
  const { serializeSnapshot } = await import(pathToFileURL(join(ROOT, "packages/snapshot/dist/index.js")).href);
  const versions = [["v1"], ["v2"], ["v3", "question"]].map(([label, ask]) => {
    const project = join(dir, label);
    mkdirSync(project);
    writeFileSync(join(project, "langgraph.json"), JSON.stringify({ graphs: { agent: "./graph.ts:graph" } }));
    for (const file of ["graph.ts", "graph.mjs"]) writeFileSync(join(project, file), graphSource(label, ask));
    writeFileSync(join(project, "snapshot.json"), serializeSnapshot(extractProject({ projectDir: project })));
    return { label, module: pathToFileURL(join(project, "graph.mjs")).href, snapshot: join(project, "snapshot.json") };
  });
  writeFileSync(join(dir, "versions.json"), JSON.stringify(versions));
  return dir;
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });
let port;
/** One POST; resolves with the status, the answer, and when it started and ended (ms). */
function post(path, payload = {}) {
  return new Promise((ok) => {
    const start = performance.now();
    const req = request({ host: "127.0.0.1", port, path, method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => ok({ status: res.statusCode, answer: JSON.parse(text || "{}"), start, end: performance.now() }));
    });
    req.on("error", (error) => ok({ status: 0, answer: { error: error.message }, start, end: performance.now() }));
    req.end(JSON.stringify(payload));
  });
}

/** `pairs` create+resume pairs on `mode`, CONCURRENCY at a time; each request recorded, with whether it answered right. */
async function runPairs(mode, prefix, pairs, onPair = () => {}) {
  const records = [];
  let next = 0;
  const worker = async () => {
    while (next < pairs) {
      const id = `${prefix}-${next++}`;
      const started = await post(`/${mode}/${id}`);
      records.push({ ...started, kind: "create", ok: started.status === 200 && started.answer.paused === true });
      const resumed = await post(`/${mode}/${id}`, { resume: "yes" });
      records.push({ ...resumed, kind: "resume", ok: resumed.status === 200 && resumed.answer.paused === false && resumed.answer.done !== null });
      onPair(records.length / 2);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return records;
}

/** CPU time (ms) of every postgres process on this machine so far, from /proc (Linux; 0 elsewhere): the database's share. */
function postgresCpu() {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
const stats = async () => ({ ...(await post("/stats")).answer, postgres: postgresCpu() });
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const ms = (value) => `${value.toFixed(1)} ms`;
function summary(records) {
  const latencies = records.map((r) => r.end - r.start).sort((a, b) => a - b);
  return { n: records.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1), mean: latencies.reduce((a, b) => a + b, 0) / latencies.length };
}

async function measure() {
  for (const mode of ["direct", "host"]) await runPairs(mode, `warm-${mode}`, 48);
  const totals = { direct: { records: [], wall: 0, cpu: 0, db: 0, queries: 0, kinds: {} }, host: { records: [], wall: 0, cpu: 0, db: 0, queries: 0, kinds: {} } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? ["direct", "host"] : ["host", "direct"]) {
      const before = await stats();
      const started = performance.now();
      totals[mode].records.push(...(await runPairs(mode, `${mode}-${round}`, Math.round(PAIRS / ROUNDS))));
      totals[mode].wall += performance.now() - started;
      const after = await stats();
      totals[mode].cpu += (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      totals[mode].queries += after.queries - before.queries;
      totals[mode].db += after.postgres - before.postgres;
      for (const [kind, n] of Object.entries(after.kinds)) totals[mode].kinds[kind] = (totals[mode].kinds[kind] ?? 0) + n - (before.kinds[kind] ?? 0);
    }
  }
  const rows = {};
  for (const [mode, t] of Object.entries(totals)) {
    const s = summary(t.records);
    rows[mode] = { ...s, rps: s.n / (t.wall / 1000), cpu: t.cpu / s.n, db: t.db / s.n, queries: t.queries / s.n, failed: t.records.filter((r) => !r.ok).length };
    console.log(`  ${mode.padEnd(6)}  ${String(s.n).padStart(5)} requests  ${rows[mode].rps.toFixed(0).padStart(5)} req/s  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  mean ${ms(s.mean)}  CPU/request: server ${ms(rows[mode].cpu)}, postgres ${ms(rows[mode].db)}  ${rows[mode].queries.toFixed(1)} SQL statements/request  failed ${rows[mode].failed}`);
  }
  const resumes = Object.fromEntries(Object.entries(totals).map(([mode, t]) => [mode, summary(t.records.filter((r) => r.kind === "resume"))]));
  for (const [mode, r] of Object.entries(resumes)) console.log(`  ${mode.padEnd(6)}  resumes alone: p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  mean ${ms(r.mean)}`);
  const { direct, host } = rows;
  const added = Object.keys({ ...totals.direct.kinds, ...totals.host.kinds })
    .map((kind) => [kind, ((totals.host.kinds[kind] ?? 0) - (totals.direct.kinds[kind] ?? 0)) / direct.n])
    .filter(([, n]) => Math.abs(n) >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  console.log(`  statements the host adds per request: ${added.map(([kind, n]) => `${n.toFixed(2)} × ${kind}…`).join("; ")}`);
  const pct = (ratio) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)}%`;
  console.log(`  host overhead: throughput ${pct(direct.rps / host.rps)} (direct/host), p50 ${pct(host.p50 / direct.p50)}, p99 ${pct(host.p99 / direct.p99)} (resumes alone ${pct(resumes.host.p99 / resumes.direct.p99)}), mean ${pct(host.mean / direct.mean)}; server CPU ${pct(host.cpu / direct.cpu)}, postgres CPU ${pct(host.db / direct.db)}, SQL statements ${pct(host.queries / direct.queries)} (target: ≤ +10%)`);
}

/** Host load with `label` deployed after a quarter of it: the deploy's wall time, failed requests, latency in its window and outside. */
async function deployUnderLoad(label, kind) {
  const threadsBefore = Object.values((await post("/pins")).answer).reduce((a, b) => a + b, 0);
  let deploy;
  const records = await runPairs("host", `deploy-${label}`, DEPLOY_PAIRS, (done) => {
    if (deploy === undefined && done >= DEPLOY_PAIRS / 4) deploy = post(`/deploy/${label}`);
  });
  const answer = await deploy;
  const window = records.filter((r) => r.start < answer.end && r.end > answer.start);
  const outside = records.filter((r) => !(r.start < answer.end && r.end > answer.start));
  const failed = records.filter((r) => !r.ok);
  const [inside, rest] = [summary(window), summary(outside)];
  const finishedBy = {};
  for (const r of records) if (r.answer.done) finishedBy[r.answer.done] = (finishedBy[r.answer.done] ?? 0) + 1;
  console.log(`  deploy of ${label} (${kind}) during host load: ${answer.answer.ok ? "ok" : `FAILED: ${answer.answer.error}`}, ${ms(answer.end - answer.start)} wall (${ms(answer.answer.ms)} in the server), ${answer.answer.pinned} threads pinned, ${threadsBefore} threads in the pin store when the load began`);
  console.log(`  requests: ${records.length}, failed ${failed.length}${failed.length ? ` (first: ${JSON.stringify(failed[0].answer)})` : ""}`);
  console.log(`  in the deploy window: ${inside.n} requests, p50 ${ms(inside.p50)}, p99 ${ms(inside.p99)}, worst ${ms(inside.max)}; outside it: ${rest.n} requests, p50 ${ms(rest.p50)}, p99 ${ms(rest.p99)}, worst ${ms(rest.max)}`);
  console.log(`  resumes finished by: ${JSON.stringify(finishedBy)}; threads per version after: ${JSON.stringify((await post("/pins")).answer)}`);
}

const dir = await versionsFolder();
await sql("postgres", `CREATE DATABASE ${DB}`);
const server = fork(join(ROOT, "bench/host-load-server.mjs"), [dir, dbUrl(DB), flags.pool ?? ""], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${resolve(flags.profile)}`] : [] });
try {
  port = await new Promise((ok, fail) => {
    server.once("message", (m) => ok(m.port));
    server.once("exit", (code) => fail(new Error(`the server exited (${code}) before listening`)));
  });
  console.log(`host-load: ${cpus().length} CPUs, Node ${process.version}, Postgres on ${flags.server}, concurrency ${CONCURRENCY}, pin pool ${flags.pool ?? "default"}`);
  console.log(`direct vs host, ${PAIRS} create+resume pairs each (${2 * PAIRS} requests), in ${ROUNDS} alternating rounds:`);
  await measure();
  for (const [label, kind] of [["v2", "safe"], ["v3", "breaking: ask renamed, threads paused in it stay"]]) {
    console.log(`deploy during load, ${DEPLOY_PAIRS} pairs through the host, ${label} deployed after a quarter of them:`);
    await deployUnderLoad(label, kind);
  }
} finally {
  agent.destroy();
  const exited = new Promise((ok) => server.once("exit", ok));
  if (server.connected) server.disconnect();
  await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
  await sql("postgres", `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
}
