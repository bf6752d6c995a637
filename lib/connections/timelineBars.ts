import type { DisplayStatus } from "./connectionStatus";
import type { TimelineConnection } from "./timelineConnections";

/**
 * A timeline lane's connections as the browser draws them (components/timeline/Timeline): one
 * array per field, index i for the i-th bar, times as seconds from the window's start. A month of
 * a busy user is 1,500 bars; sent as objects with their ISO times, hover text and links, they
 * were most of a 1.5 MB page. No imports at run time: the browser decodes the bars with this module.
 */
export interface TimelineLaneBars {
  attemptIds: string[];
  /** Start and end of each bar, whole seconds from the window's start (negative: began before it). */
  from: number[];
  to: number[];
  /** One letter per bar, STATUS_LETTERS. */
  statuses: string;
  durations: (number | null)[];
  codes: (number | null)[];
  /** Index into the timeline's `clients` (client computer names); -1: not known. */
  clients: number[];
}

export const STATUS_LETTERS: Record<DisplayStatus, string> = { ended: "e", active: "a", stale: "s", incomplete: "i", connecting: "c", failed: "f" };
export const STATUS_OF_LETTER: Record<string, DisplayStatus> = Object.fromEntries(
  Object.entries(STATUS_LETTERS).map(([status, letter]) => [letter, status as DisplayStatus]),
);

export interface TimelineBars {
  lanes: TimelineLaneBars[];
  /** Client computer names, each once. */
  clients: string[];
  /** The documented name of each exit code among the failed bars ("" when the catalogue has none). */
  codeNames: Record<number, string>;
}

/**
 * The lanes' connections (lib/connections/timelineConnections groupByLane) as bars relative to
 * `windowStartMs`; `codeName` names a failure's exit code (lib/parsec/exitCodeView, on the server).
 */
export function timelineBars(
  lanes: readonly { connections: readonly TimelineConnection[] }[],
  windowStartMs: number,
  codeName: (code: number) => string,
): TimelineBars {
  const clients: string[] = [];
  const clientIndex = new Map<string, number>();
  const codeNames: Record<number, string> = {};
  const seconds = (ms: number) => Math.round((ms - windowStartMs) / 1000);
  const barsOf = (connections: readonly TimelineConnection[]): TimelineLaneBars => {
    const bars: TimelineLaneBars = { attemptIds: [], from: [], to: [], statuses: "", durations: [], codes: [], clients: [] };
    for (const c of connections) {
      bars.attemptIds.push(c.attemptId);
      bars.from.push(seconds(c.fromMs));
      bars.to.push(seconds(c.toMs));
      bars.statuses += STATUS_LETTERS[c.status];
      bars.durations.push(c.durationSeconds);
      bars.codes.push(c.completionExitCode);
      if (c.status === "failed" && c.completionExitCode !== null && !(c.completionExitCode in codeNames)) {
        codeNames[c.completionExitCode] = codeName(c.completionExitCode);
      }
      let client = -1;
      if (c.clientComputerName !== null) {
        client = clientIndex.get(c.clientComputerName) ?? clients.length;
        if (client === clients.length) {
          clients.push(c.clientComputerName);
          clientIndex.set(c.clientComputerName, client);
        }
      }
      bars.clients.push(client);
    }
    return bars;
  };
  return { lanes: lanes.map((lane) => barsOf(lane.connections)), clients, codeNames };
}
