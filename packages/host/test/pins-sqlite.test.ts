/**
 * The SQLite pin store against the PinStore contract in a temp file, plus what only it does: the file and
 * tables are created by `migrate()` alone, and a write queued behind a failing update survives its rollback.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { isUserError } from "@langgraph-compat/snapshot";
import { SqlitePinStore, type PinStore } from "../src/pins/index.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";
import { deferred } from "./pins-contract.js";
import { pinStoreContract } from "./pins-contract.js";

pinStoreContract("SqlitePinStore", async () => new SqlitePinStore(join(tempDir("lgc-pins-sqlite-"), "pins.db")));

/** The one-line UserError `call` rejects with. */
async function failure(call: () => Promise<unknown>): Promise<string> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUserError(error), String(error)).toBe(true);
  expect((error as Error).message).not.toContain("\n");
  return (error as Error).message;
}

const everyMethod = (store: PinStore): Array<() => Promise<unknown>> => [
  () => store.check(),
  () => store.graphs(),
  () => store.state("g"),
  () => store.update("g", (state) => ({ state })),
  () => store.versions("g"),
  () => store.retire("g", ["v1"]),
  () => store.pin("g", "t"),
  () => store.setPin("g", { threadId: "t", version: "v1", reason: [], updatedAt: new Date().toISOString() }),
  () => store.movePins("g", ["v1"], "v2", new Date().toISOString()),
  () => store.pins("g"),
  () => store.audit("g"),
];

describe("SqlitePinStore: only migrate() creates anything", () => {
  it("with no file: every method says to run migrate, and the file is still not there", async () => {
    const path = join(tempDir("lgc-pins-sqlite-"), "pins.db");
    const store = new SqlitePinStore(path);
    for (const call of everyMethod(store)) {
      expect(await failure(call)).toBe(`${path}: no such file; run langgraph-compat host migrate sqlite:${path}`);
    }
    expect(await failure(() => store.withThreadLock("g", "t", async () => "never runs"))).toBe(`${path}: no such file; run langgraph-compat host migrate sqlite:${path}`);
    expect(existsSync(path)).toBe(false);
    await store.migrate();
    await store.check();
    await store.close();
  });

  it("with a file of other tables: check() names the missing table, the others fail in one line, no lgc_host_ table appears", async () => {
    const path = join(tempDir("lgc-pins-sqlite-"), "app.db");
    const other = new Database(path);
    other.exec("CREATE TABLE checkpoints (id TEXT)");
    other.close();
    const store = new SqlitePinStore(path);
    for (const call of everyMethod(store)) {
      expect(await failure(call)).toMatch(new RegExp(`^${path}: no table lgc_host_\\w+; run langgraph-compat host migrate sqlite:${path}$`));
    }
    expect(await failure(() => store.check())).toContain("no table lgc_host_versions;");
    const tables = () => new Database(path, { readonly: true }).prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'lgc_host_%'").all();
    expect(tables()).toEqual([]);
    await store.migrate();
    expect(tables()).toHaveLength(4);
    await store.close();
  });

  it("an unreadable file is one line", async () => {
    const path = join(tempDir("lgc-pins-sqlite-"), "garbage.db");
    writeFileSync(path, "not a database, not at all, just some text that is long enough to have a header".repeat(20));
    const store = new SqlitePinStore(path);
    expect(await failure(() => store.check())).toMatch(new RegExp(`^${path}: file is not a database$`));
    await store.close();
  });
});

describe("SqlitePinStore: one connection, writes in call order", () => {
  it("a setPin called while an update's fn runs is not taken by that update's rollback", async () => {
    const store = new SqlitePinStore(join(tempDir("lgc-pins-sqlite-"), "pins.db"));
    await store.migrate();
    const inside = deferred();
    const proceed = deferred();
    const failing = store.update("g", async () => {
      inside.resolve();
      await proceed.promise;
      throw new Error("deploy failed");
    });
    await inside.promise;
    const pinned = store.setPin("g", { threadId: "t", version: "v1", reason: [], updatedAt: "2030-01-01T00:00:00.000Z" });
    const read = await store.pin("g", "t"); // reads do not wait: nothing of the update is written yet
    proceed.resolve();
    await expect(failing).rejects.toThrow("deploy failed");
    await pinned;
    expect(read).toBeUndefined();
    expect(await store.pin("g", "t")).toMatchObject({ version: "v1" });
    await store.close();
  });
});
