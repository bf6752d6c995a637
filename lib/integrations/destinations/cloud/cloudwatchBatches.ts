/**
 * CloudWatch Logs' limits on one PutLogEvents call, from its API reference: at most 10,000 events
 * and 1,048,576 bytes (each event's UTF-8 message plus 26 bytes), events in chronological order
 * spanning at most 24 hours, none older than 14 days nor more than 2 hours ahead.
 */
const MAX_EVENTS = 10_000;
const MAX_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const MAX_SPAN_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;
/** Inside CloudWatch's 14 days, with an hour's margin for a slow delivery or a skewed clock. */
const OLDEST_ACCEPTED_MS = 14 * DAY_MS - 3_600_000;
const NEWEST_ACCEPTED_MS = 2 * 3_600_000 - 300_000;

export interface LogEvent {
  timestamp: number;
  message: string;
}

/** The event's own time when CloudWatch takes it, otherwise the time it is sent (`now`). */
export function cloudwatchTimestamp(occurredAt: number, now: number): number {
  return occurredAt < now - OLDEST_ACCEPTED_MS || occurredAt > now + NEWEST_ACCEPTED_MS ? now : occurredAt;
}

/** The events in time order (stable for equal times), cut into calls that keep CloudWatch's limits. */
export function putLogEventsCalls<T extends LogEvent>(events: readonly T[]): T[][] {
  const sorted = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.timestamp - b.event.timestamp || a.index - b.index);
  const calls: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const { event } of sorted) {
    const size = Buffer.byteLength(event.message, "utf8") + EVENT_OVERHEAD_BYTES;
    const full = current.length === MAX_EVENTS || bytes + size > MAX_BYTES || (current.length > 0 && event.timestamp - current[0]!.timestamp > MAX_SPAN_MS);
    if (full && current.length > 0) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}
