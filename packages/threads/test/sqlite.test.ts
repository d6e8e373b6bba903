/**
 * The SQLite source on a file written by the real `@langchain/langgraph-checkpoint-sqlite` 1.0.4: the raw read
 * (one pass, file opened read-only) gives the same positions as the saver's own public API, the census counts
 * the example's threads exactly, the file is never written, and bad input is one line.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { extractProject } from "@langgraph-compat/extract";
import type { Snapshot } from "@langgraph-compat/snapshot";
import { CensusBuilder, openThreadSource, positionOf, scanThreads, type StoredThread } from "@langgraph-compat/threads";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { GRAPH_ID, PLAN, storeThreads, supportDeskV1 } from "./support-desk-real.js";
import { recordsOf, type SaverApi } from "./real-records.js";

const root = join(import.meta.dirname, "..", "..", "..");

/** A saver that stamps each checkpoint's metadata with the graph id, as the Agent Server does. */
class ServerLikeSaver extends SqliteSaver {
  override put(config: never, checkpoint: never, metadata: Record<string, unknown>, versions: never) {
    return super.put(config, checkpoint, { ...metadata, graph_id: GRAPH_ID } as never, versions);
  }
}

let db: string;
let snapshot: Snapshot;
beforeAll(async () => {
  db = join(tempDir("lgc-threads-sqlite-"), "checkpoints.db");
  const Database = (await import("better-sqlite3")).default;
  const saver = new ServerLikeSaver(new Database(db));
  await storeThreads(supportDeskV1(saver));
  // One thread of a graph whose checkpoints name none: counted as unmatched, never dropped.
  await supportDeskV1(SqliteSaver.fromConnString(db)).invoke({ ticketId: "x", messages: [{ role: "user", content: "hello" }] } as never, { configurable: { thread_id: "t-unnamed" } });
  snapshot = extractProject({ projectDir: join(root, "examples", "support-desk", "v1") });
}, 60_000);

async function all(url: string): Promise<StoredThread[]> {
  const source = await openThreadSource(url);
  const threads: StoredThread[] = [];
  for await (const thread of source.threads()) threads.push(thread);
  await source.close();
  return threads;
}

describe("the SQLite source", () => {
  it("reads what the real saver's public API reads, position for position", async () => {
    const graph = snapshot.graphs[GRAPH_ID]!;
    const threads = await all(`sqlite:${db}`);
    const ids = [...Object.values(PLAN).flat(), "t-unnamed"].sort();
    expect(threads.map((t) => t.threadId)).toEqual(ids);
    const saver = SqliteSaver.fromConnString(db) as unknown as SaverApi;
    for (const thread of threads) {
      expect(thread.unreadable).toBeUndefined();
      const records = await recordsOf(saver, thread.threadId);
      expect(positionOf(thread.records.get(""), graph, (ns) => thread.records.get(ns)), thread.threadId).toEqual(positionOf(records.get(""), graph, (ns) => records.get(ns)));
    }
  });

  it("counts where the example's threads stand, and never writes the file", async () => {
    const before = { bytes: readFileSync(db), mtime: statSync(db).mtimeMs };
    const source = await openThreadSource(`sqlite:${db}`);
    const census = new CensusBuilder(snapshot, new Date("2026-12-02T00:00:00Z"));
    await scanThreads(source, snapshot, {}, (t) => census.add(t));
    await source.close();
    const result = census.result();
    expect(result.scanned).toBe(8);
    const desk = result.graphs.find((g) => g.graph === GRAPH_ID)!;
    expect({ threads: desk.threads, finished: desk.finished, errored: desk.errored }).toEqual({ threads: 7, finished: 3, errored: 0 });
    expect(desk.paused.map(({ oldest: _, ...p }) => p)).toEqual([{ node: "review", at: "interrupt", call: 1, threads: 4 }]);
    expect(result.unmatched).toEqual({ threads: 1, sample: ["t-unnamed"], named: {} });
    expect(readFileSync(db).equals(before.bytes)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(before.mtime);
  });

  it("says in one line what is wrong with the input", async () => {
    const dir = tempDir("lgc-threads-bad-");
    const text = join(dir, "notes.txt");
    writeFileSync(text, "not a database");
    const empty = join(dir, "empty.db");
    const Database = (await import("better-sqlite3")).default;
    new Database(empty).close();
    const message = async (url: string) => openThreadSource(url).then(() => "opened", (e: Error) => e.message);
    expect(await message(`sqlite:${join(dir, "none.db")}`)).toBe(`sqlite:${join(dir, "none.db")}: no such file`);
    expect(await message(`sqlite:${text}`)).toBe(`sqlite:${text}: cannot read (file is not a database)`);
    expect(await message(`sqlite:${empty}`)).toBe(`sqlite:${empty}: no \`checkpoints\` table; not a database written by @langchain/langgraph-checkpoint-sqlite 1.x`);
    const noThreads = join(dir, "setup-only.db");
    await SqliteSaver.fromConnString(noThreads).getTuple({ configurable: { thread_id: "none" } }); // creates the tables
    expect(await message(`sqlite:${noThreads}`)).toBe(`sqlite:${noThreads}: no threads stored`);
    expect(await message("redis://user:hunter2@cache:6379")).toBe('redis://user:***@cache:6379: unsupported scheme "redis:"; use sqlite:FILE, postgres://… or module:FILE#EXPORT');
  });
});
