import { defineRule } from "../define-rule.js";
import type { BranchSnapshot as Branch } from "@langgraph-compat/snapshot";
import { canonicalJson } from "../match.js";

/**
 * Row 6d's stale route needs v2's router to choose differently from the route v1 persisted. With the same
 * router body and every old path-map entry kept, v2 chooses as v1 did for the state the thread holds, and a
 * gained target only serves decisions v1's map could not express (v1 would have thrown, row 6b). So a
 * thread paused after the source resumes on the route v2 would take too.
 */
function onlyGainsTargets(b: Branch, a: Branch, rename: (n: string) => string, lost: string[]) {
  if (b.router.fingerprint !== a.router.fingerprint || lost.length > 0) return {};
  // Without a path map (or with a list) the router returns node names: each old name led to itself.
  const entries = (pm: Branch["pathMap"], names: string[]): Array<[string, string]> =>
    pm === undefined || Array.isArray(pm) ? (pm ?? names).map((n) => [n, n]) : Object.entries(pm);
  const after = new Map(entries(a.pathMap, a.targets));
  const kept = entries(b.pathMap, b.targets).every(([k, t]) => after.get(k) === rename(t));
  if (!kept) return {};
  return {
    severity: "safe" as const,
    reasons: [
      "lowered to safe: the router is unchanged and every old path-map entry leads where it did, so a thread paused after the source follows the route v2 would choose too; the new targets only serve new decisions (rows 6b, 6d)",
    ],
  };
}

export const rule = defineRule({
  id: "branch-changed",
  severity: "risky",
  exposure: "paused-after-node",
  outcome: "stale-route",
  semanticsRows: ["6d", "8b"],
  summary: "A conditional edge's router, path map or possible targets changed.",
  fix: "Threads paused after the source follow the route the old router chose; keep those targets working, or migrate them.",
  message: (m: { from: string; changes: string[] }) =>
    `conditional edge out of "${m.from}" changed: ${m.changes.join("; ")}`,
  check(ctx) {
    const out = [];
    for (const [b, a] of ctx.match.branches.kept) {
      const map = (names: string[]) => names.map((n) => ctx.match.nodeName(n) ?? n);
      const changes: string[] = [];
      if (b.router.fingerprint !== a.router.fingerprint) changes.push("router body changed");
      const rename = (pm: typeof b.pathMap) =>
        pm === undefined ? null : Array.isArray(pm) ? map(pm) : Object.fromEntries(Object.entries(pm).map(([k, v]) => [k, ctx.match.nodeName(v) ?? v]));
      if (canonicalJson(rename(b.pathMap)) !== canonicalJson(a.pathMap ?? null)) changes.push("path map changed");
      const targetsBefore = map([...b.targets, ...b.sendTargets]);
      const targetsAfter = [...a.targets, ...a.sendTargets];
      const lost = targetsBefore.filter((t) => !targetsAfter.includes(t));
      const gained = targetsAfter.filter((t) => !targetsBefore.includes(t));
      if (lost.length) changes.push(`no longer targets ${[...new Set(lost)].join(", ")}`);
      if (gained.length) changes.push(`now targets ${[...new Set(gained)].join(", ")}`);
      if (changes.length === 0) continue;
      // Whether a thread can be paused after the source's routes fired is the verdict's (endangers).
      out.push({ subject: { kind: "branch" as const, from: b.from }, meta: { from: b.from, changes }, before: b.location, after: a.location, ...onlyGainsTargets(b, a, (n) => ctx.match.nodeName(n) ?? n, lost) });
    }
    return out;
  },
});
