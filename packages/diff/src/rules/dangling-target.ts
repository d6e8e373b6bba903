import { END } from "@langgraph-compat/snapshot";
import { defineRule } from "../define-rule.js";

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
    const out: Array<{ path: string; meta: { owner: string; via: string; target: string }; after: typeof ctx.after.location }> = [];
    const report = (path: string, owner: string, via: string, target: string, location: typeof ctx.after.location) => {
      // Only new dangling names: one that was already dangling before is not a change.
      if (!exists(ctx.after, target) && exists(ctx.before, target) && !out.some((f) => f.path === path))
        out.push({ path, meta: { owner, via, target }, after: location });
    };
    for (const node of Object.values(ctx.after.nodes)) {
      for (const t of node.gotos) report(`nodes/${node.name}/gotos/${t}`, `node "${node.name}"`, "Command.goto", t, node.location);
      for (const t of node.sends) report(`nodes/${node.name}/sends/${t}`, `node "${node.name}"`, "Send", t, node.location);
    }
    const mapCovers = (b: (typeof ctx.after.branches)[number], value: string) =>
      b.pathMap === undefined || (Array.isArray(b.pathMap) ? b.pathMap.includes(value) : value in b.pathMap);
    for (const b of ctx.after.branches) {
      // A static return the path map no longer covers throws "Branch condition returned unknown or null
      // destination" on every run that returns it (6b); only when the old graph still covered it.
      const old = ctx.before.branches.find((x) => ctx.match.nodeName(x.from) === b.from);
      for (const value of b.returns ?? []) {
        if (!mapCovers(b, value) && (!old || mapCovers(old, value)) && !out.some((f) => f.path === `branches/${b.from}/targets/${value}`))
          out.push({ path: `branches/${b.from}/targets/${value}`, meta: { owner: `the router of "${b.from}"`, via: "a return value its path map no longer lists", target: value }, after: b.location });
      }
      for (const t of b.targets) report(`branches/${b.from}/targets/${t}`, `the router of "${b.from}"`, "its return value", t, b.location);
      for (const t of b.sendTargets) report(`branches/${b.from}/targets/${t}`, `the router of "${b.from}"`, "Send", t, b.location);
    }
    return out;
  },
});
