#!/usr/bin/env node
// Benchmark (issue 13): `check --threads` over a large thread store, against the floor of a bare scan of the
// same rows in the same run. Threads are real: three threads of the example's v1 (paused in `review`, finished,
// escalated) are run on the real @langchain/langgraph with the real saver, and their rows are copied under new
// thread ids, each padded with older checkpoints, to THREADS threads and THREADS * PER checkpoints.
// Prints wall time, threads/s, peak memory (RSS) and the ratio to the bare scan. Never asserts.
//
//   node bench/threads.mjs [--store sqlite|postgres] [--threads 100000] [--per 10]

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages/cli/dist/bin.js");
const { values: flags } = parseArgs({ options: { store: { type: "string", default: "sqlite" }, threads: { type: "string", default: "100000" }, per: { type: "string", default: "10" } } });
const THREADS = Number(flags.threads);
const PER = Number(flags.per);
const fromThreads = createRequire(join(ROOT, "packages/threads/package.json"));
const load = async (name) => import(pathToFileURL(fromThreads.resolve(name)).href);

/** The example's v1 on the real runtime (the shape of packages/threads/test/support-desk-real.ts, in plain JS). */
async function templateThreads(saver) {
  const { Annotation, Command, END, MessagesAnnotation, START, Send, StateGraph, interrupt } = await load("@langchain/langgraph");
  const State = Annotation.Root({
    ...MessagesAnnotation.spec,
    ticketId: Annotation(),
    category: Annotation(),
    findings: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }),
    draft: Annotation(),
    approved: Annotation(),
  });
  const b = new StateGraph(State)
    .addNode("classify", async (s) => ({ category: String(s.messages.at(-1)?.content ?? "").includes("refund") ? "billing" : "other" }))
    .addNode("research", async (s) => new Command({ goto: ["faq", "tickets"].map((source) => new Send("lookup", { ticketId: s.ticketId, source })) }), { ends: ["lookup"] })
    .addNode("lookup", async (s) => ({ findings: [`${s.source}: notes for ${s.ticketId}`] }))
    .addNode("write_draft", async (s) => ({ draft: `Re ${s.ticketId}: ${s.findings.join("; ")}` }))
    .addNode("review", async (s) => ({ approved: interrupt({ question: "Approve this reply?", draft: s.draft }).approved }))
    .addNode("send_reply", async (s) => ({ messages: [{ role: "assistant", content: s.draft ?? "" }] }))
    .addNode("escalate", async (s) => ({ messages: [{ role: "assistant", content: `Ticket ${s.ticketId} escalated` }] }))
    .addEdge(START, "classify")
    .addConditionalEdges("classify", (s) => (s.category === "other" ? "human" : "auto"), { auto: "research", human: "escalate" });
  b.addEdge("lookup", "write_draft");
  b.addEdge("write_draft", "review");
  b.addConditionalEdges("review", (s) => (s.approved ? "send_reply" : "write_draft"));
  b.addEdge("send_reply", END);
  b.addEdge("escalate", END);
  const g = b.compile({ checkpointer: saver, interruptAfter: ["escalate"] });
  const ticket = (id, text) => ({ ticketId: id, messages: [{ role: "user", content: text }] });
  await g.invoke(ticket("a", "refund please"), { configurable: { thread_id: "paused" } });
  await g.invoke(ticket("b", "refund please"), { configurable: { thread_id: "finished" } });
  await g.invoke(new Command({ resume: { approved: true } }), { configurable: { thread_id: "finished" } });
  await g.invoke(ticket("c", "hello"), { configurable: { thread_id: "escalated" } });
}

/** An older checkpoint id for padding: sorts before every real one (UUIDv6 ids start with the time). */
const padId = (i) => `00000000-0000-6000-8000-${String(i).padStart(12, "0")}`;

async function sqliteStore(dir) {
  const Database = fromThreads("better-sqlite3");
  const { SqliteSaver } = await load("@langchain/langgraph-checkpoint-sqlite");
  const templatePath = join(dir, "template.db");
  await templateThreads(SqliteSaver.fromConnString(templatePath));
  const template = new Database(templatePath, { readonly: true });
  const kinds = ["paused", "finished", "escalated"].map((id) => ({
    checkpoints: template.prepare("SELECT * FROM checkpoints WHERE thread_id = ? ORDER BY checkpoint_id").all(id),
    writes: template.prepare("SELECT * FROM writes WHERE thread_id = ?").all(id),
  }));
  const path = join(dir, "big.db");
  await SqliteSaver.fromConnString(path).getTuple({ configurable: { thread_id: "setup" } }); // the saver's own tables
  const db = new Database(path);
  const putC = db.prepare("INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const putW = db.prepare("INSERT INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < THREADS; i++) {
      const { checkpoints, writes } = kinds[i % kinds.length];
      const id = `thread-${String(i).padStart(7, "0")}`;
      for (let p = checkpoints.length; p < PER; p++) {
        const c = checkpoints[0];
        putC.run(id, c.checkpoint_ns, padId(p), null, c.type, c.checkpoint, c.metadata);
      }
      for (const c of checkpoints) putC.run(id, c.checkpoint_ns, c.checkpoint_id, c.parent_checkpoint_id, c.type, c.checkpoint, c.metadata);
      for (const w of writes) putW.run(id, w.checkpoint_ns, w.checkpoint_id, w.task_id, w.idx, w.channel, w.type, w.value);
    }
  })();
  const count = db.prepare("SELECT COUNT(*) AS n FROM checkpoints").get().n;
  db.close();
  const floor = `const D = require(${JSON.stringify(fromThreads.resolve("better-sqlite3"))}); const db = new D(${JSON.stringify(path)}, { readonly: true }); let n = 0; for (const r of db.prepare("SELECT thread_id, checkpoint_ns, checkpoint_id, type, checkpoint, metadata FROM checkpoints").iterate()) n += r.checkpoint.length; console.log(n);`;
  return { url: `sqlite:${path}`, checkpoints: count, floor: ["-e", floor] };
}

/** Wall seconds and peak RSS (MB) of a node process, through /usr/bin/time. */
function measure(args) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const [seconds, kb] = r.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (r.status !== 0 && r.status !== 1) throw new Error(`failed (${r.status}): ${r.stderr.split("\n")[0]}`);
  return { seconds, mb: kb / 1024, stdout: r.stdout };
}

if (!existsSync(CLI)) {
  console.log("threads bench: build first (pnpm run setup)");
} else {
  const dir = mkdtempSync(join(tmpdir(), "lgc-threads-bench-"));
  const project = join(dir, "project");
  cpSync(join(ROOT, "examples/support-desk/v1"), project, { recursive: true });
  spawnSync(process.execPath, [CLI, "snapshot", "--project", project]);
  cpSync(join(ROOT, "examples/support-desk/v2/src"), join(project, "src"), { recursive: true });
  const t0 = Date.now();
  const store = flags.store === "postgres" ? await (await import("./threads-postgres.mjs")).postgresStore({ THREADS, PER, templateThreads, load, padId }) : await sqliteStore(dir);
  console.log(`threads bench (${flags.store}): ${THREADS} threads, ${store.checkpoints} checkpoints, generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const floor = measure(store.floor);
  const check = measure([CLI, "check", "--project", project, "--threads", store.url, "--threads-graph", "support desk", "--format", "json"]);
  const renamed = JSON.parse(check.stdout).findings.find((f) => f.ruleId === "node-renamed");
  console.log(`  bare scan of the rows     ${floor.seconds.toFixed(2)} s  ${floor.mb.toFixed(0)} MB`);
  console.log(`  check --threads           ${check.seconds.toFixed(2)} s  ${check.mb.toFixed(0)} MB  ${(THREADS / check.seconds).toFixed(0)} threads/s  ${(check.seconds / floor.seconds).toFixed(2)}x the bare scan`);
  console.log(`  node-renamed endangers ${renamed.threads.endangered} of ${renamed.threads.scanned} threads (expected ${Math.ceil(THREADS / 3)})`);
  console.log("  targets: <= 30 s, <= 300 MB");
  writeFileSync(join(dir, "done"), "");
}
