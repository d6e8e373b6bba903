/** `zod` for fixture graphs (resolved from this package, which has it as a dev dependency). */
export * from "zod";
