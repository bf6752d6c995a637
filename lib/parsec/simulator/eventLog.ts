import { EventNames } from "./eventNames";
import { INJECTED_STEP, MALFORMED_STEP, type EventRow, type EventStore } from "./eventStore";
import { fillRow, generateHistory, newRow, placeFlow, type PendingEvent } from "./generateHistory";
import { encodeKsuid, KSUID_WORDS } from "./ksuid";
import { makeMalformedEvents, type MalformedEvent } from "./malformedEvents";
import { Prng } from "./prng";
import { buildScenario, type ScenarioRequest } from "./scenarios";
import { renderEvent } from "./renderEvent";
import type { TeamModel } from "./teamModel";
import type { SessionTruth } from "./types";
import { SessionBook } from "./sessionBook";
import { activityBetween, MEAN_ACTIVITY, sampleWorkTime } from "./workHours";
import { World } from "./world";

/**
 * The simulated team's audit log: the sorted store of served events, the events still to come
 * (pending), and the malformed ones. Everything that changes the log goes through here.
 */

const STREAM_APPEND = 5;
const STREAM_LIVE = 6;
const EARLIEST_US = 1_400_000_000_000_000;
/** The live feed draws its flows one hour of simulated time at a time, in order (see advanceLive). */
const LIVE_SLOT_US = 3_600_000_000;
/** Above this many expected flows in a slot a normal draw stands in for the Poisson one. */
const POISSON_EXACT_BELOW = 30;

export class EventLog {
  readonly world: World;
  readonly names = new EventNames();
  readonly store: EventStore;
  readonly malformedEvents: MalformedEvent[];
  private pending: PendingEvent[];
  /** Scenario events by id, as served (their rows carry INJECTED_STEP). */
  private readonly injected = new Map<string, Record<string, unknown>>();
  private readonly appendRng: Prng;
  /** Every session planned so far (history, appends, live feed): no one is connected twice to one host. */
  private readonly sessions = new SessionBook();
  /** Slots of the live feed drawn so far, and the history's rate of flows per unit of activity. */
  private liveSlots = 0;
  private readonly flowsPerActivity: number;

  constructor(model: TeamModel, targetEvents: number, malformedCount: number) {
    this.world = new World(model);
    const history = generateHistory(this.world, this.names, this.sessions, targetEvents);
    this.store = history.store;
    this.pending = history.pending;
    const randomFlows = this.world.flowCount - 1 - model.lifecycle.length;
    this.flowsPerActivity = randomFlows / Math.max(1, (model.endUs - model.firstActivityUs) * MEAN_ACTIVITY);
    this.malformedEvents = makeMalformedEvents(model, this.names, malformedCount);
    this.store.insertSorted(this.malformedEvents.map((m) => m.row).sort(compareRows));
    this.appendRng = new Prng(model.seed, STREAM_APPEND);
  }

  get model(): TeamModel {
    return this.world.model;
  }

  count(): number {
    return this.store.length;
  }

  isMalformed(position: number): boolean {
    return this.store.step[position] === MALFORMED_STEP;
  }

  /** The event at a position of the sorted store, as served. */
  render(position: number): Record<string, unknown> {
    const { store } = this;
    const flow = store.flow[position] as number;
    const step = store.step[position] as number;
    if (step === MALFORMED_STEP) return (this.malformedEvents[flow] as MalformedEvent).served;
    const offset = position * KSUID_WORDS;
    if (step === INJECTED_STEP) return this.injected.get(encodeKsuid(store.ids, offset)) as Record<string, unknown>;
    return renderEvent(this.model, this.world.plan(flow), step, store.us[position] as number, store.idAt(position), store.ids, offset);
  }

  *groundTruth(): Generator<Record<string, unknown>> {
    for (let i = 0; i < this.store.length; i++) if (!this.isMalformed(i)) yield this.render(i);
  }

  /**
   * Every session of the simulated team's connections, from the flows themselves rather than
   * their events: the ground truth a stitched history is checked against. A session whose end is
   * after the simulated clock's now is still open.
   */
  sessionTruth(): SessionTruth[] {
    const out: SessionTruth[] = [];
    for (let flow = 0; flow < this.world.flowCount; flow++) {
      const session = this.world.plan(flow).session;
      if (!session) continue;
      const start = this.world.startOf(flow);
      out.push({
        attemptId: session.attemptId,
        clientUserId: session.clientUserId,
        hostComputerName: session.hostComputerName,
        connectedAtMs: Math.floor((start + session.connectedOffsetUs) / 1000),
        endedAtMs: Math.floor((start + session.endOffsetUs) / 1000),
        disconnectLogged: session.disconnectLogged,
      });
    }
    return out;
  }

  /** Copies, in id order: the served objects themselves must not be changed by callers. */
  malformed(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < this.store.length; i++) if (this.isMalformed(i)) out.push(structuredClone(this.render(i)));
    return out;
  }

  /**
   * Adds exactly `count` events no later than `atUs`: the first steps of new flows started a few
   * seconds before. Their later steps (completion, disconnect hours later) become pending, as do
   * steps that did not fit in `count`.
   */
  append(count: number, atUs: number): Record<string, unknown>[] {
    const rows: EventRow[] = [];
    while (rows.length < count) {
      const placed = placeFlow(this.world, this.sessions, () => Math.max(EARLIEST_US, atUs - this.appendRng.between(0, 15_000_000)));
      if (!placed) continue;
      const { flow, plan } = placed;
      const start = this.world.startOf(flow);
      plan.steps.forEach((step, index) => {
        const row = newRow();
        fillRow(this.world, this.names, row, flow, index, step, start + step.offsetUs);
        if (row.us <= atUs && rows.length < count) rows.push(row);
        else this.pending.push({ flow, step: index, us: row.us });
      });
    }
    this.pending.sort((a, b) => a.us - b.us);
    return this.commit(rows);
  }

  /** Releases the pending events that have happened by `nowUs` (the live feed's clock). */
  releaseDue(nowUs: number): Record<string, unknown>[] {
    let due = 0;
    while (due < this.pending.length && (this.pending[due] as PendingEvent).us <= nowUs) due++;
    const rows = this.pending.splice(0, due).map((p) => {
      const row = newRow();
      const step = this.world.plan(p.flow).steps[p.step];
      if (step) fillRow(this.world, this.names, row, p.flow, p.step, step, p.us);
      return row;
    });
    return this.commit(rows);
  }

  /** Stores a scenario's events (scenarios.ts) at `atUs`; returns them as served. */
  injectScenario(request: ScenarioRequest, atUs: number): Record<string, unknown>[] {
    const events = buildScenario(this.model, this.names, request, atUs, this.injected.size);
    for (const event of events) this.injected.set(event.served.id as string, event.served);
    this.store.insertSorted(events.map((e) => e.row).sort(compareRows));
    return events.map((e) => structuredClone(e.served));
  }

  /**
   * The live feed: the team goes on working after the history ends, at the history's own pace and
   * hours, and what has happened by `nowUs` is released. Its flows are drawn slot by slot from the
   * end of the history, each slot from its own seeded stream, so they are a function of the seed
   * and the history alone: a simulator started again on the same history (the demo after a
   * restart) serves the same live events with the same ids, the disconnects of connections it had
   * left open included. Explicit appends in between take flow indices and change what follows.
   */
  advanceLive(nowUs: number): Record<string, unknown>[] {
    const { endUs } = this.model;
    while (endUs + this.liveSlots * LIVE_SLOT_US <= nowUs) {
      const from = endUs + this.liveSlots * LIVE_SLOT_US;
      const to = from + LIVE_SLOT_US;
      const rng = new Prng(this.world.seed, STREAM_LIVE, this.liveSlots);
      const flows = drawCount(rng, this.flowsPerActivity * activityBetween(from, to));
      for (let i = 0; i < flows; i++) {
        const placed = placeFlow(this.world, this.sessions, () => sampleWorkTime(rng, from, to - 1));
        if (!placed) continue;
        const start = this.world.startOf(placed.flow);
        placed.plan.steps.forEach((step, index) => {
          const row = newRow();
          fillRow(this.world, this.names, row, placed.flow, index, step, start + step.offsetUs);
          this.pending.push({ flow: placed.flow, step: index, us: row.us });
        });
      }
      this.liveSlots++;
    }
    this.pending.sort((a, b) => a.us - b.us);
    return this.releaseDue(nowUs);
  }

  private commit(rows: EventRow[]): Record<string, unknown>[] {
    rows.sort(compareRows);
    this.store.insertSorted(rows);
    return rows.map((row) => renderEvent(this.model, this.world.plan(row.flow), row.step, row.us, encodeKsuid(row.id), row.id, 0));
  }
}

/** A Poisson-distributed count with the given mean (normal for large means, where the exact draw is slow). */
function drawCount(rng: Prng, mean: number): number {
  if (mean >= POISSON_EXACT_BELOW) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let p = rng.next(); p > limit; p *= rng.next()) count++;
  return count;
}

function compareRows(a: EventRow, b: EventRow): number {
  for (let k = 0; k < KSUID_WORDS; k++) {
    const d = (a.id[k] as number) - (b.id[k] as number);
    if (d !== 0) return d;
  }
  return 0;
}
