import type { Db } from "../store/client";
import { EVENT_NAME_GROUP_LABELS, EVENT_NAME_GROUPS, eventNameGroup, type EventNameGroup } from "./eventNameGroups";

export interface EventNameCount {
  name: string;
  events: number;
}

export interface EventNameGroupList {
  group: EventNameGroup;
  label: string;
  names: EventNameCount[];
}

/** The event names present in the store, with their counts (a walk of the (name, occurredAt) index). */
export async function listEventNames(db: Db): Promise<EventNameCount[]> {
  const counted = await db.event.groupBy({ by: ["name"], _count: { _all: true } });
  return counted.map((row) => ({ name: row.name, events: row._count._all }));
}

/**
 * Names grouped for the explorer's picker, sorted within each group. `alsoInclude` adds names no
 * stored event has (a filter from a link), so that they show, ticked, and can be unticked.
 */
export function groupEventNames(counts: readonly EventNameCount[], alsoInclude: readonly string[] = []): EventNameGroupList[] {
  const names = new Map(counts.map(({ name, events }) => [name, events]));
  for (const name of alsoInclude) if (!names.has(name)) names.set(name, 0);
  return EVENT_NAME_GROUPS.map((group) => ({
    group,
    label: EVENT_NAME_GROUP_LABELS[group],
    names: [...names]
      .filter(([name]) => eventNameGroup(name) === group)
      .map(([name, events]) => ({ name, events }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((list) => list.names.length > 0);
}
