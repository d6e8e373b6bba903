export { positionOf, taskNames } from "./position.js";
export type { CheckpointRecord, ChannelVersion } from "./record.js";
export type { StoredThread, ThreadSource } from "./source.js";
export { uuid5 } from "./uuid5.js";
export { parseStoreUrl, redact, type StoreUrl } from "./url.js";
export { openThreadSource } from "./open.js";
export { scanThreads, matcher, type MatchOptions, type ScannedThread } from "./scan.js";
export { CensusBuilder, renderCensus, age, type Census, type GraphCensus, type PausePoint } from "./census.js";
export { ExposureBuilder, type ExposureOptions } from "./exposure.js";
