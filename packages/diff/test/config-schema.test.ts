/**
 * `config.schema.json` (editor completion for langgraph-compat.config.json) is the generated schema, lists
 * every rule id, and agrees with the loader on valid and invalid configs. Regenerate with
 * `UPDATE_GOLDEN=config-schema npx vitest run packages/diff/test/config-schema.test.ts` (never under CI).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { isUserError } from "@langgraph-compat/snapshot";
import { configSchema, listRules, parseConfig } from "../src/index.js";

/** Whether `run` throws a user error (one clear line), not an internal one. */
function isUserErrorLike(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return isUserError(error);
  }
}

const file = join(import.meta.dirname, "..", "config.schema.json");
const update = process.env.UPDATE_GOLDEN?.split(",").includes("config-schema") && !process.env.CI;

describe("config.schema.json", () => {
  it("is the generated schema, with every rule id", () => {
    const text = `${JSON.stringify(configSchema(), null, 2)}\n`;
    if (update) writeFileSync(file, text);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(text).toContain('"node-renamed"');
    expect(JSON.parse(text).properties.rules.propertyNames.enum).toHaveLength(listRules().length);
  });

  it("agrees with the loader", () => {
    const validate = new Ajv2020({ strict: false }).compile(configSchema());
    const valid = [
      {},
      { $schema: "x", rules: { "node-renamed": "risky", "state-key-added": "off" } },
      { renames: { nodes: { agent: { ask: "approval" } } }, ignore: [{ ruleId: "*", path: "nodes/legacy*", reason: "old", expires: "2030-01-31" }] },
      { accepted: [{ fingerprint: "0123456789abcdef", reason: "reviewed" }], graphs: ["src/agent.ts:Agent.createWorkflow"] },
    ];
    const invalid = [
      { rules: { "node-renamd": "risky" } },
      { rules: { "node-renamed": "fatal" } },
      { ignore: [{ ruleId: "*", path: "nodes/x" }] },
      { accepted: [{ fingerprint: "abc", reason: "r" }] },
      { graphs: ["src/graph.ts"] },
      { unknown: true },
    ];
    for (const config of valid) {
      expect(validate(config), JSON.stringify(config)).toBe(true);
      expect(() => parseConfig(config)).not.toThrow();
    }
    for (const config of invalid) {
      expect(validate(config), JSON.stringify(config)).toBe(false);
      expect(isUserErrorLike(() => parseConfig(config)), JSON.stringify(config)).toBe(true);
    }
  });
});
