// The Postgres store of bench/threads.mjs: a fresh database on the machine's server (127.0.0.1:5432, or
// LGC_BENCH_PG), the real PostgresSaver's tables and template threads, then the rows copied in SQL with
// generate_series. The database is left for inspection and named in the output; drop it when done.
import { createRequire } from "node:module";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { Client } = createRequire(join(ROOT, "packages/threads/package.json"))("pg");

export async function postgresStore({ THREADS, PER, templateThreads, load, padId }) {
  const base = process.env.LGC_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";
  const name = `lgc_bench_${Date.now()}`;
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `${base}/${name}`;
  const { PostgresSaver } = await load("@langchain/langgraph-checkpoint-postgres");
  const saver = PostgresSaver.fromConnString(url);
  await saver.setup();
  await templateThreads(saver);
  await saver.end();
  const db = new Client({ connectionString: url });
  await db.connect();
  const kinds = ["paused", "finished", "escalated"];
  const series = `generate_series(0, ${THREADS - 1}) AS i`;
  const kindOf = `(ARRAY['${kinds.join("','")}'])[i % ${kinds.length} + 1]`;
  const thread = `'thread-' || lpad(i::text, 7, '0')`;
  await db.query(`INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
    SELECT ${thread}, c.checkpoint_ns, c.checkpoint_id, c.parent_checkpoint_id, c.type, c.checkpoint, c.metadata
    FROM ${series} JOIN checkpoints c ON c.thread_id = ${kindOf}`);
  // Older checkpoints up to PER per thread (copies of the thread's first one, with ids that sort first).
  await db.query(`INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
    SELECT ${thread}, c.checkpoint_ns, '${padId(0).slice(0, 24)}' || lpad(p::text, 12, '0'), NULL, c.type, c.checkpoint, c.metadata
    FROM ${series}
    JOIN LATERAL (SELECT * FROM checkpoints WHERE thread_id = ${kindOf} ORDER BY checkpoint_id LIMIT 1) c ON true
    JOIN LATERAL generate_series((SELECT count(*) FROM checkpoints WHERE thread_id = ${kindOf})::int, ${PER - 1}) AS p ON true`);
  await db.query(`INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
    SELECT ${thread}, b.checkpoint_ns, b.channel, b.version, b.type, b.blob FROM ${series} JOIN checkpoint_blobs b ON b.thread_id = ${kindOf}`);
  await db.query(`INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob)
    SELECT ${thread}, w.checkpoint_ns, w.checkpoint_id, w.task_id, w.idx, w.channel, w.type, w.blob FROM ${series} JOIN checkpoint_writes w ON w.thread_id = ${kindOf}`);
  await db.query(`DELETE FROM checkpoints WHERE thread_id = ANY($1)`, [kinds]);
  await db.query(`DELETE FROM checkpoint_blobs WHERE thread_id = ANY($1)`, [kinds]);
  await db.query(`DELETE FROM checkpoint_writes WHERE thread_id = ANY($1)`, [kinds]);
  await db.query("ANALYZE");
  const count = (await db.query("SELECT count(*)::int AS n FROM checkpoints")).rows[0].n;
  await db.end();
  console.log(`  (database ${name}; drop it with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE ${name}')`);
  const floor = `const { Client } = require(${JSON.stringify(createRequire(join(ROOT, "packages/threads/package.json")).resolve("pg"))}); (async () => { const c = new Client({ connectionString: ${JSON.stringify(url)} }); await c.connect(); await c.query("BEGIN READ ONLY"); await c.query("DECLARE f NO SCROLL CURSOR FOR SELECT thread_id, checkpoint_ns, checkpoint_id, checkpoint, metadata FROM checkpoints"); let n = 0; for (;;) { const r = await c.query("FETCH 1000 FROM f"); n += r.rows.length; if (r.rows.length < 1000) break; } await c.query("COMMIT"); await c.end(); console.log(n); })();`;
  return { url, checkpoints: count, floor: ["-e", floor] };
}
