/** All differential scenarios, one entry per semantics row. Adding a row is adding an entry. */
import type { Scenario } from "../harness.js";
import { breakpointScenarios } from "./breakpoints.js";
import { functionalScenarios } from "./functional.js";
import { interruptScenarios } from "./interrupts.js";
import { stateScenarios } from "./state.js";
import { subgraphScenarios } from "./subgraphs.js";
import { pathScenarios } from "./paths.js";
import { routingScenarios } from "./routing.js";
import { topologyScenarios } from "./topology.js";
import { zodScenarios } from "./zod.js";

export const scenarios: Scenario[] = [
  ...interruptScenarios,
  ...topologyScenarios,
  ...routingScenarios,
  ...stateScenarios,
  ...breakpointScenarios,
  ...functionalScenarios,
  ...subgraphScenarios,
  ...zodScenarios,
  ...pathScenarios,
];
