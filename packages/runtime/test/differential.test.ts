/**
 * The differential suite: every scenario runs on the real @langchain/langgraph and on ours; the
 * observations must be equal, and the real one must show the row's documented outcome.
 */
import { describe, expect, it } from "vitest";
import { our as ours, real } from "./modules.js";
import { Harness } from "./harness.js";
import { scenarios } from "./scenarios/index.js";

describe("differential: real @langchain/langgraph 1.7.3 vs ours", () => {
  for (const scenario of scenarios) {
    it(`${scenario.row}: ${scenario.title}`, async () => {
      const realHarness = new Harness(real);
      const oursHarness = new Harness(ours);
      const seenReal = await scenario.run(real, realHarness);
      await scenario.run(ours, oursHarness);
      expect(oursHarness.observations).toEqual(realHarness.observations);
      scenario.documented(seenReal);
    });
  }
});
