import { Node, SyntaxKind, ts } from "ts-morph";
import { fingerprint } from "@langgraph-compat/snapshot";
import { ExternalRef, type Resolver } from "./resolve.js";

/**
 * Normalized text: what a piece of code does, written one way. Formatting, comments, types, local names,
 * the spelling of constants (`Step.Review` is `"review"`), `function` vs arrow, `=> e` vs `=> { return e }`
 * and shorthand properties do not count, so a pure refactor keeps every fingerprint.
 */

/** Parameter or argument text bound to a name: a helper's parameter stands for what its caller passed. */
export type Bindings = ReadonlyMap<string, string>;

/**
 * Names declared inside `root`, each with what it normalizes to. The root's parameter i is `$i`, and a name
 * destructured from it is `$i . key` (so `({ draft }) => draft` is `(state) => state.draft`); other
 * declarations (variables, functions, classes, catch variables) are numbered in order after the parameters.
 */
function localNames(root: Node): Map<string, string> {
  const names = new Map<string, string>();
  const parameters = isFunctionLike(root) ? root.getParameters() : [];
  const bind = (name: Node | undefined, path: string) => {
    if (!name) return;
    if (Node.isIdentifier(name)) {
      if (!names.has(name.getText())) names.set(name.getText(), path);
    } else if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const key = element.getPropertyNameNode()?.getText() ?? element.getName();
        bind(element.getNameNode(), element.getDotDotDotToken() ? path : `${path} . ${key.replace(/^["']|["']$/g, "")}`);
      }
    } else if (Node.isArrayBindingPattern(name)) {
      name.getElements().forEach((element, i) => {
        if (Node.isBindingElement(element)) bind(element.getNameNode(), `${path} [ ${i} ]`);
      });
    }
  };
  parameters.forEach((parameter, i) => bind((parameter as unknown as { getNameNode(): Node }).getNameNode(), `$${i}`));
  let index = parameters.length;
  const add = (name: Node | undefined) => {
    if (!name) return;
    if (Node.isIdentifier(name)) {
      if (!names.has(name.getText())) names.set(name.getText(), `$${index++}`);
    } else if (Node.isObjectBindingPattern(name) || Node.isArrayBindingPattern(name)) {
      for (const element of name.getElements()) if (Node.isBindingElement(element)) add(element.getNameNode());
    }
  };
  root.forEachDescendant((node) => {
    if (Node.isParameterDeclaration(node) || Node.isVariableDeclaration(node)) add(node.getNameNode());
    else if ((Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isClassDeclaration(node)) && node !== root) {
      add(node.getNameNode());
    }
  });
  // The function's own name is not part of what it does: renaming it is a refactor.
  if ((Node.isFunctionDeclaration(root) || Node.isFunctionExpression(root)) && root.getName() && !names.has(root.getName()!)) {
    names.set(root.getName()!, "$self");
  }
  return names;
}

/** Is this identifier a member name (`a.x`, `{ x: 1 }`), not a reference to a variable? */
function isMemberName(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === id;
  if (Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent) || Node.isPropertySignature(parent)) {
    return parent.getNameNode() === id;
  }
  if (Node.isBindingElement(parent)) return parent.getPropertyNameNode() === id;
  return false;
}

/**
 * What normalizing changes in the source: a range replaced by text (keyed by where its node starts), and
 * ranges dropped (every token starting inside one is left out).
 */
class Edits {
  readonly replacements = new Map<number, [number, string]>();
  readonly drops: Array<[number, number]> = [];
  replace(from: number, to: number, text: string): void {
    if (!this.replacements.has(from)) this.replacements.set(from, [to, text]);
  }
  drop(from: number, to: number): void {
    if (to > from) this.drops.push([from, to]);
  }
  has(from: number): boolean {
    return this.replacements.has(from);
  }
  dropped(position: number): boolean {
    return this.drops.some(([from, to]) => position >= from && position < to);
  }
}

type FunctionLike = Node & { getReturnTypeNode(): Node | undefined; getTypeParameters(): Node[]; getParameters(): Node[]; getBody(): Node | undefined };

function isFunctionLike(node: Node): node is FunctionLike {
  return Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isArrowFunction(node) || Node.isMethodDeclaration(node);
}

/** Each node of a subtree, the root included. */
function forEachNode(root: Node, visit: (node: Node, skip: () => void) => void): void {
  let skipped = false;
  visit(root, () => (skipped = true));
  if (!skipped) root.forEachDescendant((node, traversal) => visit(node, () => traversal.skip()));
}

/** Drop type annotations, `as`/`satisfies` types, type arguments and optional marks: no runtime effect. */
function dropTypes(root: Node, edits: Edits): void {
  const drop = (from: number, to: number) => edits.drop(from, to);
  const angleBrackets = (owner: Node) => {
    const open = owner.getFirstChildByKind(SyntaxKind.LessThanToken);
    const close = owner.getFirstChildByKind(SyntaxKind.GreaterThanToken);
    if (open && close) drop(open.getStart(), close.getEnd());
  };
  forEachNode(root, (node, skip) => {
    if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
      drop(node.getExpression().getEnd(), node.getEnd());
      return;
    }
    if (Node.isParameterDeclaration(node) || Node.isVariableDeclaration(node) || Node.isPropertyDeclaration(node)) {
      const typeNode = node.getTypeNode();
      const colon = node.getFirstChildByKind(SyntaxKind.ColonToken);
      if (typeNode && colon) drop(colon.getStart(), typeNode.getEnd());
      const question = node.getFirstChildByKind(SyntaxKind.QuestionToken);
      if (question) drop(question.getStart(), question.getEnd());
    }
    if (isFunctionLike(node)) {
      const returnType = node.getReturnTypeNode();
      if (returnType) {
        const colon = returnType.getPreviousSiblingIfKind(SyntaxKind.ColonToken);
        drop(colon ? colon.getStart() : returnType.getStart(), returnType.getEnd());
      }
      if (node.getTypeParameters().length > 0) angleBrackets(node);
    }
    if ((Node.isCallExpression(node) || Node.isNewExpression(node)) && node.getTypeArguments().length > 0) angleBrackets(node);
    if (Node.isExpressionWithTypeArguments(node) && node.getTypeArguments().length > 0) {
      drop(node.getExpression().getEnd(), node.getEnd());
    }
    if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node)) {
      drop(node.getStart(), node.getEnd());
      skip();
    }
    // `export` / `export default` on a declaration say where it is visible, not what it does.
    if (Node.isModifierable(node)) {
      for (const modifier of node.getModifiers()) {
        const kind = modifier.getKind();
        if (kind === SyntaxKind.ExportKeyword || kind === SyntaxKind.DefaultKeyword) drop(modifier.getStart(), modifier.getEnd());
      }
    }
  });
}

/** `=> { return e }` is `=> e`, and `=> (e)` is `=> e`. */
function simplifyBodies(root: Node, edits: Edits): void {
  forEachNode(root, (node) => {
    if (!isFunctionLike(node)) return;
    const body = node.getBody();
    if (!body) return;
    let inner: Node | undefined;
    if (Node.isBlock(body)) {
      const statements = body.getStatements();
      const only = statements[0];
      if (statements.length === 1 && only && Node.isReturnStatement(only)) inner = only.getExpression();
    } else if (Node.isParenthesizedExpression(body)) {
      inner = body.getExpression();
    }
    if (!inner) return;
    edits.drop(body.getStart(), inner.getStart());
    edits.drop(inner.getEnd(), body.getEnd());
  });
}

function isCallee(node: Node): boolean {
  const parent = node.getParent();
  return !!parent && (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getExpression() === node;
}

function isDeclarationName(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isVariableDeclaration(parent) || Node.isParameterDeclaration(parent) || Node.isBindingElement(parent) || Node.isFunctionDeclaration(parent)) {
    return parent.getNameNode() === id;
  }
  return false;
}

/** Does an expression read a locally declared or bound name? Then its value is not a project constant. */
function usesLocal(node: Node, names: ReadonlyMap<string, string>, bindings: Bindings | undefined): boolean {
  const local = (text: string) => names.has(text) || !!bindings?.has(text);
  if (Node.isIdentifier(node)) return local(node.getText());
  let found = false;
  node.forEachDescendant((child, traversal) => {
    if (Node.isIdentifier(child) && local(child.getText()) && !isMemberName(child)) {
      found = true;
      traversal.stop();
    }
  });
  return found;
}

/** Replace static strings by their value in one spelling: literals, consts, enum members, templates. */
function substituteValues(root: Node, names: ReadonlyMap<string, string>, resolver: Resolver | undefined, bindings: Bindings | undefined, edits: Edits): void {
  forEachNode(root, (node, skip) => {
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
      const parent = node.getParent();
      if (parent && (Node.isImportDeclaration(parent) || Node.isExportDeclaration(parent))) return;
      edits.replace(node.getStart(), node.getEnd(), JSON.stringify(node.getLiteralValue()));
      return;
    }
    if (!resolver) return;
    const candidate =
      (Node.isIdentifier(node) && !isMemberName(node) && !isDeclarationName(node)) ||
      Node.isPropertyAccessExpression(node) ||
      Node.isElementAccessExpression(node) ||
      Node.isTemplateExpression(node) ||
      (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken);
    if (!candidate || isCallee(node) || usesLocal(node, names, bindings)) return;
    const value = resolver.evaluateString(node);
    if (value === undefined) return;
    const parent = node.getParent();
    const shorthand = parent && Node.isShorthandPropertyAssignment(parent);
    edits.replace(node.getStart(), node.getEnd(), shorthand ? `${node.getText()} : ${JSON.stringify(value)}` : JSON.stringify(value));
    skip();
  });
}

/** How many local consts deep a part of a function is read through (`[request]` with `const request = {...}`). */
const MAX_INLINE_DEPTH = 3;

/**
 * In a part of a function (an interrupt payload, a task's arguments), a local `const` stands for what it
 * holds: `[request]` is fingerprinted as `[({ ... })]`. Locals are otherwise named by their position among
 * the function's declarations, so a new `const` declared above would renumber them and move the
 * fingerprint of a payload that did not change; and an edit to what the const holds changes it, as it should.
 */
function inlineLocalConsts(target: Node, scope: Node, resolver: Resolver, bindings: Bindings | undefined, edits: Edits, depth: number): void {
  forEachNode(target, (node) => {
    if (!Node.isIdentifier(node) || edits.has(node.getStart()) || isMemberName(node) || isDeclarationName(node) || bindings?.has(node.getText())) return;
    const declaration = resolver.resolveIdentifier(node);
    if (declaration === undefined || declaration instanceof ExternalRef || !Node.isVariableDeclaration(declaration)) return;
    const init = declaration.getInitializer();
    if (init === undefined || !Node.isIdentifier(declaration.getNameNode())) return;
    const list = declaration.getParent();
    if (!Node.isVariableDeclarationList(list) || (list.getFlags() & ts.NodeFlags.Const) === 0) return;
    // Only the function's own consts, and never one the part itself declares or sits inside.
    if (declaration.getPos() < scope.getPos() || declaration.getEnd() > scope.getEnd()) return;
    if (declaration.getPos() >= target.getPos() && declaration.getEnd() <= target.getEnd()) return;
    if (node.getPos() >= init.getPos() && node.getEnd() <= init.getEnd()) return;
    const text = `( ${normalizedText(init, scope, resolver, bindings, depth + 1)} )`;
    const parent = node.getParent();
    const shorthand = !!parent && Node.isShorthandPropertyAssignment(parent);
    edits.replace(node.getStart(), node.getEnd(), shorthand ? `${node.getText()} : ${text}` : text);
  });
}

/** Local names by position, bound names by what they stand for; `{ x }` is written `{ x: x }`. */
function mapNames(root: Node, names: ReadonlyMap<string, string>, bindings: Bindings | undefined, edits: Edits): void {
  forEachNode(root, (node) => {
    if (!Node.isIdentifier(node) || edits.has(node.getStart()) || isMemberName(node)) return;
    const text = node.getText();
    const parent = node.getParent();
    const shorthand = !!parent && Node.isShorthandPropertyAssignment(parent);
    const mapped = bindings?.get(text) ?? names.get(text);
    if (mapped === undefined && !shorthand) return;
    edits.replace(node.getStart(), node.getEnd(), shorthand ? `${text} : ${mapped ?? text}` : mapped!);
  });
}

/** The tokens of `node`, with edits applied; comments are not tokens, template parts are. */
function tokensOf(node: Node, edits: Edits): string[] {
  const source = node.getSourceFile().compilerNode;
  const tokens: string[] = [];
  let skipUntil = -1;
  const visit = (current: ts.Node) => {
    if (current.kind >= ts.SyntaxKind.FirstJSDocNode && current.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const start = current.getStart(source);
    const replacement = start >= skipUntil ? edits.replacements.get(start) : undefined;
    if (replacement && replacement[0] > start && !edits.dropped(start)) {
      // The replaced range's tokens are skipped; a parent's later children still count.
      skipUntil = replacement[0];
      if (replacement[1] !== "") tokens.push(replacement[1]);
    }
    const children = current.getChildren(source);
    if (children.length === 0) {
      if (start >= skipUntil && !edits.dropped(start) && current.kind !== ts.SyntaxKind.EndOfFileToken) tokens.push(current.getText(source));
      return;
    }
    for (const child of children) visit(child);
  };
  visit(node.compilerNode);
  return tokens;
}

/**
 * Text of `node` normalized (see the top of this file). Names declared in `scope` are replaced by their
 * position; names in `bindings` by the text they are bound to; with a resolver, constants by their value.
 */
export function normalizedText(node: Node, scope: Node = node, resolver?: Resolver, bindings?: Bindings, depth = 0): string {
  let target = node;
  while (Node.isAsExpression(target) || Node.isSatisfiesExpression(target) || Node.isParenthesizedExpression(target)) {
    target = target.getExpression();
  }
  const names = localNames(scope);
  const edits = new Edits();
  dropTypes(target, edits);
  simplifyBodies(target, edits);
  substituteValues(target, names, resolver, bindings, edits);
  if (target !== scope && resolver !== undefined && depth < MAX_INLINE_DEPTH) inlineLocalConsts(target, scope, resolver, bindings, edits, depth);
  mapNames(target, names, bindings, edits);
  if (isFunctionLike(target)) {
    // `function f(a) { return x }`, `function (a) {...}` and `(a) => x` are one function.
    const isAsync = !!target.getFirstChildByKind(SyntaxKind.AsyncKeyword);
    // Parameters count by position and default value only: how they are named or destructured is local.
    const params = target.getParameters().map((p, i) => {
      const initializer = (p as unknown as { getInitializer(): Node | undefined }).getInitializer();
      return initializer ? `$${i} = ${tokensOf(initializer, edits).join(" ")}` : `$${i}`;
    });
    const body = target.getBody();
    const head = [...(isAsync ? ["async"] : []), "(", params.join(" , "), ")", "=>"];
    return formattingNeutral([...head, ...(body ? tokensOf(body, edits) : [])]).join(" ");
  }
  return formattingNeutral(tokensOf(target, edits)).join(" ");
}

/**
 * Remove what formatters add or drop without changing behaviour: semicolons, trailing commas, and the
 * parentheses around a lone arrow parameter (`(x) => x` is `x => x`).
 */
function formattingNeutral(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === ";" || token === "") continue;
    if (token === "," && (tokens[i + 1] === "}" || tokens[i + 1] === "]" || tokens[i + 1] === ")")) continue;
    if (token === "(" && tokens[i + 2] === ")" && tokens[i + 3] === "=>" && /^\$\d+$/.test(tokens[i + 1])) {
      out.push(tokens[i + 1]);
      i += 2;
      continue;
    }
    out.push(token);
  }
  return out;
}

/**
 * Hash of an expression's normalized text (used for call sites, defaults, argument lists). Names declared
 * in `scope` (the enclosing function, say) are replaced by position, so renaming them changes nothing;
 * with a resolver, constants count by their value; `bindings` carry a caller's arguments into a helper.
 */
export function textFingerprint(node: Node | undefined, scope?: Node, resolver?: Resolver, bindings?: Bindings): string {
  return fingerprint(node ? normalizedText(node, scope ?? node, resolver, bindings) : "");
}

/**
 * Fingerprint a function (or any expression) by its normalized body, plus the fingerprints of the project
 * functions it references, so a change in an imported helper is noticed too. Constants count by value.
 */
export function functionFingerprint(node: Node, resolver: Resolver, memo = new Map<Node, string>(), seen = new Set<Node>()): string {
  const known = memo.get(node);
  if (known !== undefined) return known;
  seen.add(node);
  const parts = [normalizedText(node, node, resolver)];
  const names = localNames(node);
  const followed = new Set<string>();
  node.forEachDescendant((child, traversal) => {
    // Types have no runtime effect: `state: typeof State.State` must not tie a node to the state definition.
    if (Node.isTypeNode(child) || Node.isInterfaceDeclaration(child) || Node.isTypeAliasDeclaration(child)) {
      traversal.skip();
      return;
    }
    if (!Node.isIdentifier(child) || isMemberName(child) || names.has(child.getText())) return;
    if (followed.has(child.getText())) return;
    followed.add(child.getText());
    // A constant used for its value is already in the text as that value.
    const parent = child.getParent();
    const access = parent && (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === child;
    if (resolver.evaluateString(access ? parent : child) !== undefined) return;
    const target = resolver.resolveIdentifier(child);
    if (!target || target instanceof ExternalRef || seen.has(target) || isWithin(target, node)) return;
    const definition = definitionOf(target);
    if (!definition || seen.has(definition)) return;
    parts.push(`${child.getText()}=${functionFingerprint(definition, resolver, memo, seen)}`);
  });
  const result = fingerprint(...parts);
  memo.set(node, result);
  return result;
}

function isWithin(node: Node, container: Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.getPos() >= container.getPos() && node.getEnd() <= container.getEnd();
}

/** The node whose text defines a declaration: a function, a const's initializer, a class. */
function definitionOf(target: Node): Node | undefined {
  if (Node.isVariableDeclaration(target)) return target.getInitializer();
  if (Node.isFunctionDeclaration(target) || Node.isClassDeclaration(target) || Node.isEnumDeclaration(target)) return target;
  return undefined;
}
