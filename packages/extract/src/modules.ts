import { relative, sep } from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import { UserError } from "@langgraph-compat/snapshot";
import { ModuleResolver } from "./module-resolver.js";

/**
 * The set of project source files, loaded lazily: only files reached from a graph entry point are parsed.
 * Imports are resolved by {@link ModuleResolver} (TypeScript's own resolution, plus workspace packages
 * without node_modules), the same resolver `dev` uses, so the verdict reads the files that run.
 * No type checker is ever built.
 */
export class ModuleGraph {
  readonly project: Project;
  private readonly resolver: ModuleResolver;
  private readonly resolved = new Map<string, SourceFile | undefined>();

  constructor(readonly projectDir: string) {
    this.project = new Project({
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      skipLoadingLibFiles: true,
      compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noLib: true },
    });
    this.resolver = new ModuleResolver(projectDir);
  }

  /** Load a project file by absolute path; throws a UserError on a syntax error. */
  load(path: string): SourceFile {
    const existing = this.project.getSourceFile(path);
    if (existing) return existing;
    const file = this.project.addSourceFileAtPath(path);
    const diagnostics = (file.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] })
      .parseDiagnostics;
    const first = diagnostics?.[0];
    if (first) {
      const { line, character } = file.compilerNode.getLineAndCharacterOfPosition(first.start);
      // Relative even outside the project (`../../libs/x.ts`): temporary checkouts stay out of messages.
      const rel = relative(this.projectDir, path).split(sep).join("/");
      const text = ts.flattenDiagnosticMessageText(first.messageText, " ");
      throw new UserError("syntax-error", `${rel}:${line + 1}:${character + 1}: syntax error: ${text}`);
    }
    return file;
  }

  /** Resolve an import specifier to a project source file, or undefined for packages and missing files. */
  resolveImport(from: SourceFile, specifier: string): SourceFile | undefined {
    const key = `${from.getFilePath()}\u0000${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const path = this.resolver.resolve(specifier, from.getFilePath());
    const file = path ? this.load(path) : undefined;
    this.resolved.set(key, file);
    return file;
  }
}
