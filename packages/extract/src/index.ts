export { extractProject, type ExtractOptions } from "./extract-project.js";
