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

/**
 * What really happened in a connection that got a session, whatever its events say: the
 * simulator's ground truth, for tests that check what the viewer makes of the log.
 */
export interface SessionPlan {
  attemptId: string;
  clientUserId: number;
  hostComputerName: string;
  /** After the flow's start: the session begins when both sides have completed ... */
  connectedOffsetUs: number;
  /** ... and ends at the client's disconnect, logged or lost. */
  endOffsetUs: number;
  /** When both sides have let go (the later of the two disconnects): the user may connect to the host again. */
  freeOffsetUs: number;
  /** Whether either side's disconnect is in the log (false: both were lost). */
  disconnectLogged: boolean;
}

export interface FlowPlan {
  steps: FlowStep[];
  /** Connections that got a session (not failures); administrative flows have none. */
  session?: SessionPlan;
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
