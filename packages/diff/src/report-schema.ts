import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The JSON Schema (draft 2020-12) of the `check --format json` report, format version 2; also published as
 * `@langgraph-compat/diff/report.schema.json`.
 */
export const reportSchema: object = require("../report.schema.json");
