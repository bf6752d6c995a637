import { EventNames } from "./eventNames";
import { INJECTED_STEP, MALFORMED_STEP, type EventRow, type EventStore } from "./eventStore";
import { fillRow, generateHistory, newRow, type PendingEvent } from "./generateHistory";
import { encodeKsuid, KSUID_WORDS } from "./ksuid";
import { makeMalformedEvents, type MalformedEvent } from "./malformedEvents";
import { Prng } from "./prng";
import { buildScenario, type ScenarioRequest } from "./scenarios";
import { renderEvent } from "./renderEvent";
import type { TeamModel } from "./teamModel";
import { World } from "./world";

/**
 * The simulated team's audit log: the sorted store of served events, the events still to come
 * (pending), and the malformed ones. Everything that changes the log goes through here.
 */

const STREAM_APPEND = 5;
const EARLIEST_US = 1_400_000_000_000_000;

export class EventLog {
  readonly world: World;
  readonly names = new EventNames();
  readonly store: EventStore;
  readonly malformedEvents: MalformedEvent[];
  private pending: PendingEvent[];
  /** Scenario events by id, as served (their rows carry INJECTED_STEP). */
  private readonly injected = new Map<string, Record<string, unknown>>();
  private readonly appendRng: Prng;

  constructor(model: TeamModel, targetEvents: number, malformedCount: number) {
    this.world = new World(model);
    const history = generateHistory(this.world, this.names, targetEvents);
    this.store = history.store;
    this.pending = history.pending;
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
      const lead = this.appendRng.between(0, 15_000_000);
      const flow = this.world.addFlow(Math.max(EARLIEST_US, atUs - lead));
      const plan = this.world.buildPlan(flow);
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

  /** A random small burst for the live feed: sometimes nothing new, sometimes a few events. */
  liveBurstSize(): number {
    return this.appendRng.chance(0.5) ? 0 : this.appendRng.between(1, 6);
  }

  private commit(rows: EventRow[]): Record<string, unknown>[] {
    rows.sort(compareRows);
    this.store.insertSorted(rows);
    return rows.map((row) => renderEvent(this.model, this.world.plan(row.flow), row.step, row.us, encodeKsuid(row.id), row.id, 0));
  }
}

function compareRows(a: EventRow, b: EventRow): number {
  for (let k = 0; k < KSUID_WORDS; k++) {
    const d = (a.id[k] as number) - (b.id[k] as number);
    if (d !== 0) return d;
  }
  return 0;
}
