export * from "./types.js";
export { canonicalJson, canonicalize, serializeSnapshot } from "./canonical.js";
export { loadSnapshot, parseSnapshot, snapshotSchema } from "./load.js";
export { UserError, isUserError } from "./errors.js";
export { fingerprint } from "./fingerprint.js";
export { writeFileAtomic } from "./write.js";
export { closest } from "./closest.js";
export { mergeSnapshots, namespaceLocations, namespaceSnapshot, namespacedId } from "./namespace.js";
