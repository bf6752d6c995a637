import { exportJson } from "../../events/exportEvents";
import type { ChangedEvent } from "../../store/integrationLedger";

/**
 * One event as every destination receives it: the line `npm run export` writes for it (Parsec's
 * own shape, lossless), and whether the destination was sent an earlier version of it (Parsec
 * re-delivered it with changed content, such as the user's current email).
 */
export interface DeliveryEvent {
  id: string;
  name: string;
  teamId: string;
  /** Parsec's timestamp in Unix milliseconds. */
  occurredAt: number;
  userId: number;
  userEmail: string | null;
  hostComputerName: string | null;
  clientComputerName: string | null;
  exitCode: number | null;
  /** The export's NDJSON line, without its newline. */
  json: string;
  update: boolean;
  changeSeq: number;
}

/** The event's export line, with `"viewer_update": true` when Parsec re-delivered it with changed content. */
export function markedLine(event: { json: string; update: boolean }): string {
  return event.update ? `${event.json.slice(0, -1)},"viewer_update":true}` : event.json;
}

/**
 * The rows of a batch as delivery events, for a destination whose cursor stood at `deliveredSeq`
 * when the batch was read: an event inserted at or before it was sent then, so this is an update.
 */
export function toDeliveryEvents(rows: readonly ChangedEvent[], deliveredSeq: number): DeliveryEvent[] {
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    teamId: row.teamId,
    occurredAt: row.occurredAt,
    userId: row.userId,
    userEmail: row.userEmail,
    hostComputerName: row.hostComputerName,
    clientComputerName: row.clientComputerName,
    exitCode: row.exitCode,
    json: exportJson(row),
    update: row.insertSeq <= deliveredSeq,
    changeSeq: row.changeSeq,
  }));
}

/**
 * The event "send a test event" sends: shaped like Parsec's, with a name no Parsec event has, so
 * that the destination's owner can see it arrive and filter it out.
 */
export function testDeliveryEvent(teamId: string, now = new Date()): DeliveryEvent {
  const id = `viewer-test-${now.getTime()}`;
  const event = {
    id,
    name: "viewer_integration_test",
    timestamp: now.toISOString(),
    user_id: 0,
    team_id: teamId,
    data: { note: "test event from the Parsec audit-log viewer" },
  };
  return {
    id,
    name: event.name,
    teamId,
    occurredAt: now.getTime(),
    userId: 0,
    userEmail: null,
    hostComputerName: null,
    clientComputerName: null,
    exitCode: null,
    json: JSON.stringify(event),
    update: false,
    changeSeq: 0,
  };
}
