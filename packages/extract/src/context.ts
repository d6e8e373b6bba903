import { relative, sep } from "node:path";
import type { Node } from "ts-morph";
import type { Location, Unresolved } from "@langgraph-compat/snapshot";
import { ModuleGraph, type Deps } from "./modules.js";
import type { ExtractCache, KeptAnswer } from "./source-cache.js";
import { Resolver } from "./resolve.js";
import { functionFingerprint, textFingerprint, type Bindings } from "./normalize.js";

/** An answer about a function, with what computing it read. */
interface Answer<T> {
  value: T;
  deps: Deps;
}

/** The kinds of answers kept beyond one extraction, by store. */
export interface Answers {
  pausing: boolean;
  bodies: string;
}

/** Longest source text kept in an `unresolved` element. */
const MAX_TEXT = 120;

/** Shared state of one extraction run: the loaded files, the resolver, and location helpers. */
export class ExtractContext {
  readonly modules: ModuleGraph;
  readonly resolver: Resolver;
  /** Function fingerprints by definition: a helper used by many nodes is hashed once. */
  private readonly fingerprints = new Map<Node, string>();
  /**
   * Answers about functions that follow helpers into other files, memoized for this extraction only: parsed
   * files may outlive it (see {@link SourceCache}), and a helper elsewhere may have changed by the next one.
   */
  readonly memo = {
    /** Whether a function can reach `interrupt()`, itself or through helpers, and what the answer read. */
    pausing: new WeakMap<Node, Answer<boolean>>(),
    /** A node function's own-body fingerprint, and what it read. */
    bodies: new WeakMap<Node, Answer<string>>(),
    /** Exact (uncut) reads of a helper's parameter, by function and parameter index. */
    exactReads: new WeakMap<Node, Map<number, string[]>>(),
  };

  /** `kept`: what a long-lived process keeps between extractions (see {@link ExtractCache}). */
  constructor(
    readonly projectDir: string,
    readonly kept?: ExtractCache,
  ) {
    this.modules = new ModuleGraph(projectDir, kept?.sources);
    this.resolver = new Resolver(this.modules);
  }

  /**
   * The answer about `node` in `store`: from this extraction, or kept from an earlier one when nothing it read
   * has changed since (see {@link ExtractCache.answers}). Either way it counts as read again.
   */
  recall<S extends keyof Answers>(store: S, node: Node): Answers[S] | undefined {
    const memo = this.memo[store] as WeakMap<Node, Answer<Answers[S]>>;
    let known = memo.get(node);
    if (known === undefined) {
      const kept = (this.kept?.answers[store] as WeakMap<Node, KeptAnswer<Answers[S]>> | undefined)?.get(node);
      if (kept === undefined || !this.kept!.stillValid(kept, this.modules)) return undefined;
      memo.set(node, (known = { value: kept.value, deps: { files: new Set(kept.versions.keys()), misses: kept.misses } }));
    }
    this.modules.replay(known.deps);
    return known.value;
  }

  /** Record an answer about `node` computed with `deps`, for this extraction and later ones. */
  remember<S extends keyof Answers>(store: S, node: Node, value: Answers[S], deps: Deps): void {
    (this.memo[store] as WeakMap<Node, Answer<Answers[S]>>).set(node, { value, deps });
    if (this.kept === undefined) return;
    const versions = new Map([...deps.files].map((path) => [path, this.kept!.sources.version(path)]));
    (this.kept.answers[store] as WeakMap<Node, KeptAnswer<Answers[S]>>).set(node, { value, versions, misses: deps.misses });
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
    const known = this.recall("bodies", node);
    if (known !== undefined) return known;
    const [value, deps] = this.modules.track(() => {
      this.modules.touch(node.getSourceFile().getFilePath());
      return textFingerprint(node, node, this.resolver);
    });
    this.remember("bodies", node, value, deps);
    return value;
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
