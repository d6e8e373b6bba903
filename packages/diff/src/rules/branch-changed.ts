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

/** A router's path-map entries; without a map (or with a list) each returned name leads to itself. */
const pathEntries = (branch: Branch): Array<[string, string]> =>
  branch.pathMap === undefined || Array.isArray(branch.pathMap) ? (branch.pathMap ?? branch.targets).map((n) => [n, n]) : Object.entries(branch.pathMap);

/**
 * With the same router body, v2 returns what v1 did for the state a thread holds: only a thread whose held
 * route leads to a target whose entry now leads elsewhere (or a lost Send target) follows a stale route (6d).
 * Undefined when the router body changed: then any held route may be stale. Before names, for positions.
 */
function staleTargets(b: Branch, a: Branch, rename: (n: string) => string, aliases: ReadonlyMap<string, string>): string[] | undefined {
  if (b.router.fingerprint !== a.router.fingerprint) return undefined;
  const after = new Map(pathEntries(a));
  const moved = pathEntries(b).filter(([k, t]) => after.get(k) !== rename(t) && after.get(k) !== aliases.get(t)).map(([, t]) => t);
  const lostSends = b.sendTargets.filter((t) => !a.sendTargets.includes(rename(t)));
  return [...new Set([...moved, ...lostSends])].sort();
}

/**
 * Row 2c: with the same router body, every old path-map entry leads where it did or to a new alias of that
 * node, whose old name stays registered and reachable. A thread that holds the old route resumes in the old
 * node and then follows v2's flow, so a rename under a router harms no one (issue 9, class 11).
 */
function onlyAliases(b: Branch, a: Branch, rename: (n: string) => string, aliases: ReadonlyMap<string, string>) {
  if (b.router.fingerprint !== a.router.fingerprint || aliases.size === 0) return {};
  const after = new Map(pathEntries(a));
  const old = pathEntries(b);
  // An entry v2 dropped leads nowhere: it is no alias (its target may have no alias, and neither has a name).
  const toAlias = ([k, t]: [string, string]) => aliases.has(t) && after.get(k) === aliases.get(t);
  const aliased = old.filter((e) => after.get(e[0]) !== rename(e[1]) && toAlias(e));
  if (aliased.length === 0 || !old.every((e) => after.get(e[0]) === rename(e[1]) || toAlias(e))) return {};
  const names = aliased.map(([, t]) => `"${t}" -> "${aliases.get(t)}"`).join(", ");
  return {
    severity: "safe" as const,
    reasons: [`lowered to safe: the router is unchanged and its routes now lead to aliases (${names}) of nodes that stay registered and reachable, so a thread holding an old route still resumes there (row 2c)`],
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
  message: (m: { from: string; changes: string[]; staleTargets?: string[] }) =>
    `conditional edge out of "${m.from}" changed: ${m.changes.join("; ")}`,
  check(ctx) {
    const out = [];
    const aliases = new Map(ctx.match.nodes.renamed.filter((r) => r.alias).map((r) => [r.before.name, r.after.name]));
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
      const nameIn = (n: string) => ctx.match.nodeName(n) ?? n;
      const lower = { ...onlyAliases(b, a, nameIn, aliases), ...onlyGainsTargets(b, a, nameIn, lost) };
      // The verdict reads `staleTargets`: the held routes that v2 would no longer take (endangers).
      const stale = staleTargets(b, a, nameIn, aliases);
      const meta = stale === undefined ? { from: b.from, changes } : { from: b.from, changes, staleTargets: stale };
      out.push({ subject: { kind: "branch" as const, from: b.from }, meta, before: b.location, after: a.location, ...lower });
    }
    return out;
  },
});
