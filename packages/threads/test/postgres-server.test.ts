/**
 * The throwaway cluster the Postgres tests fall back on when the machine has no server: started from the local
 * binaries on a free port, it takes the real PostgresSaver's tables and is gone after `stop()`. Skipped, with
 * the reason printed, where no binaries are installed (never in CI: `LGC_REQUIRE_POSTGRES=1`).
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { throwawayCluster, unreachable } from "./postgres-server.js";

const cluster = await throwawayCluster();
if ("skip" in cluster && process.env.LGC_REQUIRE_POSTGRES !== "1") console.warn(`postgres-server.test.ts skipped: ${cluster.skip}`);
const suite = "skip" in cluster && process.env.LGC_REQUIRE_POSTGRES !== "1" ? describe.skip : describe;

suite("a throwaway Postgres cluster", () => {
  it("starts on a free loopback port, serves the real saver, and is deleted when stopped", { timeout: 60_000 }, async () => {
    if ("skip" in cluster) throw new Error(cluster.skip);
    expect(cluster.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await unreachable(cluster.address)).toBeUndefined();
    const saver = PostgresSaver.fromConnString(`postgres://postgres@${cluster.address}/postgres`);
    await saver.setup();
    await saver.end();
    expect(existsSync(cluster.dir!)).toBe(true);
    cluster.stop();
    expect(await unreachable(cluster.address)).toBeDefined();
    expect(existsSync(cluster.dir!)).toBe(false);
  });
});
