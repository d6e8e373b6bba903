export { extractProject, type ExtractOptions } from "./extract-project.js";
export { ExtractCache, SourceCache } from "./source-cache.js";
export type { GraphChoice } from "./discover.js";
export { ModuleResolver, readCompilerOptions } from "./module-resolver.js";
export { findProjects, type Project } from "./projects.js";
