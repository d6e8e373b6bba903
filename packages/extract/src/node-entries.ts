import { Node } from "ts-morph";
import type { GraphSnapshot } from "@langgraph-compat/snapshot";
import type { ExtractContext } from "./context.js";
import type { BuilderCall } from "./builder.js";
import { nameOf } from "./graph.js";
import { arrayEntries, objectEntries, propertyValue } from "./spread.js";

/** The node name an object-form entry gives (`{ plan: fn }`, `{ "a b": fn }`, `{ [Step.Plan]: fn }`). */
function propertyKey(ctx: ExtractContext, graph: GraphSnapshot, property: Node): string | undefined {
  const nameNode = (property as unknown as { getNameNode(): Node }).getNameNode();
  if (Node.isComputedPropertyName(nameNode)) {
    const name = ctx.resolver.evaluateString(nameNode.getExpression());
    if (name === undefined) graph.unresolved.push(ctx.unresolved("node-name", "node name is a computed key known only at run time", nameNode));
    return name;
  }
  if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralValue();
  return nameNode.getText();
}

/** A node an `addNode`/`addSequence` list or record defines; undefined where the entry cannot be read. */
export interface NodeEntry {
  name: string;
  action: Node;
  options?: Node;
  at: Node;
}

/**
 * The nodes a record (`{ plan: fn }`) or list (`[["plan", fn, options?]]`) defines, in order, spreads of
 * known consts expanded. Each entry we cannot read is recorded as unresolved and gives `undefined`, so a
 * sequence does not link across it. In a record a repeated key keeps its first place and its last value,
 * as JavaScript does.
 */
export function nodeEntries(ctx: ExtractContext, graph: GraphSnapshot, value: Node, builderCall: BuilderCall): Array<NodeEntry | undefined> {
  const out: Array<NodeEntry | undefined> = [];
  if (Node.isArrayLiteralExpression(value)) {
    for (const entry of arrayEntries(ctx, value)) {
      if (entry.kind === "spread") {
        graph.unresolved.push(ctx.unresolved("node", "node entries are spread from a value we cannot read", entry.spread));
        out.push(undefined);
        continue;
      }
      const tuple = ctx.resolver.valueOf(entry.element);
      if (!Node.isArrayLiteralExpression(tuple)) {
        graph.unresolved.push(ctx.unresolved("node", "node entry is not a [name, action] pair", entry.element));
        out.push(undefined);
        continue;
      }
      const [nameExpr, action, options] = tuple.getElements();
      const name = nameOf(ctx, graph, nameExpr, builderCall, "node name");
      out.push(name !== undefined && action ? { name, action, options, at: entry.element } : undefined);
    }
    return out;
  }
  if (!Node.isObjectLiteralExpression(value)) return out;
  const position = new Map<string, number>();
  for (const entry of objectEntries(ctx, value)) {
    if (entry.kind === "spread") {
      graph.unresolved.push(ctx.unresolved("node", "node entries are spread from a value we cannot read", entry.spread));
      out.push(undefined);
      continue;
    }
    const action = propertyValue(entry.property);
    if (!action) {
      graph.unresolved.push(ctx.unresolved("node", "node entry is not a name: action pair", entry.property));
      out.push(undefined);
      continue;
    }
    const name = propertyKey(ctx, graph, entry.property);
    if (name === undefined) {
      out.push(undefined);
      continue;
    }
    const seen = position.get(name);
    if (seen !== undefined) out[seen] = { name, action, at: entry.property };
    else {
      position.set(name, out.length);
      out.push({ name, action, at: entry.property });
    }
  }
  return out;
}
