/**
 * @langgraph-compat/host: hot-swap graph versions per thread. `GraphHost` runs the versions of one graph on the
 * real `@langchain/langgraph` or the reference runtime, over the user's checkpointer, and moves each thread to the
 * newest version only when no finding of the static diff (@langgraph-compat/diff) endangers it where it stands,
 * as read from its latest checkpoint. Versions, pins, the audit log and thread locks live in a `PinStore`.
 */
export { GraphHost } from "./graph-host.js";
export { readPosition, type CheckpointReader } from "./position.js";
export { isReferenceSaver, threadReader, type ReadThread } from "./read.js";
export { sourceHash, versionId } from "./version-id.js";
export { keptVersions, newestOf, targetOf } from "./state.js";
export type { DeployResult, GraphHostApi, GraphHostOptions, GraphVersion, HostedGraph, ThreadInfo } from "./types.js";
export type { AuditEntry, AuditAction, HostState, LockOptions, PinRow, PinStore, StateChange, ThreadView, VersionRow } from "./pins/types.js";
export { MemoryPinStore } from "./pins/memory.js";
export { SqlitePinStore } from "./pins/sqlite.js";
export { PostgresPinStore, type PostgresPinStoreOptions } from "./pins/postgres.js";
export { openPinStore } from "./pins/index.js";
