export { extractProject, type ExtractOptions } from "./extract-project.js";
export { ModuleResolver, readCompilerOptions } from "./module-resolver.js";
