import type { ChannelSnapshot, GraphSnapshot, NodeSnapshot } from "@langgraph-compat/snapshot";
import { defineRule } from "../define-rule.js";

/** The extractor's "any key" in a node's reads: a node that passes the whole state on may read anything. */
const ANY_KEY = "*";

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * The after-graph name of every stored key of `before`: itself when kept, its new name when renamed,
 * undefined when removed. An untracked key is never checkpointed, so no old thread holds a value in it.
 */
function storedKeysAfter(before: GraphSnapshot, renamed: ReadonlyArray<{ before: ChannelSnapshot; after: ChannelSnapshot }>, after: GraphSnapshot) {
  const to = new Map<string, string | undefined>();
  for (const c of Object.values(before.state.channels)) {
    if (c.untracked) continue;
    to.set(c.name, c.name in after.state.channels ? c.name : undefined);
  }
  for (const r of renamed) if (to.has(r.before.name)) to.set(r.before.name, r.after.name);
  return to;
}

/** True when `node` (of v2) still reads key `kept` of v1 (under its v2 name), or may read anything. */
const stillReads = (node: NodeSnapshot, kept: string | undefined) => node.reads.includes(ANY_KEY) || (kept !== undefined && node.reads.includes(kept));

export const rule = defineRule({
  id: "state-key-readers-moved",
  severity: "breaking",
  exposure: "any",
  outcome: "silent-data-loss",
  semanticsRows: ["9b", "17c", "10a", "10d"],
  summary: "Nodes that read a stored key now read a new key instead; old threads keep their values in the old key and start the new one empty.",
  fix: "Keep reading the old key where the new one is still empty (or copy it over in the first node that runs), until no thread holds a value only in the old key.",
  message: (m: { key: string; from: string[]; readers: string[]; defaulted: boolean }) =>
    `${m.readers.length === 1 ? "node" : "nodes"} ${quoted(m.readers)} now read${m.readers.length === 1 ? "s" : ""} new state key "${m.key}" instead of ${quoted(m.from)}; ` +
    `old threads keep their values in ${quoted(m.from)} and start "${m.key}" ${m.defaulted ? "at its default" : "undefined"}`,
  check(ctx) {
    const { before, after, match } = ctx;
    const keptAs = storedKeysAfter(before, match.channels.renamed, after);
    const reports = [];
    // Only a key new in v2 starts empty on old threads. A key paired as a rename is state-key-renamed's, and
    // whether a thread holding the old value reads the new key first is the verdict's (endangers).
    for (const added of match.channels.added) {
      // An untracked key starts empty on every run, old thread or new: nothing differs for old threads.
      if (added.untracked) continue;
      const from: string[] = [];
      const readers = new Set<string>();
      for (const [old, kept] of keptAs) {
        const moved = before.state.channels[old].readBy.filter((name) => {
          // readBy also lists nodes that read the whole state; only an explicit read of the key moved.
          if (!before.nodes[name]?.reads.includes(old)) return false;
          const now = match.nodeName(name);
          const node = now === undefined ? undefined : after.nodes[now];
          return node !== undefined && node.reads.includes(added.name) && !stillReads(node, kept);
        });
        if (moved.length === 0) continue;
        from.push(old);
        for (const name of moved) readers.add(match.nodeName(name) as string);
      }
      if (from.length === 0) continue;
      reports.push({
        subject: { kind: "state-key" as const, key: added.name },
        meta: { key: added.name, from: from.sort(), readers: [...readers].sort(), defaulted: added.default.kind === "channel" || added.reducer.kind === "known" },
        before: before.state.channels[from[0]].location,
        after: added.location,
      });
    }
    return reports;
  },
});
