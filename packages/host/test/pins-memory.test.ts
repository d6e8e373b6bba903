/** The memory pin store against the PinStore contract, and `openPinStore`'s URLs. */
import { describe, expect, it } from "vitest";
import { isUserError } from "@langgraph-compat/snapshot";
import { MemoryPinStore, PostgresPinStore, SqlitePinStore, openPinStore } from "../src/pins/index.js";
import { pinStoreContract } from "./pins-contract.js";

pinStoreContract("MemoryPinStore", async () => new MemoryPinStore());

describe("openPinStore", () => {
  it("memory:, sqlite:FILE and postgres://…?schema= open the matching store; nothing is created or connected", async () => {
    expect(await openPinStore("memory:")).toBeInstanceOf(MemoryPinStore);
    const sqlite = await openPinStore("sqlite:/nonexistent-dir/pins.db");
    expect(sqlite).toBeInstanceOf(SqlitePinStore);
    expect(sqlite.label).toBe("/nonexistent-dir/pins.db");
    const postgres = await openPinStore("postgres://me:s3cret@127.0.0.1:1/app?schema=hosting");
    expect(postgres).toBeInstanceOf(PostgresPinStore);
    expect((postgres as PostgresPinStore).schema).toBe("hosting");
    expect(postgres.label).toBe("postgres://me:***@127.0.0.1:1/app?schema=hosting");
    await postgres.close();
    const publicSchema = await openPinStore("postgresql://me@127.0.0.1:1/app");
    expect((publicSchema as PostgresPinStore).schema).toBe("public");
    await publicSchema.close();
  });

  it("any other URL is one line without its password", async () => {
    for (const url of ["redis://me:s3cret@host/0", "pins.db", "module:./x.js#saver"]) {
      const error = await openPinStore(url).catch((e: unknown) => e);
      expect(isUserError(error), String(error)).toBe(true);
      expect((error as Error).message).not.toContain("s3cret");
      expect((error as Error).message).not.toContain("\n");
      expect((error as Error).message).toContain("use memory:, sqlite:FILE or postgres://");
    }
  });
});
