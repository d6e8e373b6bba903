import { fingerprint, type Reducer, type Unresolved } from "@langgraph-compat/snapshot";
import { defineRule } from "../define-rule.js";
import { canonicalJson } from "../match.js";
import { typeChanges } from "../type-changes.js";

// Unresolved state constructs stand in the way of the state rules whenever the state changed.
const STATE_KINDS = new Set<string>(["state", "state-key", "reducer"]);

const reducerKey = (r: Reducer) => (r.kind === "custom" ? `custom:${r.fingerprint}` : r.kind === "known" ? r.name : "none");

// Unresolved topology stands in the way of the node and edge rules whenever the topology changed.
const TOPOLOGY_KINDS = new Set<string>(["node-name", "node", "edge", "router-target", "goto-target", "send-target", "breakpoint"]);

const keyOf = (u: Unresolved) => `${u.kind}\u0000${u.node ?? ""}\u0000${u.text}`;

export const rule = defineRule({
  id: "unresolved-element",
  severity: "risky",
  exposure: "any",
  outcome: "none",
  semanticsRows: ["1a", "5d"],
  summary:
    "Something the extractor could not resolve statically is new, sits where a changed node, state or topology needs it, or is a whole graph.",
  fix: "Review the construct by hand, or make it literal (a string node name, an explicit path map) so it can be checked.",
  message: (m: { kind: string; reason: string; text: string; node?: string; standing: boolean }) =>
    `${m.standing ? "unresolved" : "new unresolved"} ${m.kind}${m.node ? ` in node "${m.node}"` : ""}: ${m.text} (${m.reason})` +
    (m.standing
      ? m.kind === "graph"
        ? "; this graph is not checked at all"
        : `; ${m.node ? "the node" : STATE_KINDS.has(m.kind) ? "the state" : "the topology"} changed, so this change cannot be fully checked`
      : ""),
  async check(ctx) {
    const beforeKeys = new Set(ctx.before.unresolved.map(keyOf));
    const changedNodes = new Set<string>(ctx.match.nodes.removed.map((n) => n.name));
    for (const r of ctx.match.nodes.renamed) if (!r.alias) changedNodes.add(r.after.name);
    for (const [b, a] of ctx.match.nodes.kept) {
      if (b.function?.fingerprint !== a.function?.fingerprint || b.kind !== a.kind) changedNodes.add(a.name);
    }
    const c = ctx.match.channels;
    // A state construct the extractor could not read may hide keys, reducers or types. One that sits on a
    // key's own line (its type or its reducer) stands only when that key changed. Any other (a schema, a
    // computed key) stands when a change could interact with what it hides: keys gained, lost or renamed
    // (one may have moved into or out of the hidden part), a reducer changed, or a type change not proved
    // harmless. A widening or a respelling of another key is checked in full whatever the hidden part holds.
    const types = await typeChanges(ctx);
    const changedKeys = new Set<string>([...c.removed.map((k) => k.name), ...c.renamed.map((r) => r.after.name), ...types.map((t) => t.after.name)]);
    for (const [b, a] of c.kept) {
      if (reducerKey(b.reducer) !== reducerKey(a.reducer) || canonicalJson(b.default) !== canonicalJson(a.default)) changedKeys.add(a.name);
    }
    const stateChanged =
      c.removed.length > 0 ||
      c.added.length > 0 ||
      c.renamed.length > 0 ||
      c.kept.some(([b, a]) => reducerKey(b.reducer) !== reducerKey(a.reducer)) ||
      types.some((t) => t.comparison.narrowed || t.comparison.unmodelled);
    const ownerOf = (u: Unresolved) =>
      Object.values(ctx.after.state.channels).find((ch) => ch.location.file === u.location.file && ch.location.line === u.location.line)?.name;
    const stateStands = (u: Unresolved) => {
      const owner = ownerOf(u);
      return owner === undefined ? stateChanged : changedKeys.has(owner);
    };
    const topologyChanged =
      ctx.match.nodes.removed.length > 0 ||
      ctx.match.nodes.added.length > 0 ||
      ctx.match.nodes.renamed.length > 0 ||
      canonicalJson([ctx.before.edges.map((e) => [e.from, e.to]), ctx.before.joins.map((j) => [j.sources, j.to])]) !==
        canonicalJson([ctx.after.edges.map((e) => [e.from, e.to]), ctx.after.joins.map((j) => [j.sources, j.to])]) ||
      canonicalJson(ctx.before.branches.map((b) => [b.from, b.targets])) !== canonicalJson(ctx.after.branches.map((b) => [b.from, b.targets])) ||
      canonicalJson([ctx.before.interruptBefore, ctx.before.interruptAfter]) !== canonicalJson([ctx.after.interruptBefore, ctx.after.interruptAfter]);
    const seen = new Set<string>();
    const out = [];
    for (const u of ctx.after.unresolved) {
      const key = keyOf(u);
      if (seen.has(key)) continue;
      seen.add(key);
      const isNew = !beforeKeys.has(key);
      const standing =
        !isNew &&
        (u.kind === "graph" ||
          (u.node !== undefined && changedNodes.has(u.node)) ||
          (STATE_KINDS.has(u.kind) && stateStands(u)) ||
          (TOPOLOGY_KINDS.has(u.kind) && topologyChanged));
      if (!isNew && !standing) continue;
      out.push({
        subject: { kind: "unresolved" as const, element: u.kind, id: fingerprint(key).slice(0, 8) },
        meta: { kind: u.kind, reason: u.reason, text: u.text, node: u.node, standing },
        after: u.location,
      });
    }
    return out;
  },
});
