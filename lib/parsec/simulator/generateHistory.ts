import type { EventNames } from "./eventNames";
import { EventStore, type EventRow } from "./eventStore";
import type { FlowStep } from "./flowPlan";
import { KSUID_WORDS, ksuidSecondsOf } from "./ksuid";
import { Prng } from "./prng";
import { hasMicroseconds } from "./renderEvent";
import { sampleWorkTime } from "./workHours";
import { STREAM_FLOW_START, type World } from "./world";

/**
 * Builds the history: team_create, the team's lifecycle events, then random flows at work-hours
 * times until the target count is reached. Steps that fall after the end of the history (a
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

export function generateHistory(world: World, names: EventNames, targetEvents: number): History {
  const { model } = world;
  const store = new EventStore(targetEvents + 64);
  const pending: PendingEvent[] = [];
  const row = newRow();
  const emit = (flow: number): void => {
    const plan = world.buildPlan(flow);
    const start = world.startOf(flow);
    plan.steps.forEach((step, index) => {
      fillRow(world, names, row, flow, index, step, start + step.offsetUs);
      if (row.us > model.endUs) pending.push({ flow, step: index, us: row.us });
      else store.push(row);
    });
  };
  for (let flow = 0; flow < world.flowCount; flow++) emit(flow);
  while (store.length < targetEvents) {
    const flow = world.flowCount;
    world.addFlow(sampleWorkTime(new Prng(world.seed, STREAM_FLOW_START, flow), model.firstActivityUs, model.endUs));
    emit(flow);
  }
  store.sort();
  pending.sort((a, b) => a.us - b.us);
  return { store, pending };
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
