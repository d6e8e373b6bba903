import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { isUserError } from "@langgraph-compat/snapshot";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig, type Finding } from "../src/index.js";
import { ignorePass, acceptedPass, ruleOverridesPass } from "../src/passes.js";
import { NOW, chain, diff, graph, interrupt, node } from "./helpers.js";
import { tempDir } from "../../../test-helpers/temp-dirs.js";

const bad = (data: unknown) => {
  try {
    parseConfig(data, "cfg.json");
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected a UserError");
};

describe("loadConfig / parseConfig", () => {
  it("accepts a full config", () => {
    const config = {
      rules: { "node-added": "off", "edge-removed": "breaking" },
      renames: { nodes: { agent: { ask: "approval" } }, stateKeys: { "agent/nodes/sub": { a: "b" } } },
      ignore: [{ ruleId: "node-removed", path: "nodes/legacy*", reason: "migrated", expires: "2026-12-31" }],
      accepted: [{ fingerprint: "0123456789abcdef", reason: "reviewed" }],
    };
    expect(parseConfig(config)).toEqual(config);
  });
  it("rejects unknown rule ids, missing reasons, bad dates, bad severities, unknown fields", () => {
    expect(bad({ rules: { "no-such-rule": "safe" } })).toMatch(/cfg\.json: rules: unknown rule id "no-such-rule"/);
    expect(bad({ rules: { "node-added": "fatal" } })).toMatch(/expected one of/);
    expect(bad({ ignore: [{ ruleId: "node-removed", path: "nodes/*" }] })).toMatch(/ignore\[0\]: a reason is required/);
    expect(bad({ ignore: [{ ruleId: "nope", path: "nodes/*", reason: "x" }] })).toMatch(/unknown rule id/);
    expect(bad({ ignore: [{ ruleId: "node-removed", path: "nodes/*", reason: "x", expires: "2026-02-30" }] })).toMatch(/expires must be a date/);
    expect(bad({ accepted: [{ fingerprint: "xyz", reason: "r" }] })).toMatch(/fingerprint/);
    expect(bad({ renames: { nodes: { agent: { a: "a" } } } })).toMatch(/different new name/);
    expect(bad({ colours: true })).toMatch(/unknown field "colours"/);
    expect(bad([])).toMatch(/expected a JSON object/);
  });
  it("loadConfig reports bad JSON and missing files as one-line UserErrors", () => {
    const dir = tempDir("lgc-config-");
    const file = join(dir, "langgraph-compat.config.json");
    writeFileSync(file, "{ not json");
    expect(() => loadConfig(file)).toThrow(/not valid JSON/);
    expect(() => loadConfig(join(dir, "missing.json"))).toThrow(/no such file/);
    writeFileSync(file, JSON.stringify({ rules: { "node-removed": "risky" } }));
    expect(loadConfig(file)).toEqual({ rules: { "node-removed": "risky" } });
  });
});

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: "node-removed",
  severity: "breaking",
  graph: "agent",
  path: "nodes/ask",
  meta: { node: "ask" },
  fingerprint: "0123456789abcdef",
  ...over,
});

describe("re-levelling passes never drop a finding and record why", () => {
  it("rule overrides, including off", () => {
    const [a, b] = ruleOverridesPass([finding(), finding({ ruleId: "node-added", severity: "safe" })], {
      rules: { "node-removed": "risky", "node-added": "off" },
    });
    expect(a.severity).toBe("risky");
    expect(a.reasons?.[0]).toMatch(/severity set to risky by config rules.node-removed \(was breaking\)/);
    expect(b.severity).toBe("safe");
    expect(b.reasons?.[0]).toMatch(/turned off/);
  });
  it("ignores match rule id and glob; an expired one says so and does not apply", () => {
    const config = {
      ignore: [
        { ruleId: "node-removed", path: "nodes/old-*", reason: "gone", expires: "2026-01-01" },
        { ruleId: "*", path: "nodes/a*", reason: "fine" },
      ],
    };
    const [expired, ignored, untouched] = ignorePass(
      [finding({ path: "nodes/old-x" }), finding({ path: "nodes/ask" }), finding({ path: "state/x" })],
      config,
      NOW,
    );
    expect(expired.severity).toBe("breaking");
    expect(expired.reasons?.[0]).toMatch(/expired on 2026-01-01 and no longer applies/);
    expect(ignored.severity).toBe("safe");
    expect(ignored.reasons?.[0]).toMatch(/ignored in config \(was breaking\): fine/);
    expect(untouched).toEqual(finding({ path: "state/x" }));
  });
  it("accepted fingerprints", () => {
    const [a] = acceptedPass([finding()], { accepted: [{ fingerprint: "0123456789abcdef", reason: "ok by ops" }] });
    expect(a.severity).toBe("safe");
    expect(a.reasons).toEqual(["accepted in config (was breaking): ok by ops"]);
  });
  it("through diffSnapshots: a demoted finding stays in the list with every reason", async () => {
    const before = graph({ nodes: [node("ask", { interrupts: [interrupt("q")] }), node("b")], edges: chain("ask", "b") });
    const after = graph({ nodes: [node("b")], edges: chain("b") });
    const plain = await diff(before, after);
    const removed = plain.findings.find((f) => f.ruleId === "node-removed");
    expect(removed?.severity).toBe("breaking");
    const result = await diff(before, after, {
      rules: { "node-removed": "risky" },
      accepted: [{ fingerprint: removed?.fingerprint as string, reason: "no threads in flight" }],
    });
    const relevelled = result.findings.find((f) => f.ruleId === "node-removed");
    expect(relevelled?.severity).toBe("safe");
    expect(relevelled?.reasons).toEqual([
      "severity set to risky by config rules.node-removed (was breaking)",
      "accepted in config (was risky): no threads in flight",
    ]);
    expect(result.findings).toHaveLength(plain.findings.length);
    expect(result.summary.breaking).toBe(0);
  });
  it("exposure drops are recorded as reasons", async () => {
    const before = graph({ nodes: [node("a"), node("b")], edges: chain("a", "b") });
    const after = graph({ nodes: [node("a")], edges: chain("a") });
    const result = await diff(before, after);
    const removed = result.findings.find((f) => f.ruleId === "node-removed");
    expect(removed?.severity).toBe("risky");
    expect(removed?.reasons?.[0]).toMatch(/lowered to risky: no thread can be paused in or waiting for "b"/);
  });
});
