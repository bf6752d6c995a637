import { planLifecycleEvent, planRandomAdminEvent, planTeamCreate } from "./adminFlow";
import { planConnection } from "./connectionFlow";
import type { FlowPlan } from "./flowPlan";
import { hash32, Prng } from "./prng";
import type { LifecycleEvent, TeamModel } from "./teamModel";

/**
 * Everything needed to regenerate any event: the team model and each flow's start time. Flow 0 is
 * team_create, flows 1..L the lifecycle events of the model, every later one a random flow (mostly
 * connections) whose content comes from its own seeded stream.
 */

/** Stream numbers keep a flow's content independent of how its start time was drawn. */
export const STREAM_FLOW_CONTENT = 1;
export const STREAM_FLOW_START = 2;
export const STREAM_PAYLOAD = 3;

/** Share of random flows that are administrative: about 6% of all events, since connections have ~5. */
const ADMIN_FLOW_SHARE = 0.26;

const VOID_PLAN: FlowPlan = { steps: [], data: () => ({}) };

export class World {
  readonly model: TeamModel;
  private starts: Float64Array;
  private count = 0;
  private readonly cache = new Map<number, FlowPlan>();
  private readonly voided = new Set<number>();

  constructor(model: TeamModel) {
    this.model = model;
    this.starts = new Float64Array(1024);
    this.addFlow(model.startUs);
    for (const event of model.lifecycle) this.addFlow(event.atUs);
  }

  get seed(): number {
    return this.model.seed;
  }

  get flowCount(): number {
    return this.count;
  }

  /** Registers a flow starting at `startUs`; returns its index. */
  addFlow(startUs: number): number {
    if (this.count === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count] = startUs;
    return this.count++;
  }

  /** Gives the newest flow another start (generation tries a few before keeping one). */
  moveFlow(flow: number, startUs: number): void {
    if (flow !== this.count - 1) throw new Error(`moveFlow: only the newest flow (${this.count - 1}) can move, not ${flow}`);
    this.cache.delete(flow);
    this.starts[flow] = startUs;
  }

  /**
   * Empties a flow for good: generation found no start for it. Its index stays taken, so the next
   * flow has content of its own rather than this one's again.
   */
  voidFlow(flow: number): void {
    this.cache.delete(flow);
    this.voided.add(flow);
  }

  startOf(flow: number): number {
    return this.starts[flow] as number;
  }

  /** The flow's plan. A tiny cache helps pages, where a flow's events often sit close together. */
  plan(flow: number): FlowPlan {
    const cached = this.cache.get(flow);
    if (cached) return cached;
    const plan = this.buildPlan(flow);
    if (this.cache.size >= 256) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(flow, plan);
    return plan;
  }

  /** Plans without caching: generation visits each flow once. */
  buildPlan(flow: number): FlowPlan {
    const { model } = this;
    if (this.voided.has(flow)) return VOID_PLAN;
    if (flow === 0) return planTeamCreate(model);
    if (flow <= model.lifecycle.length) return planLifecycleEvent(model, model.lifecycle[flow - 1] as LifecycleEvent);
    const rng = new Prng(model.seed, STREAM_FLOW_CONTENT, flow);
    const start = this.startOf(flow);
    return rng.chance(ADMIN_FLOW_SHARE) ? planRandomAdminEvent(model, rng, start) : planConnection(model, rng, start);
  }

  /** The 16 payload bytes of an event id, as four words: stable per (seed, flow, step). */
  payload(flow: number, step: number, out: Uint32Array, offset: number): void {
    const h = hash32(this.model.seed, flow, step + STREAM_PAYLOAD * 0x1000);
    out[offset] = h;
    out[offset + 1] = hash32(h, 0xa1);
    out[offset + 2] = hash32(h, 0xb2);
    out[offset + 3] = hash32(h, 0xc3);
  }
}
