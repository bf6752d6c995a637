import type { FlowPlan } from "./flowPlan";
import { sortedObject } from "./flowPlan";
import { KSUID_WORDS } from "./ksuid";
import type { TeamModel } from "./teamModel";
import { formatTimestamp } from "./timestamps";

/**
 * One event as it goes on the wire, key order as in the documented example. The choices that vary
 * per event (six fractional digits, an undocumented extra field) are read off the id's payload,
 * which is already random and stable, so they need no storage.
 */

/** About one event in 29 carries microseconds. */
export function hasMicroseconds(ids: ArrayLike<number>, offset: number): boolean {
  return (ids[offset + KSUID_WORDS - 1] as number) % 29 === 0;
}

function hasExtraDataField(ids: ArrayLike<number>, offset: number): boolean {
  return (ids[offset + 2] as number) % 37 === 0;
}

function hasExtraTopLevelField(ids: ArrayLike<number>, offset: number): boolean {
  return (ids[offset + 3] as number) % 1009 === 0;
}

const CONNECTION_EXTRAS: [string, unknown][] = [
  ["codec", "h265"],
  ["hdr", false],
  ["relay", true],
  ["network_type", "ethernet"],
  ["bandwidth_mbps", 50],
  ["nat_type", "symmetric"],
];

export function renderEvent(
  model: TeamModel,
  plan: FlowPlan,
  step: number,
  us: number,
  id: string,
  ids: ArrayLike<number>,
  offset: number,
): Record<string, unknown> {
  const planned = plan.steps[step];
  if (!planned) throw new Error(`flow has no step ${step}`);
  let data = plan.data(step);
  if (hasExtraDataField(ids, offset)) {
    const w = ids[offset + 1] as number;
    const [key, value] =
      "attempt_id" in data ? (CONNECTION_EXTRAS[w % CONNECTION_EXTRAS.length] as [string, unknown]) : ["source", w % 2 === 0 ? "dashboard" : "api"];
    data = sortedObject({ ...data, [key]: value });
  }
  const event: Record<string, unknown> = {
    id,
    name: planned.name,
    timestamp: formatTimestamp(us, hasMicroseconds(ids, offset)),
    user_id: planned.userId,
    team_id: model.teamId,
    data,
  };
  const email = model.emailByUserId.get(planned.userId);
  if (email !== undefined) event.user_email = email;
  if (hasExtraTopLevelField(ids, offset)) {
    const w = ids[offset + 4] as number;
    event.request_id = `${w.toString(16).padStart(8, "0")}-${(ids[offset + 1] as number).toString(16).padStart(8, "0")}`;
  }
  return event;
}
