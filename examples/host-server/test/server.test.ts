/**
 * The example server end to end: the real Fastify app, listening on a free loopback port, over real HTTP, on the
 * real @langchain/langgraph with PostgresSaver and PostgresPinStore in a fresh database (migrated first, dropped
 * after). It walks the README: threads on v1, a deploy of v2 (which renames `review`), pinned and moved threads,
 * a pinned thread finishing on v1, rollback, canary, promote, the audit log, a second server on the same
 * database, and bad requests. Skipped with the reason when there is no Postgres, unless LGC_REQUIRE_POSTGRES=1.
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { sourceHash, versionId } from "@langgraph-compat/host";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dropDatabase, postgresForTests } from "../../../packages/threads/test/postgres-server.js";
import { buildApp } from "../src/app.js";
import { migrate, openDesk, type Desk } from "../src/desk.js";

const { server, suite, address: SERVER, sql } = await postgresForTests("server.test.ts");
const DB = `lgc_host_server_${randomBytes(6).toString("hex")}`;
const url = (db = DB) => `postgres://postgres@${SERVER}/${db}`;

const idOf = (label: string) => {
  const folder = fileURLToPath(new URL(`../${label}`, import.meta.url));
  return versionId(label, sourceHash([folder], folder));
};
const V1 = idOf("v1");
const V2 = idOf("v2");
const SIGNATURE = "\n-- The support team"; // v2's send_reply signs the reply; v1's does not

interface Answer {
  status: number;
  type: string;
  body: any;
}

/** One server on the database, as one process of a deployment would run it. */
async function start(name: string): Promise<{ desk: Desk; app: FastifyInstance; call(method: string, path: string, body?: unknown): Promise<Answer> }> {
  const desk = await openDesk(url(), { name });
  const app = buildApp(desk);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const init: RequestInit = { method };
    if (body !== undefined) init.headers = { "content-type": "application/json" };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    const response = await fetch(`${address}${path}`, init);
    return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.json() };
  };
  return { desk, app, call };
}

suite("examples/host-server over HTTP on Postgres", () => {
  const started: Array<Awaited<ReturnType<typeof start>>> = [];
  let call: (method: string, path: string, body?: unknown) => Promise<Answer>;

  const ok = async (method: string, path: string, body?: unknown, status = 200): Promise<any> => {
    const answer = await call(method, path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    return answer.body;
  };
  const threads = async (): Promise<Record<string, any>> => Object.fromEntries((await ok("GET", "/threads")).threads.map((t: { thread_id: string }) => [t.thread_id, t]));
  const ticket = async (id: string, message: string) => {
    await ok("POST", "/threads", { thread_id: id }, 201);
    return ok("POST", `/threads/${id}/runs`, { input: { message } });
  };

  beforeAll(async () => {
    await sql("postgres", `CREATE DATABASE ${DB}`);
    await migrate(url());
    started.push(await start("first"));
    call = started[0]!.call;
  });
  afterAll(async () => {
    for (const { app, desk } of started) await app.close().finally(() => desk.close());
    await dropDatabase(SERVER, DB).catch(() => {});
    if (!("skip" in server)) server.stop();
  });

  it("starts on v1, whose id is the label and the hash of its folder", async () => {
    expect(await ok("GET", "/versions")).toEqual({ active: V1, canary: null, versions: [V1] });
  });

  it("pins on v1 exactly the threads paused in the node v2 renames; the others move, new ones start on v2", async () => {
    const paused = await ticket("ann", "I want a refund for order #1042");
    expect(paused.version).toBe(V1);
    expect(paused.__interrupt__[0].value).toEqual({ question: "Send this reply?", draft: "About your refund for order #1042: we are on it." });
    await ticket("amy", "Refund for #5 please");
    const asked = await ticket("bob", "Where is my parcel?");
    expect(asked.__interrupt__[0].value).toEqual({ question: "What is your order number?" });
    await ticket("cat", "Refund for #77 please");
    const done = await ok("POST", "/threads/cat/runs", { resume: { approved: true } });
    expect(done.values.reply).toBe("About your refund for order #77: we are on it.");
    expect(done.__interrupt__).toBeUndefined();

    const before = await threads();
    expect([before.ann.paused_at, before.amy.paused_at, before.bob.paused_at, before.cat.status]).toEqual([["review"], ["review"], ["ask_order"], "finished"]);

    const deployed = await ok("POST", "/deploy", { version: "v2" });
    expect(deployed.version).toBe(V2);
    expect(deployed.pinned).toEqual(
      ["amy", "ann"].map((id) => ({ thread_id: id, version: V1, status: "paused", paused_at: ["review"], pin_reason: ["node-renamed"] })),
    );

    const after = await threads();
    expect(Object.fromEntries(Object.values(after).map((t: any) => [t.thread_id, [t.version, t.pin_reason]]))).toEqual({
      amy: [V1, ["node-renamed"]],
      ann: [V1, ["node-renamed"]],
      bob: [V2, []],
      cat: [V2, []],
    });

    expect(await ok("POST", "/threads", { thread_id: "dan" }, 201)).toMatchObject({ thread_id: "dan", version: V2, status: "new" });
    await ok("POST", "/threads/dan/runs", { input: { message: "Refund for #9" } });
    expect((await threads()).dan).toMatchObject({ version: V2, status: "paused", paused_at: ["human_review"] });
  });

  it("resumes a pinned thread on v1, where its node still exists, then moves it to v2", async () => {
    const resumed = await ok("POST", "/threads/ann/runs", { resume: { approved: true } });
    expect(resumed.values.reply).toBe("About your refund for order #1042: we are on it."); // v1's send_reply: no signature
    expect(resumed.version).toBe(V2);
    const state = await ok("GET", "/threads/ann/state");
    expect(state).toMatchObject({ thread_id: "ann", version: V2, next: [], tasks: [] });
    expect((await threads()).ann).toEqual({ thread_id: "ann", version: V2, status: "finished", paused_at: [], pin_reason: [] });

    // bob moved while asked for his order number: he now reaches v2's human_review, and v2 signs the reply.
    const asked = await ok("POST", "/threads/bob/runs", { resume: { orderId: "2001" } });
    expect(asked.version).toBe(V2);
    expect((await ok("GET", "/threads/bob/state")).tasks.map((t: { name: string }) => t.name)).toEqual(["human_review"]);
    const sent = await ok("POST", "/threads/bob/runs", { resume: { approved: true } });
    expect(sent.values.reply).toBe(`About your delivery for order #2001: we are on it.${SIGNATURE}`);
  });

  it("rolls back (threads paused in human_review stay on v2), runs a canary and promotes", async () => {
    expect(await ok("POST", "/rollback")).toEqual({ active: V1, canary: null, versions: [V1, V2] });
    const rolled = await threads();
    expect([rolled.dan.version, rolled.dan.pin_reason]).toEqual([V2, ["node-renamed"]]);
    expect([rolled.amy.version, rolled.cat.version]).toEqual([V1, V1]);
    expect(await ok("POST", "/threads", { thread_id: "eve" }, 201)).toMatchObject({ version: V1 });

    expect((await ok("POST", "/deploy", { version: "v2" })).pinned.map((t: { thread_id: string }) => t.thread_id)).toEqual(["amy"]);
    // A canary of 0: every new thread starts on the base, v1; existing threads stay where they are.
    expect(await ok("POST", "/canary", { fraction: 0 })).toEqual({ active: V2, canary: { version: V2, base: V1, fraction: 0 }, versions: [V1, V2] });
    expect(await ok("POST", "/threads", { thread_id: "fay" }, 201)).toMatchObject({ version: V1 });
    expect(await ok("POST", "/canary", { fraction: 1 })).toMatchObject({ canary: { fraction: 1 } });
    expect(await ok("POST", "/threads", { thread_id: "gus" }, 201)).toMatchObject({ version: V2 });
    expect(await ok("POST", "/promote")).toEqual({ active: V2, canary: null, versions: [V1, V2] });
    expect((await threads()).fay.version).toBe(V2); // no checkpoint yet: nothing can hurt it
    expect((await threads()).amy).toMatchObject({ version: V1, pin_reason: ["node-renamed"] });
  });

  it("keeps every deploy, rollback, canary and promote in the audit log", async () => {
    const { audit } = await ok("GET", "/audit");
    expect(audit.map((e: { action: string; version: string }) => `${e.action} ${e.version}`)).toEqual([
      `deploy ${V1}`,
      `deploy ${V2}`,
      `rollback ${V1}`,
      `deploy ${V2}`,
      `canary ${V2}`,
      `canary ${V2}`,
      `promote ${V2}`,
    ]);
    expect(audit[1]).toMatchObject({ action: "deploy", version: V2, detail: { previous: V1 }, by: "first" });
    expect((await ok("GET", "/audit?limit=1")).audit).toEqual([audit[6]]);
  });

  it("shares threads, pins and versions with a second server on the same database", async () => {
    const second = await start("second");
    started.push(second);
    const seen = Object.fromEntries(((await second.call("GET", "/threads")).body.threads as Array<{ thread_id: string }>).map((t) => [t.thread_id, t]));
    expect(seen).toEqual(await threads());
    const resumed = await second.call("POST", "/threads/amy/runs", { resume: { approved: true } });
    expect(resumed.body.values.reply).toBe("About your refund for order #5: we are on it."); // on v1, pinned there by the first server
    expect((await threads()).amy).toMatchObject({ version: V2, status: "finished", pin_reason: [] });
  });

  it("answers bad requests with a status and one JSON error, never a stack", async () => {
    const cases: Array<[string, string, unknown, number]> = [
      ["POST", "/deploy", { version: "v3" }, 400],
      ["POST", "/deploy", { version: "v2", force: true }, 400],
      ["POST", "/deploy", "{not json", 400],
      ["POST", "/deploy", undefined, 400],
      ["POST", "/threads/ann/runs", {}, 400],
      ["POST", "/threads/ann/runs", { input: { message: "hi" }, resume: { approved: true } }, 400],
      ["POST", "/threads/ann/runs", { input: { text: "hi" } }, 400],
      ["POST", "/threads/ann/runs", { resume: "yes" }, 400],
      ["POST", "/threads", { thread_id: "" }, 400],
      ["POST", "/canary", { fraction: 2 }, 400],
      ["GET", "/audit?limit=abc", undefined, 400],
      ["POST", "/threads/nobody/runs", { input: { message: "hi" } }, 404],
      ["GET", "/threads/nobody/state", undefined, 404],
      ["GET", "/nowhere", undefined, 404],
      ["POST", "/threads", { thread_id: "ann" }, 409],
    ];
    for (const [method, path, body, status] of cases) {
      const answer = await call(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`;
      expect(answer.status, what).toBe(status);
      expect(answer.type, what).toMatch(/^application\/json/);
      expect(Object.keys(answer.body), what).toEqual(["error"]);
      expect(answer.body.error, what).not.toMatch(/\n|\bat .*:\d+:\d+/);
    }
    // The server still serves.
    expect((await ok("GET", "/versions")).active).toBe(V2);
  });
});
