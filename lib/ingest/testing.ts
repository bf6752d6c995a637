/**
 * Fixtures for tests that need stored events or connections: events stored through the one write
 * path, and the Connection table as kept beside the same table rebuilt. Only tests import this file.
 */
import type { TestEvent } from "../events/testing";
import type { Db } from "../store/client";
import type { SqliteConnection } from "../store/sqlite";
import type { TempDatabase } from "../store/testing";
import { readConnections, readRollups } from "../connections/testing";
import { rebuildConnections } from "./rebuildConnections";
import { storeEvents } from "./storeEvents";

export function seedEvents(database: Pick<TempDatabase, "sqlite">, events: readonly TestEvent[]): void {
  database.sqlite.transaction(() => storeEvents(database.sqlite, events, "test"))();
}

/**
 * The Connection rows and rollups as the sync or import kept them, then as a rebuild from the
 * stored events makes them (the rebuild replaces them): the two must be equal.
 */
export async function keptAndRebuilt(db: Db, sqlite: SqliteConnection, batchSize?: number) {
  const kept = { connections: readConnections(sqlite), rollups: readRollups(sqlite) };
  const { attempts } = await rebuildConnections({ db, sqlite, batchSize });
  return { kept, rebuilt: { connections: readConnections(sqlite), rollups: readRollups(sqlite) }, attempts };
}
