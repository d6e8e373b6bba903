/**
 * The three kinds of state schema a `StateGraph` accepts, behind one interface: which keys there are,
 * their channels, and what is validated when (M7: only written keys, only when written).
 */
import { AnnotationRoot } from "./annotation.js";
import type { Channel } from "./channels.js";
import { Command, isCommand } from "./constants.js";
import { isStateSchema, type StateSchema } from "./state-schema.js";
import { isZodObject, validateCommandUpdate, validateInput, validateWrites, zodChannels, type ZodObjectLike } from "./zod.js";

/** What a graph needs from its state schema. */
export interface StateDefinition {
  keys: string[];
  channels(): Record<string, Channel>;
  /** Checks a node's state writes (the keys it returned). */
  validateWrites(writes: [string, unknown][]): Promise<[string, unknown][]>;
  /** Checks `invoke` input or a `Command.update` before the run starts; undefined: no validation. */
  validateInput?(input: unknown): Promise<unknown>;
}

/** Any accepted schema: `Annotation.Root(...)`, a zod object, or a `StateSchema`. */
export type StateSchemaInput = AnnotationRoot | ZodObjectLike | StateSchema;

/** The definition behind a schema. */
export function stateDefinition(schema: StateSchemaInput): StateDefinition {
  if (isZodObject(schema)) {
    return {
      keys: Object.keys(schema.shape),
      channels: () => zodChannels(schema),
      validateWrites: async (writes) => validateWrites(schema, writes),
      validateInput: async (input) => {
        if (!isCommand(input)) return input === null || input === undefined ? input : validateInput(schema, input);
        return withUpdate(input, (update) => validateCommandUpdate(schema, update));
      },
    };
  }
  if (isStateSchema(schema)) {
    const keys = Object.keys(schema.fields);
    return {
      keys,
      channels: () => schema.channels(),
      validateWrites: async (writes) => {
        const checked: [string, unknown][] = [];
        for (const [key, value] of writes) {
          if (!keys.includes(key)) checked.push([key, value]);
          else checked.push([key, ((await schema.validateInput({ [key]: value })) as Record<string, unknown>)[key]]);
        }
        return checked;
      },
      validateInput: async (input) => (isCommand(input) ? withUpdate(input, async (u) => (await schema.validateInput(u)) as Record<string, unknown>) : schema.validateInput(input)),
    };
  }
  const root = schema as AnnotationRoot;
  return { keys: Object.keys(root.spec), channels: () => root.channels(), validateWrites: async (writes) => writes };
}

/** A copy of `command` whose update went through `check`. */
async function withUpdate(command: Command, check: (update: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>): Promise<Command> {
  if (command.update === undefined) return command;
  const update = Array.isArray(command.update) ? Object.fromEntries(command.update) : command.update;
  return new Command({ resume: command.resume, goto: command.goto, update: await check(update) });
}
