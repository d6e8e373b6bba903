import { END } from "@langgraph-compat/snapshot";
import { defineRule } from "../define-rule.js";
import { formatPath, type Subject } from "../subject.js";

export const rule = defineRule({
  id: "dangling-target",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-halt",
  semanticsRows: ["6a", "6b", "7e", "8c"],
  summary: "A router, Command.goto or Send still names a node that no longer exists.",
  fix: "Update the router, goto or Send to a node that exists (or keep the old node registered).",
  message: (m: { owner: string; via: string; target: string }) =>
    `${m.owner} still routes to "${m.target}" by ${m.via}, but no such node exists: the run ends or throws there`,
  check(ctx) {
    const exists = (g: typeof ctx.after, name: string) => name === END || name in g.nodes;
    type Location = typeof ctx.after.location;
    const out: Array<{ subject: Subject; meta: { owner: string; via: string; target: string }; after: Location }> = [];
    // One finding per subject, even when a target is named twice (a path map value and a Send).
    const seen = new Set<string>();
    const add = (subject: Subject, meta: { owner: string; via: string; target: string }, location: Location) => {
      const key = formatPath(subject);
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ subject, meta, after: location });
    };
    // Names some route of the before graph already named while no such node existed: not a change.
    const named = (g: typeof ctx.before) => [
      ...Object.values(g.nodes).flatMap((n) => [...n.gotos, ...n.sends]),
      ...g.branches.flatMap((b) => [...b.targets, ...b.sendTargets]),
    ];
    const danglingBefore = new Set(named(ctx.before).filter((t) => !exists(ctx.before, t)));
    const report = (subject: Subject, owner: string, via: string, target: string, location: Location) => {
      // A new dangling name: a node v2 removed, or a name no node ever had (a Send target written as the
      // literal "result.route"): the run throws at the Send (7e) or halts at the route (6a, 8c).
      if (!exists(ctx.after, target) && !danglingBefore.has(target)) add(subject, { owner, via, target }, location);
    };
    for (const node of Object.values(ctx.after.nodes)) {
      for (const via of ["gotos", "sends"] as const)
        for (const t of node[via])
          report({ kind: "node-target", node: node.name, via, target: t }, `node "${node.name}"`, via === "gotos" ? "Command.goto" : "Send", t, node.location);
    }
    const mapCovers = (b: (typeof ctx.after.branches)[number], value: string) =>
      b.pathMap === undefined || (Array.isArray(b.pathMap) ? b.pathMap.includes(value) : value in b.pathMap);
    for (const b of ctx.after.branches) {
      const target = (t: string): Subject => ({ kind: "branch-target", from: b.from, target: t });
      // A static return the path map no longer covers throws "Branch condition returned unknown or null
      // destination" on every run that returns it (6b); only when the old graph still covered it.
      const old = ctx.before.branches.find((x) => ctx.match.nodeName(x.from) === b.from);
      for (const value of b.returns ?? []) {
        if (!mapCovers(b, value) && (!old || mapCovers(old, value)))
          add(target(value), { owner: `the router of "${b.from}"`, via: "a return value its path map no longer lists", target: value }, b.location);
      }
      // Send targets first: `targets` lists them too, and one finding per subject names how it is reached.
      for (const t of b.sendTargets) report(target(t), `the router of "${b.from}"`, "Send", t, b.location);
      for (const t of b.targets) report(target(t), `the router of "${b.from}"`, "its return value", t, b.location);
    }
    return out;
  },
});
