import { createRequire } from "node:module";

/** This package's version (from `src/` and `dist/` alike, its package.json is one folder up). */
export const VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
