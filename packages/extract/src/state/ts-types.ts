import { Node, SyntaxKind, type EnumDeclaration, type InterfaceDeclaration, type TypeNode } from "ts-morph";
import type { JsonSchema } from "@langgraph-compat/snapshot";
import { ExternalRef } from "../resolve.js";
import { isMissingProjectFile, type Scope } from "./common.js";
import {
  NEVER,
  arrayOf,
  foldNull,
  intersectionOf,
  objectSchema,
  plain,
  recordOf,
  sourceType,
  unionOf,
  type TypeInfo,
} from "./json.js";

/** Global types that need no declaration in the project; they are kept by their source text. */
const GLOBAL_TYPES = new Set([
  "Date", "Map", "Set", "WeakMap", "WeakSet", "Promise", "RegExp", "Error", "Function", "Object", "String",
  "Number", "Boolean", "Symbol", "BigInt", "Uint8Array", "ArrayBuffer", "Buffer", "URL", "Blob", "File",
  "Response", "Request", "Headers", "AbortSignal", "Iterable", "AsyncIterable", "ReadonlyMap", "ReadonlySet",
  "Partial", "Required", "Readonly", "Pick", "Omit", "NonNullable", "ReturnType", "Awaited", "Exclude", "Extract",
  "Parameters", "InstanceType", "Uppercase", "Lowercase", "Capitalize", "Uncapitalize", "PromiseLike", "ArrayLike",
]);

/**
 * Converts TypeScript type nodes (the `T` of `Annotation<T>`, `z.custom<T>()`, interfaces and aliases
 * in project files) into JSON Schema, following type names across files without a type checker.
 */
export class TypeConverter {
  private readonly active = new Set<Node>();

  constructor(private readonly scope: Scope) {}

  /** The JSON Schema of a type node, with null/undefined as flags. */
  convert(node: TypeNode | undefined): TypeInfo {
    if (!node) return plain({});
    try {
      return this.convertNode(node);
    } catch {
      return plain(sourceType(node.getText())); // never throw on odd input
    }
  }

  /** Properties of an object-like type (type literal, interface, alias of one), or undefined. */
  membersOf(node: TypeNode | undefined): Map<string, TypeInfo> | undefined {
    if (!node) return undefined;
    const info = this.convert(node);
    const properties = info.schema.properties as Record<string, JsonSchema> | undefined;
    if (info.schema.type !== "object" || !properties) return undefined;
    const required = new Set((info.schema.required as string[] | undefined) ?? []);
    const members = new Map<string, TypeInfo>();
    for (const [key, schema] of Object.entries(properties)) members.set(key, unfold(schema, !required.has(key)));
    return members;
  }

  private convertNode(node: TypeNode): TypeInfo {
    switch (node.getKind()) {
      case SyntaxKind.StringKeyword:
        return plain({ type: "string" });
      case SyntaxKind.NumberKeyword:
        return plain({ type: "number" });
      case SyntaxKind.BooleanKeyword:
        return plain({ type: "boolean" });
      case SyntaxKind.AnyKeyword:
      case SyntaxKind.UnknownKeyword:
        return plain({});
      case SyntaxKind.NeverKeyword:
        return plain(NEVER);
      case SyntaxKind.ObjectKeyword:
        return plain({ type: "object" });
      case SyntaxKind.UndefinedKeyword:
      case SyntaxKind.VoidKeyword:
        return { schema: NEVER, optional: true, nullable: false };
      default:
        break;
    }
    if (Node.isLiteralTypeNode(node)) return this.literal(node);
    if (Node.isParenthesizedTypeNode(node)) return this.convertNode(node.getTypeNode());
    if (Node.isUnionTypeNode(node)) return unionOf(node.getTypeNodes().map((t) => this.convertNode(t)));
    if (Node.isIntersectionTypeNode(node)) return intersectionOf(node.getTypeNodes().map((t) => this.convertNode(t)));
    if (Node.isArrayTypeNode(node)) return plain(arrayOf(this.convertNode(node.getElementTypeNode())));
    if (Node.isTupleTypeNode(node)) {
      const items = node.getElements().map((e) => foldNull(this.convertNode(Node.isNamedTupleMember(e) ? e.getTypeNode() : e)));
      return plain({ type: "array", prefixItems: items });
    }
    if (Node.isTypeOperatorTypeNode(node) && node.getOperator() === SyntaxKind.ReadonlyKeyword) {
      return this.convertNode(node.getTypeNode());
    }
    if (Node.isTypeLiteral(node)) return plain(this.members(node.getMembers()));
    if (Node.isTypeReference(node)) return this.reference(node);
    if (Node.isTypeQuery(node)) return this.typeQuery(node);
    return plain(sourceType(node.getText()));
  }

  /** `typeof END`, `typeof SOME_CONST`: the value's literal type when it is a static string. */
  private typeQuery(node: Node): TypeInfo {
    if (!Node.isTypeQuery(node) || node.getTypeArguments().length > 0) return plain(sourceType(node.getText()));
    const name = node.getExprName();
    const { resolver } = this.scope.ctx;
    if (Node.isIdentifier(name)) {
      if (resolver.isLangGraph(name, "END")) return plain({ const: "__end__" });
      if (resolver.isLangGraph(name, "START")) return plain({ const: "__start__" });
      const value = resolver.valueOf(name);
      const text = value !== name && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))
        ? value.getLiteralValue()
        : undefined;
      if (text !== undefined) return plain({ const: text });
    }
    return plain(sourceType(node.getText()));
  }

  private literal(node: Node): TypeInfo {
    if (!Node.isLiteralTypeNode(node)) return plain(sourceType(node.getText()));
    const literal = node.getLiteral();
    if (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) return plain({ const: literal.getLiteralValue() });
    if (Node.isNumericLiteral(literal)) return plain({ const: literal.getLiteralValue() });
    if (Node.isPrefixUnaryExpression(literal) && literal.getOperatorToken() === SyntaxKind.MinusToken) {
      const operand = literal.getOperand();
      if (Node.isNumericLiteral(operand)) return plain({ const: -operand.getLiteralValue() });
    }
    if (literal.getKind() === SyntaxKind.TrueKeyword) return plain({ const: true });
    if (literal.getKind() === SyntaxKind.FalseKeyword) return plain({ const: false });
    if (literal.getKind() === SyntaxKind.NullKeyword) return { schema: NEVER, optional: false, nullable: true };
    return plain(sourceType(node.getText()));
  }

  /** Properties, index signatures and methods of a type literal or interface body. */
  private members(members: Node[], base?: JsonSchema): JsonSchema {
    const properties = new Map<string, TypeInfo>();
    if (base?.properties) {
      const required = new Set((base.required as string[] | undefined) ?? []);
      for (const [key, schema] of Object.entries(base.properties as Record<string, JsonSchema>)) {
        properties.set(key, unfold(schema, !required.has(key)));
      }
    }
    let additional = base?.additionalProperties as JsonSchema | undefined;
    for (const member of members) {
      if (Node.isPropertySignature(member)) {
        const nameNode = member.getNameNode();
        const key = Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? String(nameNode.getLiteralValue()) : member.getName();
        const info = member.getTypeNode() ? this.convertNode(member.getTypeNodeOrThrow()) : plain({});
        properties.set(key, member.hasQuestionToken() ? { ...info, optional: true } : info);
      } else if (Node.isMethodSignature(member)) {
        properties.set(member.getName(), plain(sourceType(member.getText())));
      } else if (Node.isIndexSignatureDeclaration(member)) {
        const value = member.getReturnTypeNode();
        additional = foldNull(value ? this.convertNode(value) : plain({}));
      }
    }
    return objectSchema(properties, additional);
  }

  private reference(node: Node): TypeInfo {
    if (!Node.isTypeReference(node)) return plain(sourceType(node.getText()));
    const typeName = node.getTypeName();
    const args = node.getTypeArguments();
    const text = typeName.getText();
    if ((text === "Array" || text === "ReadonlyArray") && args.length === 1) return plain(arrayOf(this.convertNode(args[0]!)));
    if (text === "Record" && args.length === 2) return plain(recordOf(this.convertNode(args[0]!), this.convertNode(args[1]!)));
    const utility = this.utilityType(text, args);
    if (utility) return utility;
    const target = this.resolveTypeName(typeName);
    if (target instanceof ExternalRef || !target) return plain(sourceType(node.getText()));
    if (this.active.has(target)) return plain(sourceType(node.getText())); // a recursive type
    this.active.add(target);
    try {
      if (Node.isEnumDeclaration(target)) return plain(this.enumSchema(target));
      if (Node.isEnumMember(target)) return plain(this.enumMemberSchema(target));
      if (args.length > 0) return plain(sourceType(node.getText())); // generic instantiation: not substituted
      if (Node.isInterfaceDeclaration(target)) return plain(this.interfaceSchema(target));
      if (Node.isTypeAliasDeclaration(target) && target.getTypeParameters().length === 0) {
        return this.convertNode(target.getTypeNodeOrThrow());
      }
      return plain(sourceType(node.getText()));
    } finally {
      this.active.delete(target);
    }
  }

  /** `Partial`, `Required`, `Readonly`, `NonNullable`, `Pick`, `Omit` of types we can read. */
  private utilityType(name: string, args: TypeNode[]): TypeInfo | undefined {
    const [first, second] = args;
    if (!first) return undefined;
    if (name === "Readonly" && args.length === 1) return this.convertNode(first);
    if (name === "NonNullable" && args.length === 1) return { ...this.convertNode(first), optional: false, nullable: false };
    const inner = this.convertNode(first);
    const properties = inner.schema.properties as Record<string, JsonSchema> | undefined;
    if (inner.schema.type !== "object" || !properties) return undefined;
    const required = (inner.schema.required as string[] | undefined) ?? [];
    if (name === "Partial" && args.length === 1) {
      const { required: _dropped, ...rest } = inner.schema;
      void _dropped;
      return { ...inner, schema: rest };
    }
    if (name === "Required" && args.length === 1) {
      return { ...inner, schema: { ...inner.schema, required: Object.keys(properties).sort() } };
    }
    if ((name === "Pick" || name === "Omit") && second) {
      const keys = this.convertNode(second).schema;
      const listed = "const" in keys ? [keys.const] : Array.isArray(keys.enum) ? (keys.enum as unknown[]) : undefined;
      if (!listed) return undefined;
      const keep = (key: string) => listed.includes(key) === (name === "Pick");
      const picked = Object.fromEntries(Object.entries(properties).filter(([key]) => keep(key)));
      const schema: JsonSchema = { ...inner.schema, properties: picked };
      const kept = required.filter(keep);
      if (kept.length > 0) schema.required = kept;
      else delete schema.required;
      return { ...inner, schema };
    }
    return undefined;
  }

  /** Resolve `Name` or `ns.Name` / `Enum.Member` to a declaration, an ExternalRef, or undefined. */
  private resolveTypeName(name: Node): Node | ExternalRef | undefined {
    const { ctx } = this.scope;
    if (Node.isIdentifier(name)) {
      const resolved = ctx.resolver.resolveIdentifier(name);
      if (resolved instanceof ExternalRef && isMissingProjectFile(resolved)) {
        this.scope.unresolved.push(ctx.unresolved("state-key", `type \`${name.getText()}\` is imported from "${resolved.module}", which is not a project file the analyzer can find.`, name));
      } else if (!resolved && !GLOBAL_TYPES.has(name.getText())) {
        this.scope.unresolved.push(ctx.unresolved("state-key", `type \`${name.getText()}\` is not declared or imported in the project, so its shape is unknown.`, name));
      }
      return resolved;
    }
    if (Node.isQualifiedName(name)) {
      const left = this.resolveTypeName(name.getLeft());
      if (!left || left instanceof ExternalRef) return left;
      const right = name.getRight().getText();
      if (Node.isSourceFile(left)) return ctx.resolver.findExport(left, right);
      if (Node.isEnumDeclaration(left)) return left.getMember(right);
    }
    return undefined;
  }

  private interfaceSchema(declaration: InterfaceDeclaration): JsonSchema {
    let base: JsonSchema | undefined;
    for (const heritage of declaration.getExtends()) {
      const expression = heritage.getExpression();
      const target = Node.isIdentifier(expression) ? this.resolveTypeName(expression) : undefined;
      if (target && !(target instanceof ExternalRef) && Node.isInterfaceDeclaration(target) && !this.active.has(target)) {
        this.active.add(target);
        const inherited = this.interfaceSchema(target);
        this.active.delete(target);
        base = base ? intersectionOf([plain(base), plain(inherited)]).schema : inherited;
      } else {
        base = base ? intersectionOf([plain(base), plain(sourceType(heritage.getText()))]).schema : sourceType(heritage.getText());
      }
    }
    const own = this.members(declaration.getMembers(), base?.type === "object" ? base : undefined);
    return base && base.type !== "object" ? { allOf: [base, own] } : own;
  }

  /** The values of an enum, sorted: `{ enum: [...] }` (or `const` for a single member). */
  enumSchema(declaration: EnumDeclaration): JsonSchema {
    return unionOf(declaration.getMembers().map((m) => plain(this.enumMemberSchema(m)))).schema;
  }

  private enumMemberSchema(member: Node): JsonSchema {
    if (!Node.isEnumMember(member)) return sourceType(member.getText());
    const value = enumMemberValue(member);
    return value === undefined ? sourceType(member.getText()) : { const: value };
  }
}

/** The value of an enum member: its string/number initializer, or the previous numeric member + 1. */
export function enumMemberValue(member: Node): string | number | undefined {
  if (!Node.isEnumMember(member)) return undefined;
  const init = member.getInitializer();
  if (init) {
    if (Node.isStringLiteral(init) || Node.isNoSubstitutionTemplateLiteral(init)) return init.getLiteralValue();
    if (Node.isNumericLiteral(init)) return init.getLiteralValue();
    if (Node.isPrefixUnaryExpression(init) && init.getOperatorToken() === SyntaxKind.MinusToken) {
      const operand = init.getOperand();
      if (Node.isNumericLiteral(operand)) return -operand.getLiteralValue();
    }
    return undefined;
  }
  const previous = member.getPreviousSibling((n) => Node.isEnumMember(n));
  if (!previous) return 0;
  const before = enumMemberValue(previous);
  return typeof before === "number" ? before + 1 : undefined;
}

/** Split a nested property schema back into a TypeInfo (null out of `anyOf`). */
function unfold(schema: JsonSchema, optional: boolean): TypeInfo {
  if (schema.type === "null" && Object.keys(schema).length === 1) return { schema: NEVER, optional, nullable: true };
  const members = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : undefined;
  if (members && members.some((m) => m.type === "null" && Object.keys(m).length === 1)) {
    const info = unionOf(members.map((m) => plain(m)));
    return { ...info, optional };
  }
  return { schema, optional, nullable: false };
}
