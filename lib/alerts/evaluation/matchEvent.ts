import type { DataCondition, EventMatch } from "../../alertRules/ruleSchema";
import type { AlertEvent } from "./alertEvent";

/** A rule's event filter as a predicate: every part the rule gives must hold. */
export function compileMatch(match: EventMatch): (event: AlertEvent) => boolean {
  const names = new Set(match.names);
  const users = match.users ? new Set(match.users) : null;
  const notUsers = match.notUsers ? new Set(match.notUsers) : null;
  const hosts = match.hosts ? new Set(match.hosts) : null;
  const conditions = match.data ?? [];
  return (event) => {
    if (!names.has(event.name)) return false;
    if (users && !users.has(event.userId)) return false;
    if (notUsers?.has(event.userId)) return false;
    if (hosts && !(event.hostComputerName !== null && hosts.has(event.hostComputerName))) return false;
    if (match.exit === "success" && event.exitCode !== 0) return false;
    if (match.exit === "failure" && (event.exitCode === null || event.exitCode === 0)) return false;
    if (conditions.length === 0) return true;
    const data = parseData(event);
    return conditions.every((condition) => holds(condition, fieldOf(data, condition.field)));
  };
}

const parsedData = new WeakMap<AlertEvent, unknown>();

function parseData(event: AlertEvent): unknown {
  if (!parsedData.has(event)) {
    let value: unknown = null;
    try {
      value = JSON.parse(event.data);
    } catch {
      // A stored event's data is always JSON; a crafted one that is not simply has no fields.
    }
    parsedData.set(event, value);
  }
  return parsedData.get(event);
}

function fieldOf(data: unknown, path: string): unknown {
  let value = data;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Numbers and their text compare equal ("5" and 5): Parsec's types in data are not documented. */
const same = (a: unknown, b: unknown) => a === b || (a !== undefined && a !== null && b !== undefined && String(a) === String(b));

function holds(condition: DataCondition, value: unknown): boolean {
  const wanted = condition.value;
  const list = Array.isArray(wanted) ? wanted : [wanted];
  switch (condition.op) {
    case "exists":
      return value !== undefined && value !== null;
    case "missing":
      return value === undefined || value === null;
    case "equals":
      return same(value, wanted);
    case "not-equals":
      return !same(value, wanted);
    case "in":
      return list.some((item) => same(value, item));
    case "not-in":
      return !list.some((item) => same(value, item));
  }
}
