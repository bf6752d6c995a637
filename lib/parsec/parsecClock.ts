/**
 * Parsec's clock, read from the Date header of its answers. The sync anchors its windows on it
 * rather than on this machine's clock, which may be hours off (a VM without NTP, a hardware clock
 * holding local time read as UTC): a window that ends in Parsec's future, or starts after events
 * Parsec has recorded, loses events without a word.
 */
export interface ClockReading {
  /** Parsec's time (epoch ms) as the header showed it: whole seconds, at most a second behind. */
  parsecMs: number;
  /** This machine's time (epoch ms) when the answer was read. */
  localMs: number;
  /**
   * parsecMs minus this machine's time when the request was sent: add it to this machine's time
   * for Parsec's. Parsec wrote the header after the request left, so Parsec's clock at local time
   * t is never later than t + offsetMs + the header's resolution (latestParsecTime), however long
   * the answer took to arrive or to be read. Measured against the arrival instead, the time an
   * answer waits for a thread busy storing the previous page (or running the retention beside
   * the sync) would count as a clock difference, and a window ending at that bound would fall
   * before Parsec's now. An overestimate by up to the request's way out.
   */
  offsetMs: number;
}

/**
 * The latest Parsec's clock can read at this machine's `localMs`, given a reading's offset: the
 * header's whole seconds are rounded down, so the truth may be up to a second later than the
 * offset alone says. A window that ends here misses nothing Parsec has recorded; what a pass
 * counts as complete is bounded by its first answer's reading instead, which is never later than
 * the truth.
 */
export function latestParsecTime(localMs: number, offsetMs: number): number {
  return localMs + offsetMs + HEADER_RESOLUTION_MS;
}

const HEADER_RESOLUTION_MS = 1_000;

/** Beyond this, a difference is more than the header's resolution and latency explain: it is shown. */
export const CLOCK_DIFFERENCE_SHOWN_MS = 60_000;

/** Epoch ms between which a Date header is believed (KSUIDs, and so Parsec's ids, span these years). */
const EARLIEST_MS = Date.UTC(2014, 4, 13);
const LATEST_MS = Date.UTC(2150, 0, 1);

/** The Date header of an answer to a request sent at this machine's `sentMs` and read at `localMs`. */
export function readClock(dateHeader: string | null, sentMs: number, localMs: number): ClockReading | null {
  if (!dateHeader) return null;
  const parsecMs = Date.parse(dateHeader);
  if (!Number.isFinite(parsecMs) || parsecMs < EARLIEST_MS || parsecMs > LATEST_MS) return null;
  return { parsecMs, localMs, offsetMs: parsecMs - sentMs };
}

/** "9 h 0 min ahead of" / "3 min behind" Parsec's clock, or null while within the shown threshold. */
export function describeClockDifference(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= CLOCK_DIFFERENCE_SHOWN_MS) return null;
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const amount = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  // offset = Parsec - ours: a negative offset means this machine is ahead.
  const side = offsetMs < 0 ? "ahead of" : "behind";
  return `This machine's clock is ${amount} ${side} Parsec's. The sync reads Parsec's own time, so no event is missed, but the times this viewer stamps itself (runs, sign-ins) are off by as much: set the clock right (NTP).`;
}
