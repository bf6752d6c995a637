/**
 * Fixtures for the integrations' tests: destinations as the configuration gives them, and a local
 * HTTP receiver that records what arrived and answers as it is told. Only tests import this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { parseIntegrationsFile, type Destination } from "../integrationsFile";
import { makeEvent, type TestEvent } from "../events/testing";

/** Destinations as lib/config.ts makes them from a file's entries and an environment. */
export function destinationsOf(entries: unknown[], env: Record<string, string> = {}): Destination[] {
  const result = parseIntegrationsFile(JSON.stringify({ destinations: entries }), env);
  if ("problems" in result) throw new Error(result.problems.join("\n"));
  return result.destinations;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  text: string;
}

export type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang" | "drop";

export interface Receiver {
  url: string;
  port: number;
  /** Requests answered 2xx, in arrival order. */
  accepted: ReceivedRequest[];
  all: ReceivedRequest[];
  /** Decides each answer; the default accepts with 200. */
  answer: (request: ReceivedRequest) => Answer | Promise<Answer>;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: "",
    port: 0,
    accepted: [],
    all: [],
    answer: () => ({ status: 200, body: "{}" }),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const received: ReceivedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body,
      text: request.headers["content-encoding"] === "gzip" ? gunzipSync(body).toString("utf8") : body.toString("utf8"),
    };
    receiver.all.push(received);
    const answer = await receiver.answer(received);
    if (answer === "hang") return void hanging.add(response);
    if (answer === "drop") return void request.socket.destroy();
    if (answer.status >= 200 && answer.status < 300) receiver.accepted.push(received);
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(answer.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  return receiver;
}

/** `count` events a minute apart from `start`, ids in time order (e000001, ...). */
export function eventSeries(count: number, start = Date.UTC(2026, 0, 1), offset = 0): TestEvent[] {
  return Array.from({ length: count }, (_, i) =>
    makeEvent({
      id: `e${String(offset + i + 1).padStart(6, "0")}`,
      timestamp: new Date(start + (offset + i) * 60_000).toISOString(),
      user_email: `user${(offset + i) % 7}@example.com`,
      data: { host_computer_name: `host-${(offset + i) % 3}` },
    }),
  );
}

/** The NDJSON lines of every accepted request, parsed. */
export function acceptedLines(receiver: Receiver): Record<string, unknown>[] {
  return receiver.accepted.flatMap((request) =>
    request.text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
}

/** A fresh database and a receiver for each test of the file that calls this at its top level. */
export function useDatabaseAndReceiver(): { database: TempDatabase; receiver: Receiver } {
  const fixture = {} as { database: TempDatabase; receiver: Receiver };
  beforeEach(async () => {
    fixture.database = await createTempDatabase();
    fixture.receiver = await startReceiver();
  });
  afterEach(async () => {
    await fixture.receiver.close();
    await fixture.database.close();
  });
  return fixture;
}
