/**
 * @langgraph-compat/host: hot-swap graph versions per thread. `GraphHost` runs the versions of one graph
 * on the reference runtime (@langgraph-compat/runtime) and moves each thread to the newest version only
 * when no finding of the static diff (@langgraph-compat/diff) endangers it where it stands, as read from
 * its latest checkpoint by `readPosition`.
 */
export { GraphHost } from "./graph-host.js";
export { readPosition, type CheckpointReader } from "./position.js";
export type { DeployResult, GraphHostApi, GraphHostOptions, GraphVersion, HostedGraph, ThreadInfo } from "./types.js";
