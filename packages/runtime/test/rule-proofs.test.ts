/**
 * Rule proofs: every rule whose severity depends on thread behaviour is shown to do what it claims. A
 * proof takes the rule's golden fixture, drives a thread on `before` into the endangered state, resumes
 * it on `after` over the same saver, and asserts the outcome; the rule's `-ok` case is driven the same
 * way and must resume cleanly. Each proof runs on this runtime and on the real @langchain/langgraph.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { listRules } from "@langgraph-compat/diff";
import * as real from "@langchain/langgraph";
import { afterAll, describe, expect, test } from "vitest";
import * as ours from "../src/index.js";
import { ProofRun } from "./rule-proofs/harness.js";
import { liveFindings } from "./rule-proofs/live.js";
import { removeLoadedCopies, type RuntimeName } from "./rule-proofs/load.js";
import { proofs, unprovable } from "./rule-proofs/table.js";

const runtimes: [RuntimeName, unknown][] = [
  ["ours", ours],
  ["real", real],
];

afterAll(removeLoadedCopies);

for (const [name, lg] of runtimes) {
  describe(`rule proofs on ${name === "ours" ? "the reference runtime" : "@langchain/langgraph 1.7.3"}`, () => {
    for (const proof of proofs) {
      const title = `${proof.case} (${proof.severity}): ${proof.claim}`;
      if (proof.disagreement) test.fails(`${title} [DISAGREEMENT: ${proof.disagreement}]`, () => proof.prove(new ProofRun(lg, name)));
      else test(title, () => proof.prove(new ProofRun(lg, name)));
      if (proof.ok) {
        const ok = proof.ok;
        test(`${ok.case}: clean resume`, () => ok.prove(new ProofRun(lg, name)));
      }
    }
  });
}

describe("the proof catalogue", () => {
  const ids = listRules().map((r) => r.id);

  test("every rule has a proof or a specific reason why it cannot have one", () => {
    const covered = new Set([...proofs.map((p) => p.rule), ...unprovable.map((u) => u.rule)]);
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
    expect([...covered].filter((id) => !ids.includes(id))).toEqual([]);
    const both = unprovable.filter((u) => proofs.some((p) => p.rule === u.rule));
    expect(both.map((u) => u.rule)).toEqual([]);
    for (const u of unprovable) expect(u.reason.length, u.rule).toBeGreaterThan(80);
  });

  // The claimed severity is checked against what the analyzer says now (real extractor + diff on the
  // case), not against the case's expected.json, so a rule whose verdict drifts fails here.
  test.each(proofs.map((p) => [p.case, p] as const))("%s: the live diff gives the proof's rule the proof's severity", async (_, proof) => {
    expect(proof.case.startsWith(`${proof.rule}/`), proof.case).toBe(true);
    const live = await liveFindings(proof.case);
    expect(live.filter((f) => f.ruleId === proof.rule).map((f) => f.severity), proof.case).toEqual([proof.severity]);
  });

  test.each(proofs.filter((p) => p.ok).map((p) => [p.ok!.case, p] as const))("%s: an -ok case of its rule, where the live diff is silent on it", async (_, proof) => {
    expect(proof.ok!.case, proof.case).toMatch(new RegExp(`^${proof.rule}/[\\w-]+-ok$`));
    const live = await liveFindings(proof.ok!.case);
    expect(live.filter((f) => f.ruleId === proof.rule), proof.ok!.case).toEqual([]);
  });
});

describe("docs/runtime.md, section Rule proofs", () => {
  const docs = readFileSync(fileURLToPath(new URL("../../../docs/runtime.md", import.meta.url)), "utf8");
  const section = docs.slice(docs.indexOf("## Rule proofs"), docs.indexOf("\n## ", docs.indexOf("## Rule proofs") + 1));
  const ids = new Set(listRules().map((r) => r.id));
  /** Rule ids named in the first column of the table that follows `marker`. */
  const firstColumn = (marker: string) => {
    const start = section.indexOf(marker);
    const table = section.slice(start, section.indexOf("\n\n", section.indexOf("\n|", start) + 1));
    return [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([\w-]+)`/g)].map((t) => t[1])).filter((id) => ids.has(id));
  };
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

  test("lists exactly the proved rules, the unconfirmed ones and the ones with reasons", () => {
    const confirmed = proofs.filter((p) => !proofs.some((q) => q.rule === p.rule && q.disagreement));
    expect(sorted(firstColumn("Proved ("))).toEqual(sorted(confirmed.map((p) => p.rule)));
    const disagreements = sorted(proofs.filter((p) => p.disagreement).map((p) => p.rule));
    if (disagreements.length > 0) expect(sorted(firstColumn("Not confirmed"))).toEqual(disagreements);
    else expect(section).not.toContain("Not confirmed");
    expect(sorted(firstColumn("No proof"))).toEqual(sorted(unprovable.map((u) => u.rule)));
    const rules = sorted(confirmed.map((p) => p.rule)).length;
    const oks = proofs.filter((p) => p.ok).length;
    expect(section).toContain(`Proved (${rules} rules: ${confirmed.length} proofs, plus ${oks} \`-ok\` runs)`);
  });
});
