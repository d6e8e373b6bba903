/**
 * GraphHost with a functional-API graph (entrypoint + task) over SqliteSaver: a changed task argument
 * (row 12h) pins the paused run, which would replay the cached result of the old call; finished threads
 * move on and run their next turn on the new version.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Command, SqliteSaver } from "@langgraph-compat/runtime";
import { GraphHost, type ThreadInfo } from "../src/index.js";
import { versionFromSource } from "./host-helpers.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const byId = (infos: ThreadInfo[]) => Object.fromEntries(infos.map((t) => [t.threadId, t]));

const workflow = (arg: string) => `import { entrypoint, task, interrupt, MemorySaver } from "@langchain/langgraph";
const fetchData = task("fetchData", async (q: string) => \`data:\${q}\`);
export const graph = entrypoint({ name: "wf", checkpointer: new MemorySaver() }, async (input: { q: string }) => {
  const data = await fetchData(${arg});
  const ok = interrupt("approve?");
  return { data, ok };
});
export const make = (checkpointer: any) =>
  entrypoint({ name: "wf", checkpointer }, async (input: { q: string }) => {
    const data = await fetchData(${arg});
    const ok = interrupt("approve?");
    return { data, ok };
  });
`;

describe("GraphHost: functional API over SqliteSaver", () => {
  it("pins the paused run when a task's argument changed; finished threads move on", async () => {
    const v1 = await versionFromSource("w1", workflow("input.q"));
    const v2 = await versionFromSource("w2", workflow("input.q.toUpperCase()"));
    const saver = new SqliteSaver(join(tempDir("lgc-host-sql-"), "threads.db"));
    const host = new GraphHost({ checkpointer: saver });
    await host.deploy(v1);
    await host.invoke("paused", { q: "cats" });
    await host.invoke("done", { q: "dogs" });
    expect(await host.invoke("done", new Command({ resume: true }))).toEqual({ data: "data:dogs", ok: true });

    const deployed = await host.deploy(v2);
    expect(deployed.ok && deployed.pinned.map((t) => [t.threadId, t.pinReason])).toEqual([["paused", ["task-arguments-changed"]]]);
    const threads = byId(await host.threads());
    expect(threads.paused).toMatchObject({ version: "w1", status: "paused", pausedAt: ["wf"] });
    expect(threads.done).toMatchObject({ version: "w2", status: "finished", pinReason: [] });

    expect(await host.invoke("paused", new Command({ resume: true }))).toEqual({ data: "data:cats", ok: true });
    await host.invoke("done", { q: "owls" });
    expect(await host.invoke("done", new Command({ resume: false }))).toEqual({ data: "data:OWLS", ok: false });
    expect(byId(await host.threads()).paused).toMatchObject({ version: "w2", status: "finished" });
  });
});
