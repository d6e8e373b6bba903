import { fingerprint } from "@langgraph-compat/snapshot";
import { describe, expect, it } from "vitest";
import { getRule, listRules, renderJson, renderText, toJsonReport } from "../src/index.js";
import { chain, diff, graph, interrupt, node } from "./helpers.js";

async function sample() {
  const before = graph({ nodes: [node("ask", { interrupts: [interrupt("q")] }), node("b"), node("c")], edges: chain("ask", "b", "c") });
  const after = graph({ nodes: [node("b"), node("c"), node("d")], edges: chain("b", "c", "d") });
  return diff(before, after);
}

describe("renderers", () => {
  it("JSON has exactly the documented shape", async () => {
    const result = await sample();
    const json = JSON.parse(renderJson(result));
    expect(Object.keys(json)).toEqual(["formatVersion", "findings", "summary"]);
    expect(json.formatVersion).toBe(2);
    expect(Object.keys(json.summary)).toEqual(["breaking", "risky", "safe"]);
    const named = ["ruleId", "severity", "graph", "path", "message", "fix", "meta", "reasons", "before", "after", "fingerprint"];
    result.findings.forEach((finding, i) => {
      const f = json.findings[i];
      // Every field of the finding is carried (a typed subject too), plus the rendered message and fix.
      expect(Object.keys(f).sort()).toEqual([...new Set([...named, ...Object.keys(finding)])].sort());
      expect(f.fingerprint).toBe(fingerprint(f.ruleId, f.path));
      expect(f.message).toBe(getRule(f.ruleId)?.message(f.meta));
      expect(f.fix).toBe(getRule(f.ruleId)?.fix);
      expect(f.meta).toEqual(finding.meta);
      expect(f.reasons).toEqual(finding.reasons ?? []);
    });
    expect(json).toEqual(toJsonReport(result));
    expect(json.findings[0]).toMatchObject({ ruleId: "node-removed", severity: "breaking", path: "nodes/ask", message: expect.stringContaining('node "ask" was removed') });
    expect(json.summary).toEqual(result.summary);
  });

  it("text groups by graph then severity, with one line of why and one of fix", async () => {
    const text = renderText(await sample());
    expect(text).not.toMatch(/\u001b\[/);
    const lines = text.split("\n");
    expect(lines[0]).toBe("graph agent");
    const breaking = lines.findIndex((l) => l.trim().startsWith("BREAKING"));
    const safe = lines.findIndex((l) => l.trim().startsWith("SAFE"));
    expect(breaking).toBeGreaterThan(0);
    expect(safe).toBeGreaterThan(breaking);
    const removed = lines.findIndex((l) => l.includes("node-removed  nodes/ask"));
    expect(lines[removed + 1]).toMatch(/^ {6}why: node "ask" was removed/);
    expect(lines[removed + 2]).toBe(`      fix: ${getRule("node-removed")?.fix}`);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^\d+ breaking, \d+ risky, \d+ safe$/);
    const paint = { breaking: (t: string) => `<red>${t}</red>`, risky: (t: string) => `<yellow>${t}</yellow>`, safe: (t: string) => `<green>${t}</green>` };
    expect(renderText(await sample(), { paint })).toMatch(/<red>BREAKING<\/red>/);
  });

  it("an empty diff renders as no changes", () => {
    expect(renderText({ formatVersion: 2, findings: [], summary: { breaking: 0, risky: 0, safe: 0 } })).toBe("no changes\n0 breaking, 0 risky, 0 safe\n");
  });

  it("findings are sorted by graph, severity, path, rule", async () => {
    const { findings } = await sample();
    const rank = { breaking: 0, risky: 1, safe: 2 };
    for (let i = 1; i < findings.length; i++) {
      const [a, b] = [findings[i - 1], findings[i]];
      expect(rank[a.severity] < rank[b.severity] || (rank[a.severity] === rank[b.severity] && a.path <= b.path)).toBe(true);
    }
  });

  it("listRules and getRule expose the catalogue", () => {
    const list = listRules();
    expect(list.map((r) => r.id)).toEqual([...list.map((r) => r.id)].sort());
    expect(getRule("node-removed")?.severity).toBe("breaking");
    expect(getRule("nope")).toBeUndefined();
    expect(getRule("toString")).toBeUndefined();
  });
});
