/**
 * `langgraph-compat dev --runtime langgraph` (the built CLI, as a child process) on a temp copy of
 * examples/support-desk/v1 with the real `@langchain/langgraph` 1.7.3 installed in it: threads paused over HTTP,
 * the sources changed to v2 (which renames `review`), the paused threads pinned and finished on v1 by the real
 * runtime, new threads on v2. Positions come from the real checkpoints, read without the graph.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { api, buildCli, startDevProcess, waitFor, type DevProcess } from "./dev-helpers.js";
import { cli } from "./helpers.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/support-desk/", import.meta.url));
/** The real packages, as the host package's tests install them. */
const INSTALLED = fileURLToPath(new URL("../../host/node_modules/@langchain/", import.meta.url));
const ticket = (id: string, content: string) => ({ input: { ticketId: id, messages: [{ role: "user", content }] } });

let project: string;
let dev: DevProcess | undefined;

beforeAll(() => {
  buildCli();
  project = mkdtempSync(join(tmpdir(), "lgc-dev-real-"));
  cpSync(join(EXAMPLE, "v1"), project, { recursive: true });
  mkdirSync(join(project, "node_modules", "@langchain"), { recursive: true });
  for (const name of ["langgraph", "core"]) symlinkSync(realpathSync(join(INSTALLED, name)), join(project, "node_modules", "@langchain", name));
});

afterAll(async () => {
  await dev?.stop();
  rmSync(project, { recursive: true, force: true });
});

describe("langgraph-compat dev --runtime langgraph", () => {
  it("serves the graph on the project's own @langchain/langgraph and hot-swaps per thread by the verdict", async () => {
    dev = await startDevProcess(project, ["--runtime", "langgraph"]);
    const { url } = dev;
    expect(dev.output()).toContain("dev: running your graph code with your @langchain/langgraph 1.7.3");
    const post = (path: string, body?: unknown) => api(url, "POST", path, body);
    const get = (path: string) => api(url, "GET", path);
    const table = async () =>
      Object.fromEntries((await get("/threads")).json.threads.map((t: any) => [t.thread_id, `${t.version} ${t.status} at [${t.paused_at}] pinned by [${t.pin_reason}]`]));

    for (const [id, text] of [["A", "I want a refund"], ["C", "hello"]]) {
      await post("/threads", { thread_id: id });
      const run = await post(`/threads/${id}/runs`, ticket(`T-${id}`, text));
      expect(run.status, JSON.stringify(run.json)).toBe(200);
    }
    expect((await get("/threads/A/state")).json.next).toEqual(["review"]);

    cpSync(join(EXAMPLE, "v2", "src"), join(project, "src"), { recursive: true });
    await waitFor("active version v2", async () => (await get("/status")).json.active_version === "v2", 30_000, dev.output);
    expect(await table()).toEqual({
      A: "v1 paused at [review] pinned by [node-renamed,state-key-added]",
      C: "v1 finished at [] pinned by [state-key-added]",
    });

    // A new thread starts on v2 and pauses in the renamed node.
    await post("/threads", { thread_id: "D" });
    expect((await post("/threads/D/runs", ticket("T-D", "refund for order 7"))).json.version).toBe("v2");
    expect((await get("/threads/D/state")).json.next).toEqual(["human_review"]);

    // The pinned thread finishes on v1, with the real runtime: it gets its reply and no audit (v1 has none).
    const done = await post("/threads/A/runs", { resume: { approved: true } });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    const state = (await get("/threads/A/state")).json;
    expect(state.next).toEqual([]);
    const contents = state.values.messages.map((m: any) => m.content ?? m.kwargs?.content);
    expect(contents.at(-1)).toMatch(/^Re T-A: faq: notes for T-A/);
    expect(state.values.findings.filter((f: string) => f.startsWith("audit"))).toEqual([]);
    const finished = await post("/threads/D/runs", { resume: { approved: true } });
    expect(finished.status).toBe(200);
    expect((await get("/threads/D/state")).json.values.findings.filter((f: string) => f.startsWith("audit"))).toEqual(["audited T-D (low)"]);

    await dev.stop();
    expect(dev.child.exitCode).toBe(0);
  });

  it("says in one line when the project has no @langchain/langgraph installed", async () => {
    const bare = mkdtempSync(join(tmpdir(), "lgc-dev-bare-"));
    cpSync(join(EXAMPLE, "v1"), bare, { recursive: true });
    try {
      const { code, stderr } = await cli("dev", "--project", bare, "--runtime", "langgraph", "--port", "0");
      expect(code).toBe(2);
      expect(stderr).toMatch(/^langgraph-compat: dev --runtime langgraph: @langchain\/langgraph is not installed for .*graph\.ts; install it, or leave out --runtime to use the reference runtime\n$/);
      expect((await cli("dev", "--project", bare, "--runtime", "nope")).stderr).toMatch(/--runtime/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
