import { Command, Send } from "@langchain/langgraph";
import { LOOKUP } from "../steps.js";
import type { SupportStateType } from "../state.js";

export async function lookup(state: { ticketId: string; source: string }) {
  return { findings: [`${state.source}: notes for ${state.ticketId}`] };
}

/** Fan out one lookup per knowledge source; the lookups lead on to drafting. */
export async function research(state: SupportStateType) {
  const sources = ["faq", "tickets"];
  return new Command({
    goto: sources.map((source) => new Send(LOOKUP, { ticketId: state.ticketId, source })),
  });
}
