/**
 * `langgraph-compat host migrate|status` on a fresh Postgres database (dropped after) and on an SQLite temp file:
 * state written through the PinStore API (deploy history, a retired version, pins with reasons, a canary, audit
 * entries), then the exact text and JSON of status, which writes nothing; and the one-line errors (exit 2, the
 * password redacted) of a bad scheme, an unreachable server and a store never migrated. The Postgres part uses the
 * machine's server on 127.0.0.1:5432 or a throwaway cluster, and is skipped with the reason printed when there is
 * none, unless LGC_REQUIRE_POSTGRES=1.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPinStore, type PinStore } from "@langgraph-compat/host";
import { dropDatabase, postgresForTests } from "../../threads/test/postgres-server.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { cli } from "./helpers.js";

const { server, suite: pgSuite, address: SERVER, sql } = await postgresForTests("host-command.test.ts: the Postgres cases");
const DB = `lgc_cli_host_${randomBytes(6).toString("hex")}`;

const [T0, T1, T2, T3] = ["2030-01-01T00:00:00.000Z", "2030-01-02T00:00:00.000Z", "2030-01-03T00:00:00.000Z", "2030-01-04T12:30:00.000Z"];
const TABLES = "lgc_host_state, lgc_host_versions, lgc_host_pins, lgc_host_audit";
/** What `host migrate` says it made in the store at `url`: Postgres also has the lock function. */
const made = (url: string) => (url.startsWith("postgres") ? `tables ${TABLES} and function lgc_host_lock` : `tables ${TABLES}`);

/** Two graphs as hosts would leave them: agent with a retired version, a canary, pinned threads; billing with a version to retire. */
async function seed(store: PinStore): Promise<string> {
  const by = "host-a:1";
  await store.update("agent", () => ({ state: { heads: ["v0"] }, versions: [{ id: "v0", label: "v0", hash: "0a0a", deployedAt: T0 }], audit: [{ at: T0, action: "deploy", version: "v0", detail: { previous: null }, by }] }));
  await store.update("agent", (s) => ({ state: { heads: [...s.heads, "v1@1b1b"] }, versions: [{ id: "v1@1b1b", label: "v1", hash: "1b1b", deployedAt: T1 }], audit: [{ at: T1, action: "deploy", version: "v1@1b1b", detail: { previous: "v0", pinned: 0 }, by }] }));
  await store.update("agent", (s) => ({ state: { heads: [...s.heads, "v2"] }, versions: [{ id: "v2", deployedAt: T2 }], audit: [{ at: T2, action: "deploy", version: "v2", detail: { previous: "v1@1b1b", pinned: 2 }, by: "host-b:2" }] }));
  await store.update("agent", (s) => ({
    state: { heads: [...s.heads.filter((h) => h !== "v0"), "v3@3d3d"], canary: { version: "v3@3d3d", base: "v2", fraction: 0.25 } },
    versions: [{ id: "v3@3d3d", label: "v3", hash: "3d3d", deployedAt: T3 }],
    audit: [{ at: T3, action: "deploy", version: "v3@3d3d", detail: { previous: "v2", canary: 0.25 }, by: "host-b:2" }],
  }));
  await store.retire("agent", ["v0"], "host-b:2");
  const pins: Array<[string, string, string[]]> = [["t-1", "v1@1b1b", ["node-removed", "edge-rerouted"]], ["t-2", "v2", []], ["t-3", "v3@3d3d", []], ["t-4", "v1@1b1b", []], ["t-5", "v2", []]];
  for (const [threadId, version, reason] of pins) await store.setPin("agent", { threadId, version, reason, updatedAt: T3 });
  for (const [i, id] of ["a", "b", "c"].entries()) {
    await store.update("billing", (s) => ({ state: { heads: [...s.heads, id] }, versions: [{ id, deployedAt: [T0, T1, T2][i]! }], audit: i === 0 ? [{ at: T0, action: "deploy", version: "a" }] : [] }));
  }
  await store.setPin("billing", { threadId: "x", version: "c", reason: [], updatedAt: T2 });
  return (await store.versions("agent"))[0]!.retiredAt!;
}

const agentText = (retiredAt: string) => `graph agent: 5 threads, newest v3@3d3d, canary v3@3d3d for 25% of new threads (the rest on v2)
  versions, first deployed first:
    v0            0 threads  label v0, hash 0a0a, deployed ${T0}, retired ${retiredAt}
    v1@1b1b       2 threads  label v1, hash 1b1b, deployed ${T1}
    v2            2 threads  deployed ${T2}  (rollback target, canary base)
    v3@3d3d       1 thread   label v3, hash 3d3d, deployed ${T3}  (newest, canary)
  pinned threads (2):
    t-1  on v1@1b1b, target v2: node-removed, edge-rerouted
    t-4  on v1@1b1b, target v2: not decided yet (its next run or deploy decides)
  can be retired: none
  last 5 audit entries:
    ${T0}  deploy  v0  by host-a:1  {"previous":null}
    ${T1}  deploy  v1@1b1b  by host-a:1  {"pinned":0,"previous":"v0"}
    ${T2}  deploy  v2  by host-b:2  {"pinned":2,"previous":"v1@1b1b"}
    ${T3}  deploy  v3@3d3d  by host-b:2  {"canary":0.25,"previous":"v2"}
    ${retiredAt}  retire  v0  by host-b:2
`;

const billingText = `graph billing: 1 thread, newest c
  versions, first deployed first:
    a       0 threads  deployed ${T0}
    b       0 threads  deployed ${T1}  (rollback target)
    c       1 thread   deployed ${T2}  (newest)
  pinned threads: none
  can be retired: a
  last audit entry:
    ${T0}  deploy  a
`;

const version = (id: string, threads: number, deployedAt: string, marks: string[], more: Record<string, string | null> = {}) => ({ id, label: null, hash: null, deployedAt, retiredAt: null, ...more, threads, marks });
const agentJson = (retiredAt: string) => ({
  graph: "agent",
  newest: "v3@3d3d",
  rollbackTarget: "v2",
  canary: { version: "v3@3d3d", base: "v2", fraction: 0.25 },
  threads: 5,
  versions: [
    version("v0", 0, T0, [], { label: "v0", hash: "0a0a", retiredAt }),
    version("v1@1b1b", 2, T1, [], { label: "v1", hash: "1b1b" }),
    version("v2", 2, T2, ["rollback-target", "canary-base"]),
    version("v3@3d3d", 1, T3, ["newest", "canary"], { label: "v3", hash: "3d3d" }),
  ],
  pinned: [
    { threadId: "t-1", version: "v1@1b1b", target: "v2", reason: ["node-removed", "edge-rerouted"], updatedAt: T3 },
    { threadId: "t-4", version: "v1@1b1b", target: "v2", reason: [], updatedAt: T3 },
  ],
  retirable: [],
  audit: [
    { at: T0, action: "deploy", version: "v0", by: "host-a:1", detail: { previous: null } },
    { at: T1, action: "deploy", version: "v1@1b1b", by: "host-a:1", detail: { pinned: 0, previous: "v0" } },
    { at: T2, action: "deploy", version: "v2", by: "host-b:2", detail: { pinned: 2, previous: "v1@1b1b" } },
    { at: T3, action: "deploy", version: "v3@3d3d", by: "host-b:2", detail: { canary: 0.25, previous: "v2" } },
    { at: retiredAt, action: "retire", version: "v0", by: "host-b:2", detail: null },
  ],
});
const billingJson = {
  graph: "billing",
  newest: "c",
  rollbackTarget: "b",
  canary: null,
  threads: 1,
  versions: [version("a", 0, T0, []), version("b", 0, T1, ["rollback-target"]), version("c", 1, T2, ["newest"])],
  pinned: [],
  retirable: ["a"],
  audit: [{ at: T0, action: "deploy", version: "a", by: null, detail: null }],
};

/** The exact exchange of `host migrate` and `host status` on one store: `url` opens it, `label` is how it is named, `written()` fingerprints its content. */
function storeCases(name: string, store: () => { url: string; label: string; written(): Promise<string> }): void {
  describe(`host migrate, then host status, on ${name}`, () => {
    let retiredAt: string;

    it("migrate creates the tables, once; status on the empty store says so", async () => {
      const { url, label } = store();
      const what = made(url);
      expect(await cli("host", "migrate", url)).toEqual({ code: 0, stdout: `${label}: migrated, ${what} created\n`, stderr: "" });
      expect(await cli("host", "migrate", url, "--graph", "agent")).toEqual({ code: 0, stdout: `${label}: already migrated (${what}); nothing to do; graph agent: nothing deployed yet\n`, stderr: "" });
      expect(await cli("host", "status", url)).toEqual({ code: 0, stdout: `${label}: migrated, no graph deployed yet\n`, stderr: "" });
      const pins = await openPinStore(url);
      try {
        retiredAt = await seed(pins);
      } finally {
        await pins.close();
      }
    });

    it("status: every graph in text, exactly; writes nothing", async () => {
      const { url, label, written } = store();
      const before = await written();
      expect(await cli("host", "status", url)).toEqual({ code: 0, stdout: `2 graphs in ${label}\n\n${agentText(retiredAt)}\n${billingText}`, stderr: "" });
      expect(await written()).toBe(before);
    });

    it("status --format json: stable, every field present (null when absent); --graph picks one graph", async () => {
      const { url, label } = store();
      const all = await cli("host", "status", url, "--format", "json");
      expect(all.code).toBe(0);
      expect(JSON.parse(all.stdout)).toEqual({ store: label, graphs: [agentJson(retiredAt), billingJson] });
      expect(all.stdout).toBe(`${JSON.stringify({ store: label, graphs: [agentJson(retiredAt), billingJson] }, null, 2)}\n`);
      expect(await cli("host", "status", url, "--graph", "billing")).toEqual({ code: 0, stdout: `1 graph in ${label}\n\n${billingText}`, stderr: "" });
      expect(await cli("host", "migrate", url, "--graph", "agent")).toMatchObject({ code: 0, stdout: `${label}: already migrated (${made(url)}); nothing to do; graph agent: newest v3@3d3d, 5 threads\n` });
    });

    it("status --graph of a graph the store does not hold is one line, exit 2", async () => {
      const { url, label } = store();
      expect(await cli("host", "status", url, "--graph", "agnet")).toEqual({ code: 2, stdout: "", stderr: `langgraph-compat: host status: no graph "agnet" in ${label} (graphs: agent, billing)\n` });
    });
  });
}

describe("on SQLite", () => {
  const path = join(tempDir("lgc-cli-host-"), "pins.db");
  const fileState = async () => `${statSync(path).mtimeMs} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
  storeCases("an SQLite file", () => ({ url: `sqlite:${path}`, label: path, written: fileState }));

  it("a file never migrated: status says to run migrate, in one line, exit 2, and creates no file", async () => {
    const missing = join(tempDir("lgc-cli-host-"), "none.db");
    expect(await cli("host", "status", `sqlite:${missing}`)).toEqual({ code: 2, stdout: "", stderr: `langgraph-compat: ${missing}: no such file; run langgraph-compat host migrate sqlite:${missing}\n` });
    expect(existsSync(missing)).toBe(false);
  });

  it("status shows the last 10 audit entries of a graph, oldest first", async () => {
    const url = `sqlite:${join(tempDir("lgc-cli-host-"), "audit.db")}`;
    expect((await cli("host", "migrate", url)).code).toBe(0);
    const store = await openPinStore(url);
    const at = (i: number) => `2030-02-${String(i + 1).padStart(2, "0")}T00:00:00.000Z`;
    await store.update("g", () => ({ state: { heads: ["v1"] }, audit: Array.from({ length: 12 }, (_, i) => ({ at: at(i), action: "move" as const, detail: { n: i } })) }));
    await store.close();
    const { graphs } = JSON.parse((await cli("host", "status", url, "--format", "json")).stdout) as { graphs: Array<{ audit: Array<{ at: string }> }> };
    expect(graphs[0]!.audit.map((a) => a.at)).toEqual(Array.from({ length: 10 }, (_, i) => at(i + 2)));
  });
});

pgSuite("on a fresh Postgres database", () => {
  const url = (db = DB, schema = "hosting") => `postgres://postgres:s3cret@${SERVER}/${db}${schema === "public" ? "" : `?schema=${schema}`}`;
  const label = (schema = "hosting") => url(DB, schema).replace(":s3cret@", ":***@");
  /** Every row of the four tables with its xmin, which any write changes. */
  const tables = async () =>
    JSON.stringify(await Promise.all(["lgc_host_state", "lgc_host_versions", "lgc_host_pins", "lgc_host_audit"].map((t) => sql(DB, `SELECT xmin::text AS x, * FROM hosting.${t} ORDER BY 1, 2, 3`))));

  beforeAll(async () => {
    await sql("postgres", `CREATE DATABASE ${DB}`);
  });
  afterAll(async () => {
    await dropDatabase(SERVER, DB).catch(() => {});
    if (!("skip" in server)) server.stop();
  });

  it("a database never migrated: status names the missing table and says to run migrate, one line, exit 2, password redacted; creates nothing", async () => {
    expect(await cli("host", "status", url(DB, "public"))).toEqual({
      code: 2,
      stdout: "",
      stderr: `langgraph-compat: ${label("public")}: no table "public".lgc_host_versions; run langgraph-compat host migrate ${label("public")}\n`,
    });
    expect(await cli("host", "status", url())).toMatchObject({ code: 2, stderr: `langgraph-compat: ${label()}: no table "hosting".lgc_host_versions; run langgraph-compat host migrate ${label()}\n` });
    expect(await sql(DB, "SELECT nspname FROM pg_namespace WHERE nspname = 'hosting' UNION ALL SELECT relname FROM pg_class WHERE relname LIKE 'lgc_host%'")).toEqual([]);
  });

  storeCases("Postgres (schema hosting, a password in the URL)", () => ({ url: url(), label: label(), written: tables }));
});

describe("bad store URLs: one line, exit 2, the password redacted", () => {
  it.each([
    ["redis://me:s3cret@cache:6379/0", "host status: redis://me:***@cache:6379/0: not a pin store URL; use sqlite:FILE or postgres://user@host:5432/db?schema=S"],
    ["module:./saver.js#saver", "host status: module:./saver.js#saver: not a pin store URL; use sqlite:FILE or postgres://user@host:5432/db?schema=S"],
    ["memory:", "host status: memory:: not a pin store URL; use sqlite:FILE or postgres://user@host:5432/db?schema=S"],
    ["postgres://me:s3cret@127.0.0.1:1/app", "postgres://me:***@127.0.0.1:1/app: cannot connect (connect ECONNREFUSED 127.0.0.1:1)"],
  ])("status %s", async (url, message) => {
    expect(await cli("host", "status", url)).toEqual({ code: 2, stdout: "", stderr: `langgraph-compat: ${message}\n` });
  });

  it("migrate against an unreachable server, usage errors, and the help", async () => {
    expect((await cli("host", "--help")).stdout).toMatch(/^usage: langgraph-compat host migrate <store-url> \[--graph ID\] \| host status <store-url> /);
    expect(await cli("host", "migrate", "postgresql://me:s3cret@127.0.0.1:1/app?schema=x")).toEqual({ code: 2, stdout: "", stderr: "langgraph-compat: postgresql://me:***@127.0.0.1:1/app?schema=x: cannot connect (connect ECONNREFUSED 127.0.0.1:1)\n" });
    expect((await cli("host", "statsu", "sqlite:x.db")).stderr).toBe('langgraph-compat: host: expected a subcommand, migrate or status (got "statsu"; did you mean "status"?)\n');
    expect((await cli("host", "status")).stderr).toBe("langgraph-compat: host status: expected one pin store URL: sqlite:FILE or postgres://user@host:5432/db?schema=S\n");
    expect((await cli("host", "migrate", "sqlite:x.db", "--format", "json")).code).toBe(2);
    expect((await cli("host", "status", "sqlite:x.db", "--format", "yaml")).stderr).toBe('langgraph-compat: --format must be one of text, json (got "yaml")\n');
  });
});
