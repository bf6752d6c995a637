import type { EventNames } from "./eventNames";
import { EventStore, type EventRow } from "./eventStore";
import type { FlowPlan, FlowStep } from "./flowPlan";
import { KSUID_WORDS, ksuidSecondsOf } from "./ksuid";
import { Prng } from "./prng";
import { hasMicroseconds } from "./renderEvent";
import type { SessionBook } from "./sessionBook";
import { sampleWorkTime } from "./workHours";
import { STREAM_FLOW_START, type World } from "./world";

/**
 * Builds the history: team_create, the team's lifecycle events, then random flows at work-hours
 * times until the target count is reached, no one connected twice to one host at once. Steps that fall after the end of the history (a
 * connection still open at "now") are kept aside as pending, for a live feed to release later.
 */

export interface PendingEvent {
  flow: number;
  step: number;
  us: number;
}

export interface History {
  store: EventStore;
  pending: PendingEvent[];
}

export function generateHistory(world: World, names: EventNames, sessions: SessionBook, targetEvents: number): History {
  const { model } = world;
  const store = new EventStore(targetEvents + 64);
  const pending: PendingEvent[] = [];
  const row = newRow();
  const emit = (flow: number, plan = world.buildPlan(flow)): void => {
    const start = world.startOf(flow);
    plan.steps.forEach((step, index) => {
      fillRow(world, names, row, flow, index, step, start + step.offsetUs);
      if (row.us > model.endUs) pending.push({ flow, step: index, us: row.us });
      else store.push(row);
    });
  };
  for (let flow = 0; flow < world.flowCount; flow++) emit(flow);
  while (store.length < targetEvents) {
    const rng = new Prng(world.seed, STREAM_FLOW_START, world.flowCount);
    const placed = placeFlow(world, sessions, () => sampleWorkTime(rng, model.firstActivityUs, model.endUs));
    if (placed) emit(placed.flow, placed.plan);
  }
  store.sort();
  pending.sort((a, b) => a.us - b.us);
  return { store, pending };
}

/** How often a connection's start is drawn again before the flow is given up. */
const MAX_PLACEMENTS = 32;

/**
 * Adds a flow at a start from `draw`, drawn again while the connection would overlap one of the
 * same user's sessions to the same host (sessionBook.ts), and books its session. Null when no
 * start fitted: the flow is voided (no events), and the caller goes on with the next one.
 */
export function placeFlow(world: World, sessions: SessionBook, draw: () => number): { flow: number; plan: FlowPlan } | null {
  const flow = world.addFlow(draw());
  for (let attempt = 1; ; attempt++) {
    const plan = world.buildPlan(flow);
    const start = world.startOf(flow);
    if (!plan.session || sessions.fits(plan.session, start)) {
      if (plan.session) sessions.add(plan.session, start);
      return { flow, plan };
    }
    if (attempt === MAX_PLACEMENTS) {
      world.voidFlow(flow);
      return null;
    }
    world.moveFlow(flow, draw());
  }
}

export function newRow(): EventRow {
  return { id: new Uint32Array(KSUID_WORDS), us: 0, flow: 0, step: 0, userId: 0, nameIndex: 0 };
}

/**
 * Fills `row` for one step of a flow. Most events are written with millisecond precision, as in
 * the documented example, so the time is cut to the millisecond unless the id says otherwise.
 */
export function fillRow(world: World, names: EventNames, row: EventRow, flow: number, stepIndex: number, step: FlowStep, rawUs: number): void {
  world.payload(flow, stepIndex, row.id, 1);
  const us = hasMicroseconds(row.id, 0) ? Math.floor(rawUs) : Math.floor(rawUs / 1000) * 1000;
  row.id[0] = ksuidSecondsOf(us);
  row.us = us;
  row.flow = flow;
  row.step = stepIndex;
  row.userId = step.userId;
  row.nameIndex = names.indexOf(step.name);
}
