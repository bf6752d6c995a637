/**
 * A flow is what one action leaves in the log: a whole connection attempt (offer, relay, both
 * completions, both disconnects) or a single administrative event. Its plan is regenerated from
 * (seed, flow index, start) whenever one of its events is served, so nothing but the start is kept.
 */

export interface FlowStep {
  name: string;
  userId: number;
  /** Time after the flow's start. */
  offsetUs: number;
}

export interface FlowPlan {
  steps: FlowStep[];
  /** The event's `data` object for one step, keys in alphabetical order as Parsec's are. */
  data(step: number): Record<string, unknown>;
}

/** Builds an object with its keys in alphabetical order (Parsec's data maps come out sorted). */
export function sortedObject(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
