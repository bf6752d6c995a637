import { planConnection } from "./connectionFlow";
import type { EventNames } from "./eventNames";
import { MALFORMED_STEP, type EventRow } from "./eventStore";
import { encodeKsuid, ksuidSecondsOf } from "./ksuid";
import { hash32, Prng } from "./prng";
import { renderEvent } from "./renderEvent";
import type { TeamModel } from "./teamModel";
import { sampleWorkTime } from "./workHours";

/**
 * Invalid events to mix into the history, each a realistic event with one defect of the kind a
 * client must survive without losing the rest of its page. The server still files each under a
 * well-formed id, time, user and name (its database columns are fine; the defect is in what it
 * writes), so filters and cursors treat it like any other event.
 */

export interface MalformedEvent {
  row: EventRow;
  served: Record<string, unknown>;
}

const STREAM_MALFORMED = 4;

export const MALFORMED_KINDS = [
  "missing id",
  "timestamp is not a date",
  "user_id is a string",
  "data is a string",
  "name is null",
  "timestamp without time zone",
] as const;

export function makeMalformedEvents(model: TeamModel, names: EventNames, count: number): MalformedEvent[] {
  const out: MalformedEvent[] = [];
  for (let k = 0; k < count; k++) {
    const rng = new Prng(model.seed, STREAM_MALFORMED, k);
    const start = sampleWorkTime(rng, model.firstActivityUs, model.endUs);
    const plan = planConnection(model, rng, start);
    const step = rng.int(plan.steps.length);
    const planned = plan.steps[step] as (typeof plan.steps)[number];
    const us = Math.floor(Math.min(model.endUs, start + planned.offsetUs) / 1000) * 1000;
    const h = hash32(model.seed, 0xbad, k);
    const id = new Uint32Array([ksuidSecondsOf(us), h, hash32(h, 1), hash32(h, 2), hash32(h, 3)]);
    const valid = renderEvent(model, plan, step, us, encodeKsuid(id), id, 0);
    out.push({
      row: { id, us, flow: k, step: MALFORMED_STEP, userId: planned.userId, nameIndex: names.indexOf(planned.name) },
      served: corrupt(valid, k % MALFORMED_KINDS.length),
    });
  }
  return out;
}

function corrupt(event: Record<string, unknown>, kind: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (kind === 0 && key === "id") continue;
    if (kind === 1 && key === "timestamp") out[key] = "yesterday";
    else if (kind === 2 && key === "user_id") out[key] = String(value);
    else if (kind === 3 && key === "data") out[key] = JSON.stringify(value);
    else if (kind === 4 && key === "name") out[key] = null;
    else if (kind === 5 && key === "timestamp") out[key] = String(value).slice(0, 19);
    else out[key] = value;
  }
  return out;
}
