import { Node } from "ts-morph";
import type { ChannelDefault, ChannelSnapshot, Reducer } from "@langgraph-compat/snapshot";
import { fingerprint } from "@langgraph-compat/snapshot";
import { unwrap } from "../resolve.js";
import {
  MESSAGES_DEFAULT,
  MESSAGES_TYPE,
  channel,
  follow,
  isLangGraphValue,
  messagesChannel,
  objectProperty,
  objectChannels,
  reducerOf,
  type Scope,
} from "./common.js";
import { plain } from "./json.js";
import { unknownField, zodChannel, zodField, type ZodField } from "./zod.js";

/** The fields object of `new StateSchema(fields)` when `expr` is one, else undefined. */
export function stateSchemaFields(scope: Scope, expr: Node): { fields?: Node; definition: Node } | undefined {
  const node = follow(scope.ctx, expr).node;
  if (!Node.isNewExpression(node) || !isLangGraphValue(scope, node.getExpression(), "StateSchema")) return undefined;
  const fields = node.getArguments()[0];
  return fields ? { fields, definition: node } : { definition: node };
}

/** Channels of a `new StateSchema({...})` expression, or undefined when it is not one. */
export function stateSchemaChannels(scope: Scope, expr: Node): Map<string, ChannelSnapshot> | undefined {
  const schema = stateSchemaFields(scope, expr);
  if (!schema) return undefined;
  return schema.fields ? fieldsChannels(scope, schema.fields) : new Map();
}

function fieldsChannels(scope: Scope, expr: Node, depth = 0): Map<string, ChannelSnapshot> {
  const channels = new Map<string, ChannelSnapshot>();
  const node = follow(scope.ctx, expr).node;
  if (depth > 20 || !Node.isObjectLiteralExpression(node)) {
    scope.unresolved.push(scope.ctx.unresolved("state", "the StateSchema fields are not an object literal the analyzer can read.", expr));
    return channels;
  }
  return objectChannels(
    scope,
    node,
    (expr) => {
      const spread = unwrap(expr);
      const owner = Node.isPropertyAccessExpression(spread) && spread.getName() === "fields"
        ? stateSchemaChannels(scope, spread.getExpression())
        : undefined;
      return owner ?? fieldsChannels(scope, spread, depth + 1);
    },
    (key, value, property) => fieldChannel(scope, key, value, property),
  );
}

/** `undefined` or `void 0`: no schema given. */
function isUndefined(expr: Node): boolean {
  const node = unwrap(expr);
  return (Node.isIdentifier(node) && node.getText() === "undefined") || Node.isVoidExpression(node);
}

/** The default a value schema gives a StateSchema channel (its zod `.default()`, applied to old threads). */
function schemaDefault(field: ZodField): ChannelDefault {
  return field.zodDefault ? { kind: "channel", fingerprint: field.zodDefault } : { kind: "none" };
}

/**
 * One StateSchema field, as `StateSchema.getChannels` builds it: `ReducedValue`/`DeltaValue` (reducer,
 * default from the value schema), `UntrackedValue`, the prebuilt `MessagesValue`/`MessagesDeltaValue`, or a
 * plain schema (`LastValue` with the schema's default).
 */
function fieldChannel(scope: Scope, name: string, expr: Node, at: Node): ChannelSnapshot {
  if (isLangGraphValue(scope, expr, "MessagesValue")) return messagesChannel(scope, name, at);
  if (isLangGraphValue(scope, expr, "MessagesDeltaValue")) {
    // A delta channel stores messages differently from MessagesValue; the Reducer type has no kind for it.
    const reducer: Reducer = { kind: "custom", name: "messagesDeltaReducer", fingerprint: fingerprint("@langchain/langgraph#messagesDeltaReducer") };
    return channel(scope, name, at, plain(MESSAGES_TYPE), reducer, MESSAGES_DEFAULT);
  }
  const node = follow(scope.ctx, expr).node;
  const sub = (e: Node | undefined): ZodField =>
    e && !isUndefined(e) ? zodField(scope, e) ?? unknownField(scope, e, "a schema") : { info: plain({}) };
  if (Node.isNewExpression(node)) {
    const args = node.getArguments();
    const callee = node.getExpression();
    if (isLangGraphValue(scope, callee, "ReducedValue", "DeltaValue")) {
      const value = sub(args[0]);
      const init = args[1] ? follow(scope.ctx, args[1]).node : undefined;
      const fn = init ? objectProperty(scope, init, "reducer") : undefined;
      let reducer: Reducer = { kind: "none" };
      if (fn) reducer = reducerOf(scope, fn);
      else {
        scope.unresolved.push(scope.ctx.unresolved("reducer", `the reducer of field "${name}" is not in an object literal the analyzer can read.`, node));
        reducer = { kind: "custom", fingerprint: scope.ctx.textFingerprint(args[1] ?? node) };
      }
      return channel(scope, name, at, value.info, reducer, schemaDefault(value));
    }
    if (isLangGraphValue(scope, callee, "UntrackedValue")) {
      const value = sub(args[0]);
      return channel(scope, name, at, value.info, { kind: "none" }, schemaDefault(value), true);
    }
  }
  const field = zodField(scope, expr) ?? unknownField(scope, expr, "a schema");
  return zodChannel(scope, name, { field, at }, "state-schema");
}
