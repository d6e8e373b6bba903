// The server half of bench/host-load.mjs (run that file, not this one): one process on loopback serving the same
// small graph two ways over the real PostgresSaver, /direct/:id (graph.invoke, no host) and /host/:id (GraphHost on a
// PostgresPinStore), plus /deploy/:label, /pins (threads per version) and /stats (this process's CPU time and the SQL
// statements it has sent, which the load process reads between phases to attribute the host's overhead). Forked with DIR, the database URL and the
// pin pool size; it says { port } over IPC once listening.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [dir, url, poolArg] = process.argv.slice(2);
const fromHost = createRequire(join(ROOT, "packages/host/package.json"));
const load = async (name) => import(pathToFileURL(fromHost.resolve(name)).href);
const { Command } = await load("@langchain/langgraph");
const { PostgresSaver } = await load("@langchain/langgraph-checkpoint-postgres");
const { GraphHost, PostgresPinStore } = await import(pathToFileURL(join(ROOT, "packages/host/dist/index.js")).href);

// Every statement the saver and the pin store send, through whichever pg module instance each resolves (one or two).
let queries = 0;
const kinds = {};
const saverPg = createRequire(fromHost.resolve("@langchain/langgraph-checkpoint-postgres"))("pg");
for (const pg of new Set([saverPg, fromHost("pg")])) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    queries++;
    const text = String(typeof args[0] === "string" ? args[0] : args[0]?.text).replace(/\s+/g, " ").replace(/"[^"]*"\./g, "");
    const kind = text.slice(0, 40);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    return query.apply(this, args);
  };
}

const saver = PostgresSaver.fromConnString(url);
await saver.setup();
const pins = new PostgresPinStore({ connectionString: url, schema: "lgc_host", poolSize: poolArg ? Number(poolArg) : undefined, pinsCommitWithCheckpoints: process.env.LGC_BENCH_SYNC_PINS !== "1" });
await pins.migrate();
const versions = JSON.parse(readFileSync(join(dir, "versions.json"), "utf8"));
const version = async (label) => {
  const v = versions.find((x) => x.label === label);
  const mod = await import(v.module);
  return { id: v.label, label: v.label, graphId: "agent", snapshot: JSON.parse(readFileSync(v.snapshot, "utf8")), build: (cp) => mod.make(cp) };
};
const host = new GraphHost({ checkpointer: saver, pins, graphId: "agent", name: "bench" });
const first = await host.deploy(await version("v1"));
if (!first.ok) throw new Error(first.error);
const direct = await (await version("v1")).build(saver);

/** What a run answered: paused (an interrupt pending) or finished (and by which version). */
const outcome = (values) => ({ paused: Array.isArray(values?.__interrupt__), done: values?.done ?? null });
const body = (req) => new Promise((ok, fail) => { let text = ""; req.on("data", (c) => (text += c)); req.on("end", () => ok(text ? JSON.parse(text) : {})); req.on("error", fail); }); // prettier-ignore

const routes = {
  direct: async (id, { resume }) => {
    return outcome(await direct.invoke(resume === undefined ? { topic: id } : new Command({ resume }), { configurable: { thread_id: id } }));
  },
  host: async (id, { resume }) => {
    return outcome(await host.invoke(id, resume === undefined ? { topic: id } : new Command({ resume })));
  },
  deploy: async (label) => {
    const started = performance.now();
    const result = await host.deploy(await version(label));
    return { ok: result.ok, error: result.error, pinned: result.pinned?.length, ms: performance.now() - started };
  },
  stats: async () => ({ cpu: process.cpuUsage(), queries, kinds: { ...kinds } }),
  pins: async () => {
    const counts = {};
    for (const pin of await pins.pins("agent")) counts[pin.version] = (counts[pin.version] ?? 0) + 1;
    return counts;
  },
};

const server = createServer(async (req, res) => {
  const [, route, id] = req.url.split("/");
  try {
    if (!routes[route]) throw new Error(`no route ${req.url}`);
    const answer = await routes[route](decodeURIComponent(id ?? ""), await body(req));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  } catch (error) {
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error?.message ?? error) }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("disconnect", async () => {
  server.close();
  await Promise.allSettled([pins.close(), saver.end?.()]);
  process.exit(0);
});
