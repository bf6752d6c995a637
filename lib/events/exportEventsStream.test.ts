import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { parseEventFilters } from "./eventFilters";
import { exportEvents } from "./exportEvents";
import { exportEventsStream } from "./exportEventsStream";
import { makeEvent } from "./testing";
import { seedEvents } from "../ingest/testing";

let database: TempDatabase;

beforeAll(async () => {
  database = await createTempDatabase();
  // Enough for several export batches of 1,000.
  seedEvents(
    database,
    Array.from({ length: 3_500 }, (_, i) =>
      makeEvent({
        id: `ev${String(i).padStart(6, "0")}`,
        timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        user_id: i % 3,
        data: { host_computer_name: "東京オフィスPC-01" },
      }),
    ),
  );
});
afterAll(() => database?.close());

async function exportedText(format: "csv" | "ndjson", raw: Record<string, string> = {}): Promise<string> {
  let text = "";
  await exportEvents(database.sqlite, parseEventFilters(raw), format, (chunk) => {
    text += chunk;
  });
  return text;
}

describe("exportEventsStream", () => {
  it.each(["csv", "ndjson"] as const)("streams exactly what exportEvents writes (%s)", async (format) => {
    const filters = parseEventFilters({ user: "1" });
    // Response.text() would drop a byte-order mark: the CSV's must arrive too.
    const streamed = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await new Response(exportEventsStream(database.sqlite, filters, format)).arrayBuffer(),
    );
    expect(streamed).toBe(await exportedText(format, { user: "1" }));
    expect(streamed).toContain("東京オフィスPC-01");
  });

  it("stops reading the database when the reader goes away", async () => {
    const reader = exportEventsStream(database.sqlite, parseEventFilters({}), "ndjson").getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    // Cancelling settles quietly: no error surfaces and the export's loop ends.
    expect(
      await reader.closed.then(
        () => "closed",
        () => "errored",
      ),
    ).toBe("closed");
  });

  it("reports a failure to its caller and errors the stream", async () => {
    const failing = {
      prepare: () => {
        throw new Error("disk I/O error");
      },
    } as unknown as TempDatabase["sqlite"];
    const errors: unknown[] = [];
    const stream = exportEventsStream(failing, parseEventFilters({}), "csv", (error) => errors.push(error));
    await expect(new Response(stream).text()).rejects.toThrow();
    expect(errors).toHaveLength(1);
  });
});
