import { relative, sep } from "node:path";
import type { Node } from "ts-morph";
import type { Location, Unresolved } from "@langgraph-compat/snapshot";
import { ModuleGraph } from "./modules.js";
import { Resolver } from "./resolve.js";
import { functionFingerprint, textFingerprint, type Bindings } from "./normalize.js";

/** Longest source text kept in an `unresolved` element. */
const MAX_TEXT = 120;

/** Shared state of one extraction run: the loaded files, the resolver, and location helpers. */
export class ExtractContext {
  readonly modules: ModuleGraph;
  readonly resolver: Resolver;
  /** Function fingerprints by definition: a helper used by many nodes is hashed once. */
  private readonly fingerprints = new Map<Node, string>();

  constructor(readonly projectDir: string) {
    this.modules = new ModuleGraph(projectDir);
    this.resolver = new Resolver(this.modules);
  }

  /** Relative POSIX path of a file under the project. */
  relativePath(path: string): string {
    return relative(this.projectDir, path).split(sep).join("/");
  }

  /** Location of a node: relative POSIX file, 1-based line and column of its first token. */
  location(node: Node): Location {
    const file = node.getSourceFile();
    const { line, column } = file.getLineAndColumnAtPos(node.getStart());
    return { file: this.relativePath(file.getFilePath()), line, column };
  }

  /** Fingerprint of a function's normalized body and the project code it references. */
  functionFingerprint(node: Node): string {
    return functionFingerprint(node, this.resolver, this.fingerprints);
  }

  /**
   * Fingerprint of a node function's own body only. It serves rename pairing and the safe
   * `node-function-changed` finding, so helpers are not followed (that would hash half the app per node);
   * reducers, routers and defaults use {@link functionFingerprint}, because a changed helper there changes
   * what old threads get.
   */
  bodyFingerprint(node: Node): string {
    return textFingerprint(node, node, this.resolver);
  }

  /** Fingerprint of an expression's normalized text; names declared in `scope` do not count. */
  textFingerprint(node: Node | undefined, scope?: Node, bindings?: Bindings): string {
    return textFingerprint(node, scope, this.resolver, bindings);
  }

  /** Build an `unresolved` element for a construct that cannot be resolved statically. */
  unresolved(kind: Unresolved["kind"], reason: string, node: Node, owner?: string): Unresolved {
    const text = node.getText().replace(/\s+/g, " ");
    const element: Unresolved = {
      kind,
      reason,
      text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
      location: this.location(node),
    };
    if (owner !== undefined) element.node = owner;
    return element;
  }
}
