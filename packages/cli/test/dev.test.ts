/**
 * End to end: `langgraph-compat dev` (the built CLI, as a child process) on a temp copy of
 * examples/support-desk/v1, threads paused over HTTP, the sources changed under it (v2 renames `review`,
 * then a syntax error, then a safe edit), every thread resumed over HTTP, and nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { api, buildCli, startDevProcess, waitFor, type DevProcess } from "./dev-helpers.js";
import { cli } from "./helpers.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/support-desk/", import.meta.url));
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

function copySources(version: string, dir: string): void {
  cpSync(join(EXAMPLE, version, "src"), join(dir, "src"), { recursive: true });
}

const ticket = (id: string, content: string) => ({ input: { ticketId: id, messages: [{ role: "user", content }] } });

let project: string;
let dev: DevProcess | undefined;

beforeAll(() => {
  buildCli();
  project = mkdtempSync(join(tmpdir(), "lgc-dev-"));
  cpSync(join(EXAMPLE, "v1"), project, { recursive: true });
});

afterAll(async () => {
  await dev?.stop();
  rmSync(project, { recursive: true, force: true });
});

describe("langgraph-compat dev", () => {
  it("hot-swaps per thread: paused threads resume on the version the verdict allows, none is lost", async () => {
    dev = await startDevProcess(project);
    const { url } = dev;
    expect(dev.output()).toContain("dev: running your graph code with the langgraph-compat reference runtime");
    const post = (path: string, body?: unknown) => api(url, "POST", path, body);
    const get = (path: string) => api(url, "GET", path);
    const thread = async (id: string) => (await post("/threads", { thread_id: id })).json.thread_id as string;
    // Every thread as the host lists it: version, status, where it is paused and why it is pinned.
    const table = async () =>
      Object.fromEntries(
        (await get("/threads")).json.threads.map((t: any) => [t.thread_id, `${t.version} ${t.status} at [${t.paused_at}] pinned by [${t.pin_reason}]`]),
      );
    const waitVersion = (v: string) => waitFor(`active version ${v}`, async () => (await get("/status")).json.active_version === v, 15_000, dev!.output);

    // 1. Threads on v1: two paused in `review` (interrupt), one paused after `escalate` (interruptAfter), one finished.
    for (const [id, text] of [["A", "I want a refund"], ["B", "error on login"], ["C", "hello"], ["F", "hi there"]]) {
      expect((await thread(id)) as string).toBe(id);
      const run = await post(`/threads/${id}/runs`, ticket(`T-${id}`, text));
      expect(run.status, JSON.stringify(run.json)).toBe(200);
      expect(run.json.__interrupt__).toBeDefined();
    }
    expect((await get("/threads/A/state")).json.next).toContain("review");
    expect((await post("/threads/F/runs", { input: null })).json.__interrupt__).toBeUndefined();

    // 2. v2: `review` renamed to `human_review`, an `audit` node, a `priority` key.
    copySources("v2", project);
    await waitVersion("v2");
    // Exactly one new version: a reload that saw a half-copied v2 would show up here as a v3.
    expect((await get("/status")).json.versions).toEqual(["v1", "v2"]);
    // A and B are paused in `review`, which v2 renamed; C (paused after its last node) and F are finished,
    // yet still pinned, by the new `priority` key their checkpoints lack.
    expect(await table()).toEqual({
      A: "v1 paused at [review] pinned by [node-renamed,state-key-added]",
      B: "v1 paused at [review] pinned by [node-renamed,state-key-added]",
      C: "v1 finished at [] pinned by [state-key-added]",
      F: "v1 finished at [] pinned by [state-key-added]",
    });
    expect(dev.output()).toContain("node-renamed");
    expect(dev.output()).toMatch(/thread A stays on v1 \(paused at [^)]*review[^)]*\): .*node-renamed/);
    expect(dev.output()).toMatch(/thread B stays on v1/);
    expect(await thread("D")).toBe("D");
    const d = await post("/threads/D/runs", ticket("T-D", "refund for order 7"));
    expect(d.json.version).toBe("v2");
    expect((await get("/threads/D/state")).json.next).toContain("human_review");

    // 3. A syntax error keeps v2 serving.
    const graphFile = join(project, "src/graph.ts");
    const v2Graph = readFileSync(graphFile, "utf8");
    writeFileSync(graphFile, `${v2Graph}\nconst broken = ;\n`);
    await waitFor("the reload failure", () => /reload failed, still serving v2: .*graph\.ts/.test(dev!.output()), 15_000, dev!.output);
    expect((await get("/status")).json.active_version).toBe("v2");

    // 4. v3: a safe edit of the audit node's text.
    writeFileSync(graphFile, v2Graph.replace("audited ${state.ticketId}", "audit v3 ${state.ticketId}"));
    await waitVersion("v3");
    // /status names v3 only once the deploy has settled every thread, so D's move is already decided:
    // v2 -> v3 only changed the audit node's code, which is safe for a thread paused in human_review.
    expect((await get("/status")).json.versions).toEqual(["v1", "v2", "v3"]);
    expect(dev.output()).toMatch(/dev: moved to v3: thread D\n/);
    expect(await table()).toEqual({
      A: "v1 paused at [review] pinned by [node-renamed,state-key-added]",
      B: "v1 paused at [review] pinned by [node-renamed,state-key-added]",
      C: "v1 finished at [] pinned by [state-key-added]",
      D: "v3 paused at [human_review] pinned by []",
      F: "v1 finished at [] pinned by [state-key-added]",
    });

    // 5. Resume every thread until it finishes, on the version the table above gave it; check the result
    // matches that version's code.
    const finish = async (id: string, resume: unknown) => {
      let last: any;
      for (let i = 0; i < 4; i++) {
        const run = await post(`/threads/${id}/runs`, resume);
        expect(run.status, `${id}: ${JSON.stringify(run.json)}`).toBe(200);
        last = run.json;
        if (last.__interrupt__ === undefined) break;
        resume = { resume: { approved: true } };
      }
      const state = (await get(`/threads/${id}/state`)).json;
      expect(state.next, id).toEqual([]);
      return state.values;
    };
    const audit = (values: any) => values.findings.filter((f: string) => f.startsWith("audit"));
    const replies = (values: any) => values.messages.filter((m: any) => m.role === "assistant").map((m: any) => m.content);

    for (const id of ["A", "B"]) {
      const values = await finish(id, { resume: { approved: true } });
      expect(replies(values)[0], id).toMatch(new RegExp(`^Re T-${id}: faq: notes for T-${id}`));
      expect(audit(values), id).toEqual([]); // v1 has no audit node
    }
    {
      const values = await finish("C", { input: null });
      expect(replies(values)).toEqual(["Ticket T-C escalated"]);
    }
    {
      const values = await finish("D", { resume: { approved: true } });
      expect(replies(values)[0]).toMatch(/^Re T-D: faq: notes for T-D/);
      // The audit node ran once, with v3's code.
      expect(audit(values)).toEqual(["audit v3 T-D (low)"]);
    }
    {
      const state = (await get("/threads/F/state")).json;
      expect(state.next).toEqual([]);
      expect(replies(state.values)).toEqual(["Ticket T-F escalated"]);
    }
    expect(await thread("E")).toBe("E");
    expect((await post("/threads/E/runs", ticket("T-E", "refund"))).json.version).toBe("v3");
    // Resuming moved no thread: each finished on the version it was on.
    expect(await table()).toEqual({
      A: "v1 finished at [] pinned by [state-key-added]",
      B: "v1 finished at [] pinned by [state-key-added]",
      C: "v1 finished at [] pinned by [state-key-added]",
      D: "v3 finished at [] pinned by []",
      E: "v3 paused at [human_review] pinned by []",
      F: "v1 finished at [] pinned by [state-key-added]",
    });

    // Undoing the v3 edit makes the held v2 the newest again (no new version).
    writeFileSync(graphFile, v2Graph);
    await waitVersion("v2");
    expect(dev.output()).toContain("dev: sources match v2 again; checking it against v3");
    expect((await get("/status")).json.versions).not.toContain("v4");

    // Errors are JSON and never take the server down.
    expect((await post("/threads/nope/runs", { input: {} })).status).toBe(404);
    expect((await post("/threads/A/runs", "{not json")).status).toBe(400);
    expect((await post("/threads/A/runs", {})).status).toBe(400);
    expect((await get("/nowhere")).json.error).toMatch(/no route/);
    expect((await get("/status")).status).toBe(200);

    await dev.stop();
    expect(dev.output()).toContain("dev: stopped");
    expect(dev.child.exitCode).toBe(0);
  });

  it("bad input is a one-line error with exit 2", async () => {
    const project = mkdtempSync(join(tmpdir(), "lgc-dev-bad-"));
    cpSync(join(EXAMPLE, "v1"), project, { recursive: true });
    const noGraph = mkdtempSync(join(tmpdir(), "lgc-dev-empty-"));
    try {
      const missing = await cli("dev", "--project", noGraph, "--port", "0");
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^langgraph-compat: dev: .*langgraph\.json not found[^\n]*\n$/);
    } finally {
      rmSync(noGraph, { recursive: true, force: true });
    }
    const unknown = await cli("dev", "--project", project, "--graph", "nope", "--port", "0");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no graph "nope" in langgraph\.json \(graphs: "support desk"\)\n$/);
    const remote = await cli("dev", "--project", project, "--host", "0.0.0.0");
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/loopback/);
    expect((await cli("dev", "--port", "x")).code).toBe(2);

    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
    try {
      const port = String((blocker.address() as { port: number }).port);
      const busy = spawnSync(process.execPath, [BIN, "dev", "--project", project, "--port", port], { encoding: "utf8", timeout: 20_000 });
      expect(busy.status).toBe(2);
      expect(busy.stderr).toMatch(new RegExp(`^langgraph-compat: dev: port ${port} on 127\\.0\\.0\\.1 is in use[^\\n]*\\n$`));
    } finally {
      blocker.close();
      rmSync(project, { recursive: true, force: true });
    }
  });
});
