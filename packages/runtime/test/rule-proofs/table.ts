/**
 * The rule-proof table: for each rule of the catalogue, either proofs on its golden fixtures (run on the
 * reference runtime, and on the real @langchain/langgraph 1.7.3 as a cross-check) or the specific reason
 * it cannot have one. rule-proofs.test.ts fails when a rule of `listRules()` has neither.
 */
import { flowVersionProofs } from "./proofs-flow-version.js";
import { functionalProofs } from "./proofs-functional.js";
import { nodeProofs } from "./proofs-nodes.js";
import { reducerTypeProofs } from "./proofs-reducers-types.js";
import { routingProofs } from "./proofs-routing.js";
import { stateProofs } from "./proofs-state.js";
import type { Proof, Unprovable } from "./types.js";

export const proofs: Proof[] = [...routingProofs, ...nodeProofs, ...stateProofs, ...reducerTypeProofs, ...functionalProofs, ...flowVersionProofs];

export const unprovable: Unprovable[] = [
  {
    rule: "graph-added",
    reason:
      "nothing to resume: a graph id that did not exist before has no threads, and the fixture's existing graph (agent) is byte-identical on both sides",
  },
  {
    rule: "graph-removed",
    reason:
      "no `after` graph to resume on: the id is gone from langgraph.json, so no compiled graph can load the thread's checkpoint at all; what the caller sees is the server rejecting an unknown graph id, not a checkpoint semantic either runtime models",
  },
  {
    rule: "prebuilt-changed",
    reason:
      "cannot load the fixture: it builds agents with ChatOpenAI (@langchain/openai), createReactAgent (@langchain/langgraph/prebuilt) and createSupervisor (@langchain/langgraph-supervisor), which the reference runtime does not implement and which are not dependencies here; running them would also call a model",
  },
  {
    rule: "type-source-changed",
    reason:
      "types are erased before anything runs: Annotation<Document> and Annotation<DocumentInterface> compile to the same JavaScript, so no thread can behave differently; the rule asks for a human review of a type it could not model and claims no thread outcome",
  },
  {
    rule: "unresolved-element",
    reason:
      "its claim is about the analysis (outcome none): a goto target it could not resolve statically; what the computed target does to a thread is what goto-targets-changed and dangling-target claim, and those are proved on their own fixtures",
  },
];
