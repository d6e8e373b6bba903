/**
 * The Postgres pin store on a real server: the PinStore contract, then what two stores with pools of their own
 * (two processes, as far as the server can tell) see of each other's locks and updates, a lock whose holder
 * dies, tables created by migrate() alone, and one-line errors without the password. Each run works in a fresh
 * database of its own, on the machine's server (127.0.0.1:5432) or else a throwaway cluster from the local
 * binaries; with neither the suite is skipped with the reason printed, unless LGC_REQUIRE_POSTGRES=1 makes it
 * fail instead.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "@langgraph-compat/snapshot";
import { PostgresPinStore, type PinStore } from "../src/pins/index.js";
import { threadLockKeys } from "../src/pins/postgres.js";
import { dropDatabase, postgresForTests } from "../../threads/test/postgres-server.js";
import { deferred, expectNoOverlap, pinStoreContract, within } from "./pins-contract.js";

const { server, suite, address: SERVER, sql } = await postgresForTests("pins-postgres.test.ts");
const DB = `lgc_pins_${randomBytes(6).toString("hex")}`;
const url = (db = DB) => `postgres://postgres@${SERVER}/${db}`;
const hostDir = fileURLToPath(new URL("..", import.meta.url));

/** The one-line UserError `call` rejects with, checked never to show `password`. */
async function failure(call: () => Promise<unknown>, password = "s3cret"): Promise<{ code: string; message: string }> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUserError(error), String(error)).toBe(true);
  const { code, message } = error as { code: string; message: string };
  expect(message).not.toContain(password);
  expect(message).not.toContain("\n");
  return { code, message };
}

/** Rows of pg_locks for the advisory lock of (graph, thread) in `schema`: who holds it, who waits. */
async function lockHolders(schema: string, graphId: string, threadId: string): Promise<Array<{ pid: number; granted: boolean }>> {
  const [k1, k2] = threadLockKeys(schema, graphId, threadId);
  const rows = await sql(DB, "SELECT pid, granted FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2", [k1 >>> 0, k2 >>> 0]);
  return rows as Array<{ pid: number; granted: boolean }>;
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  await within((async () => { while (!(await condition())) await new Promise((r) => setTimeout(r, 20)); })(), what); // prettier-ignore
}

suite("PostgresPinStore on a real server", () => {
  const stores: PinStore[] = [];
  const open = (schema = "lgc_pins", connection = url()) => {
    const store = new PostgresPinStore({ connectionString: connection, schema });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    await sql("postgres", `CREATE DATABASE ${DB}`);
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close().catch(() => {})));
    await dropDatabase(SERVER, DB).catch(() => {});
    if (!("skip" in server)) server.stop();
  });

  pinStoreContract("PostgresPinStore", async () => new PostgresPinStore({ connectionString: url(), schema: "lgc_contract" }));

  describe("two stores, two pools: as two processes", () => {
    let a: PostgresPinStore;
    let b: PostgresPinStore;
    beforeAll(async () => {
      [a, b] = [open(), open()];
      await Promise.all([a.migrate(), b.migrate()]);
    });

    it("50 threads locked from both stores at once: one holder per thread at a time, several threads at once", async () => {
      const events: Array<{ key: string; kind: "enter" | "exit" }> = [];
      let inside = 0;
      let most = 0;
      const started = performance.now();
      await within(
        Promise.all(
          Array.from({ length: 50 }, (_, t) =>
            [a, b, a, b].map((store) =>
              store.withThreadLock("g", `thread-${t}`, async () => {
                events.push({ key: `thread-${t}`, kind: "enter" });
                most = Math.max(most, ++inside);
                await new Promise((r) => setTimeout(r, Math.random() * 4));
                inside--;
                events.push({ key: `thread-${t}`, kind: "exit" });
              }),
            ),
          ).flat(),
        ),
        "200 locked runs",
        30_000,
      );
      console.log(`pins-postgres: 200 locked runs on 50 threads from 2 stores in ${Math.round(performance.now() - started)} ms, at most ${most} threads at once`);
      expect(events).toHaveLength(400);
      expectNoOverlap(events);
      expect(most).toBeGreaterThan(1);
    });

    it("with every lock connection busy, a holder hands its connection to the next caller, which lets the old lock go first", async () => {
      const small = new PostgresPinStore({ connectionString: url(), schema: "lgc_pins", poolSize: 2 });
      stores.push(small);
      const events: Array<{ key: string; kind: "enter" | "exit" }> = [];
      await within(
        Promise.all(
          Array.from({ length: 120 }, (_, i) =>
            (i % 3 === 0 ? b : small).withThreadLock("g", `handed-${i % 20}`, async () => {
              events.push({ key: `handed-${i % 20}`, kind: "enter" });
              await new Promise((r) => setTimeout(r, Math.random() * 3));
              events.push({ key: `handed-${i % 20}`, kind: "exit" });
            }),
          ),
        ),
        "120 locked runs through a pool of 2",
        30_000,
      );
      expect(events).toHaveLength(240);
      expectNoOverlap(events);
      // Every lock is let go, the last ones by an unlock of their own: none is left held on an idle connection.
      await until(async () => (await sql(DB, "SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND locktype = 'advisory'")).length === 0, "no advisory lock left");
    });

    it("ifThreadFree does not wait for a lock another store holds, and leaves nothing locked", async () => {
      const [inside, release] = [deferred(), deferred()];
      const holder = a.withThreadLock("g", "busy", async () => (inside.resolve(), await release.promise, "a done"));
      await inside.promise;
      expect(await within(b.ifThreadFree("g", "busy", async () => "b ran"), "ifThreadFree while store a holds the thread", 2000)).toEqual({ held: false });
      expect(await lockHolders(a.schema, "g", "busy")).toHaveLength(1);
      release.resolve();
      expect(await holder).toBe("a done");
      await until(async () => (await lockHolders(a.schema, "g", "busy")).length === 0, "a's unlock");
      expect(await b.ifThreadFree("g", "busy", async () => "b ran")).toEqual({ held: true, value: "b ran" });
      await until(async () => (await lockHolders(a.schema, "g", "busy")).length === 0, "b's unlock");
    });

    it("a schema migrated before the lock function says to run migrate again", async () => {
      const old = open("lgc_pins_old");
      await old.migrate();
      await sql(DB, "DROP FUNCTION lgc_pins_old.lgc_host_lock");
      const again = `run langgraph-compat host migrate ${url()}?schema=lgc_pins_old`;
      expect((await failure(() => old.check())).message).toBe(`${url()}?schema=lgc_pins_old: no function "lgc_pins_old".lgc_host_lock; ${again}`);
      expect(await failure(() => old.withThreadLock("g", "t", async () => "never runs"))).toEqual({ code: "pins-not-migrated", message: `${url()}?schema=lgc_pins_old: no function lgc_pins_old.lgc_host_lock; ${again}` });
      await old.migrate();
      expect(await old.withThreadLock("g", "t", async () => "runs")).toBe("runs");
    });

    it("two threads are held at once by the two stores", async () => {
      const [x, y] = [deferred(), deferred()];
      const both = Promise.all([
        a.withThreadLock("g", "x", async () => (x.resolve(), await y.promise, "x")),
        b.withThreadLock("g", "y", async () => (y.resolve(), await x.promise, "y")),
      ]);
      expect(await within(both, "x in store a and y in store b at once")).toEqual(["x", "y"]);
    });

    it("a lock held by a process killed with SIGKILL is released by the server", async () => {
      const [k1, k2] = threadLockKeys(a.schema, "g", "killed");
      const child = spawn(
        process.execPath,
        ["-e", `const c = new (require("pg").Client)(process.argv[1]); c.connect().then(() => c.query("SELECT pg_advisory_lock($1, $2)", [${k1}, ${k2}])).then(() => { console.log("locked"); setInterval(() => {}, 1000); });`, url()],
        { cwd: hostDir, stdio: ["ignore", "pipe", "inherit"] },
      );
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        await within(new Promise((resolve) => child.stdout.on("data", (data) => String(data).includes("locked") && resolve(undefined))), "the child to lock");
        let entered = false;
        const run = a.withThreadLock("g", "killed", async () => (entered = true));
        await until(async () => (await lockHolders(a.schema, "g", "killed")).some((row) => !row.granted), "store a to wait for the lock");
        expect(entered).toBe(false);
        child.kill("SIGKILL");
        await exited;
        await within(run, "the lock after its holder was killed");
        expect(entered).toBe(true);
        expect(await lockHolders(a.schema, "g", "killed")).toEqual([]);
      } finally {
        child.kill("SIGKILL");
      }
    });

    it("a lock whose connection is terminated while fn runs is released; that connection is dropped, the store goes on", async () => {
      const hold = deferred();
      const inside = deferred();
      const first = a.withThreadLock("g", "terminated", async () => (inside.resolve(), await hold.promise, "a finished"));
      await inside.promise;
      const [holder] = await lockHolders(a.schema, "g", "terminated");
      await sql(DB, "SELECT pg_terminate_backend($1)", [holder!.pid]);
      expect(await within(b.withThreadLock("g", "terminated", async () => "b got it"), "store b after a's connection was terminated")).toBe("b got it");
      hold.resolve();
      expect(await first).toBe("a finished");
      expect(await within(a.withThreadLock("g", "terminated", async () => "a again"), "store a again")).toBe("a again");
      expect(await lockHolders(a.schema, "g", "terminated")).toEqual([]);
    });

    it("100 updates from both stores at once lose nothing: every head, version (orders 0-99) and audit entry is there", async () => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? a : b).update("counted", async (state) => {
            await new Promise((r) => setImmediate(r));
            const id = `v${i}`;
            return { state: { heads: [...state.heads, id] }, versions: [{ id, deployedAt: new Date().toISOString() }], audit: [{ at: new Date().toISOString(), action: "deploy", version: id }] };
          }),
        ),
      );
      console.log(`pins-postgres: 100 concurrent updates from 2 stores in ${Math.round(performance.now() - started)} ms`);
      const heads = (await a.state("counted")).heads;
      expect(heads).toHaveLength(100);
      expect(new Set(heads).size).toBe(100);
      const versions = await b.versions("counted");
      expect(versions.map((v) => v.order)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(versions.map((v) => v.id)).toEqual(heads);
      expect((await a.audit("counted")).map((e) => e.version)).toEqual(heads);
    });
  });

  describe("only migrate() creates anything", () => {
    const ours = () => sql(DB, "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('public', 'absent', 'twice')");

    it("before migrate: check() and every other method fail in one line saying to run migrate, and create nothing", async () => {
      const store = open("public");
      const absent = open("absent");
      expect(await failure(() => store.check())).toEqual({
        code: "pins-not-migrated",
        message: `${url()}: no table "public".lgc_host_versions; run langgraph-compat host migrate ${url()}`,
      });
      expect((await failure(() => absent.check())).message).toBe(`${url()}?schema=absent: no table "absent".lgc_host_versions; run langgraph-compat host migrate ${url()}?schema=absent`);
      for (const s of [store, absent]) {
        const calls = [
          () => s.state("g"),
          () => s.update("g", (state) => ({ state })),
          () => s.versions("g"),
          () => s.retire("g", ["v1"]),
          () => s.pin("g", "t"),
          () => s.setPin("g", { threadId: "t", version: "v1", reason: [], updatedAt: new Date().toISOString() }),
          () => s.movePins("g", ["v1"], "v2", new Date().toISOString()),
          () => s.pins("g"),
          () => s.audit("g"),
          () => s.thread("g", "t"),
          () => s.withThreadLock("g", "t", async () => "never runs"),
        ];
        for (const call of calls) {
          const { code, message } = await failure(call);
          expect(code).toBe("pins-not-migrated");
          expect(message).toMatch(/^postgres:\/\/.*: (relation ".*lgc_host_\w+" does not exist|no function "?\w+"?\.lgc_host_lock|no schema "absent"); run langgraph-compat host migrate postgres:\/\//);
        }
        // The lock taken before the read failed went with its connection: the thread is free.
        expect(await sql(DB, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).toEqual([]);
      }
      expect(await ours()).toEqual([]);
      expect(await sql(DB, "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'absent'")).toEqual([]);
      await store.migrate();
      await store.check();
      expect((await ours()).map((r) => r.table_name).sort()).toEqual(["lgc_host_audit", "lgc_host_pins", "lgc_host_state", "lgc_host_versions"]);
    });

    it("migrate creates the schema; two stores may migrate at once", async () => {
      const [one, two] = [open("twice"), open("twice")];
      await Promise.all([one.migrate(), two.migrate(), one.migrate()]);
      await two.check();
      const columns = await sql(DB, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'twice' AND data_type IN ('jsonb', 'timestamp with time zone') ORDER BY 1, 2");
      expect(columns.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`)).toEqual([
        "lgc_host_audit.at timestamp with time zone",
        "lgc_host_audit.detail jsonb",
        "lgc_host_pins.reason jsonb",
        "lgc_host_pins.updated_at timestamp with time zone",
        "lgc_host_state.state jsonb",
        "lgc_host_state.updated_at timestamp with time zone",
        "lgc_host_versions.deployed_at timestamp with time zone",
        "lgc_host_versions.retired_at timestamp with time zone",
      ]);
    });
  });

  describe("errors are one line, without the password", () => {
    it("an unreachable server", async () => {
      const store = open("public", "postgres://me:s3cret@127.0.0.1:1/app");
      expect(store.label).toBe("postgres://me:***@127.0.0.1:1/app");
      const { code, message } = await failure(() => store.check());
      expect(code).toBe("pins-unreachable");
      expect(message).toMatch(/^postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/app: cannot connect \(/);
      expect((await failure(() => store.withThreadLock("g", "t", async () => 1))).code).toBe("pins-unreachable");
    });

    it("no such database", async () => {
      const { code, message } = await failure(() => open("public", `postgres://postgres:s3cret@${SERVER}/${DB}_missing`).state("g"));
      expect(code).toBe("pins-unreachable");
      expect(message).toBe(`postgres://postgres:***@${SERVER}/${DB}_missing: no database "${DB}_missing"`);
    });
  });
});
