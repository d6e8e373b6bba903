/**
 * The rule catalogue: every rule, one per file, listed once. The object is keyed by rule id and checked
 * with `satisfies`, so a key that differs from its rule's id is a compile error.
 */
import type { Rule } from "../define-rule.js";
import { rule as branchAdded } from "./branch-added.js";
import { rule as branchChanged } from "./branch-changed.js";
import { rule as branchRemoved } from "./branch-removed.js";
import { rule as breakpointsChanged } from "./breakpoints-changed.js";
import { rule as configSchemaChanged } from "./config-schema-changed.js";
import { rule as danglingTarget } from "./dangling-target.js";
import { rule as defaultChanged } from "./default-changed.js";
import { rule as edgeAdded } from "./edge-added.js";
import { rule as edgeRemoved } from "./edge-removed.js";
import { rule as edgeRerouted } from "./edge-rerouted.js";
import { rule as endsChanged } from "./ends-changed.js";
import { rule as entrypointRenamed } from "./entrypoint-renamed.js";
import { rule as gotoTargetsChanged } from "./goto-targets-changed.js";
import { rule as graphAdded } from "./graph-added.js";
import { rule as graphKindChanged } from "./graph-kind-changed.js";
import { rule as graphRemoved } from "./graph-removed.js";
import { rule as inputSchemaChanged } from "./input-schema-changed.js";
import { rule as interruptAdded } from "./interrupt-added.js";
import { rule as interruptChanged } from "./interrupt-changed.js";
import { rule as interruptRemoved } from "./interrupt-removed.js";
import { rule as interruptReordered } from "./interrupt-reordered.js";
import { rule as joinChanged } from "./join-changed.js";
import { rule as joinOrderChanged } from "./join-order-changed.js";
import { rule as nodeAdded } from "./node-added.js";
import { rule as nodeFunctionChanged } from "./node-function-changed.js";
import { rule as nodeKindChanged } from "./node-kind-changed.js";
import { rule as nodeOptionsChanged } from "./node-options-changed.js";
import { rule as nodeRemoved } from "./node-removed.js";
import { rule as nodeRenamed } from "./node-renamed.js";
import { rule as nondeterministicControlFlow } from "./nondeterministic-control-flow.js";
import { rule as prebuiltChanged } from "./prebuilt-changed.js";
import { rule as reducerAdded } from "./reducer-added.js";
import { rule as reducerChanged } from "./reducer-changed.js";
import { rule as reducerRemoved } from "./reducer-removed.js";
import { rule as reducerReplaced } from "./reducer-replaced.js";
import { rule as sameNameTaskReordered } from "./same-name-task-reordered.js";
import { rule as sendTargetsChanged } from "./send-targets-changed.js";
import { rule as stateFormChanged } from "./state-form-changed.js";
import { rule as stateKeyAdded } from "./state-key-added.js";
import { rule as stateKeyReadersMoved } from "./state-key-readers-moved.js";
import { rule as stateKeyRemoved } from "./state-key-removed.js";
import { rule as stateKeyRenamed } from "./state-key-renamed.js";
import { rule as taskArgumentsChanged } from "./task-arguments-changed.js";
import { rule as taskInserted } from "./task-inserted.js";
import { rule as taskRemoved } from "./task-removed.js";
import { rule as taskRenamed } from "./task-renamed.js";
import { rule as taskReordered } from "./task-reordered.js";
import { rule as typeChangedWithReducer } from "./type-changed-with-reducer.js";
import { rule as typeNarrowed } from "./type-narrowed.js";
import { rule as typeSourceChanged } from "./type-source-changed.js";
import { rule as typeWidened } from "./type-widened.js";
import { rule as unresolvedElement } from "./unresolved-element.js";

export const rules = {
  "branch-added": branchAdded,
  "branch-changed": branchChanged,
  "branch-removed": branchRemoved,
  "breakpoints-changed": breakpointsChanged,
  "config-schema-changed": configSchemaChanged,
  "dangling-target": danglingTarget,
  "default-changed": defaultChanged,
  "edge-added": edgeAdded,
  "edge-removed": edgeRemoved,
  "edge-rerouted": edgeRerouted,
  "ends-changed": endsChanged,
  "entrypoint-renamed": entrypointRenamed,
  "goto-targets-changed": gotoTargetsChanged,
  "graph-added": graphAdded,
  "graph-kind-changed": graphKindChanged,
  "graph-removed": graphRemoved,
  "input-schema-changed": inputSchemaChanged,
  "interrupt-added": interruptAdded,
  "interrupt-changed": interruptChanged,
  "interrupt-removed": interruptRemoved,
  "interrupt-reordered": interruptReordered,
  "join-changed": joinChanged,
  "join-order-changed": joinOrderChanged,
  "node-added": nodeAdded,
  "node-function-changed": nodeFunctionChanged,
  "node-kind-changed": nodeKindChanged,
  "node-options-changed": nodeOptionsChanged,
  "node-removed": nodeRemoved,
  "node-renamed": nodeRenamed,
  "nondeterministic-control-flow": nondeterministicControlFlow,
  "prebuilt-changed": prebuiltChanged,
  "reducer-added": reducerAdded,
  "reducer-changed": reducerChanged,
  "reducer-removed": reducerRemoved,
  "reducer-replaced": reducerReplaced,
  "same-name-task-reordered": sameNameTaskReordered,
  "send-targets-changed": sendTargetsChanged,
  "state-form-changed": stateFormChanged,
  "state-key-added": stateKeyAdded,
  "state-key-readers-moved": stateKeyReadersMoved,
  "state-key-removed": stateKeyRemoved,
  "state-key-renamed": stateKeyRenamed,
  "task-arguments-changed": taskArgumentsChanged,
  "task-inserted": taskInserted,
  "task-removed": taskRemoved,
  "task-renamed": taskRenamed,
  "task-reordered": taskReordered,
  "type-changed-with-reducer": typeChangedWithReducer,
  "type-narrowed": typeNarrowed,
  "type-source-changed": typeSourceChanged,
  "type-widened": typeWidened,
  "unresolved-element": unresolvedElement,
} satisfies Record<string, Rule>;

// Each key must equal its rule's id: a mismatch turns the property type into `never` and fails here.
type KeysMatchIds<T> = { [K in keyof T]: T[K] extends Rule<K & string> ? T[K] : never };
const keysMatchIds: KeysMatchIds<typeof rules> = rules;
void keysMatchIds;

/** Every rule id of the catalogue. */
export type RuleId = keyof typeof rules;
