/**
 * The SQLite saver behaves like MemorySaver: the whole differential table runs on our runtime over
 * both savers, and every observation is the same.
 */
import { describe, expect, it } from "vitest";
import * as ours from "../src/index.js";
import { Harness } from "./harness.js";
import { scenarios } from "./scenarios/index.js";

describe("SqliteSaver vs MemorySaver on every scenario", () => {
  for (const scenario of scenarios) {
    it(scenario.row, async () => {
      const memory = new Harness(ours);
      await scenario.run(ours, memory);
      const sqlite = new ours.SqliteSaver(":memory:");
      const onDisk = new Harness(ours, sqlite);
      await scenario.run(ours, onDisk);
      sqlite.close();
      expect(onDisk.observations).toEqual(memory.observations);
    });
  }
});
