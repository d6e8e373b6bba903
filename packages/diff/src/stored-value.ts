/** What happens to the value a thread already stored in a key when v2 writes it. */
import type { ChannelSnapshot, GraphSnapshot, NodeSnapshot } from "@langgraph-compat/snapshot";

/** True when a reducer folds the stored value into the result: anything but none or replace-style. */
export function combinesStoredValue(channel: ChannelSnapshot): boolean {
  const r = channel.reducer;
  return r.kind === "known" || (r.kind === "custom" && !r.replaces);
}

/**
 * True when a reducer surely keeps the whole stored value, whatever it adds: the known message reducers
 * (they merge by id and append), and custom bodies that start their result with it (`a.concat(b)`).
 */
export function keepsStoredValue(channel: ChannelSnapshot): boolean {
  const r = channel.reducer;
  return r.kind === "known" || (r.kind === "custom" && r.keeps === true);
}

/**
 * A node after which no later reader can see what the thread stored in `key` before it: it writes the key
 * on every completed run (`writes` alone means "on some run", which hides nothing), and the key's reducer
 * in `graph` does not fold the stored value into the write (a last-value or replace-style channel).
 */
export function overwrites(graph: GraphSnapshot, node: NodeSnapshot, key: string): boolean {
  const channel = graph.state.channels[key];
  return node.alwaysWrites?.includes(key) === true && channel !== undefined && !combinesStoredValue(channel);
}
