export { positionOf, taskNames } from "./position.js";
export type { CheckpointRecord, ChannelVersion } from "./record.js";
export { uuid5 } from "./uuid5.js";
