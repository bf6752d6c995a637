import { z } from "zod";
import { ImportFileError, type ImportSummary } from "../ingest/importEvents";
import { SyncAlreadyRunningError } from "../ingest/syncLock";
import { scenarioSchema } from "../parsec/simulator/scenarios";
import { SyncFailedError, type SyncResult } from "../sync/syncTeamEvents";

/**
 * The messages between the server's main thread and its ingest runner (lib/runner/ingestRunner.ts):
 * the server asks for work, the runner says when it started, how it ended, or why it failed.
 * Both sides parse what they receive, so a message of another shape is a clear error rather than
 * an undefined somewhere later. A new kind of work (a delivery, an evaluation) is a new command here.
 */

const requestId = z.number().int().nonnegative();

export const runnerCommandSchema = z.discriminatedUnion("type", [
  /** A sync started by someone (the overview's button, POST /api/sync): run as the scheduler runs it. */
  z.object({ type: z.literal("sync"), id: requestId, trigger: z.enum(["api", "manual"]), full: z.boolean() }),
  /** An uploaded file, already received whole into `file`, to import; `name` is the one to show. */
  z.object({ type: z.literal("import"), id: requestId, file: z.string().min(1), name: z.string().min(1) }),
  /** Demo mode: a scenario's events added to the simulated team, which runs in the runner's thread with the demo sync. */
  z.object({ type: z.literal("scenario"), id: requestId, request: scenarioSchema }),
  /** Stop: runs in progress stop at their next page, then the runner closes its database and ends. */
  z.object({ type: z.literal("stop") }),
]);
export type RunnerCommand = z.infer<typeof runnerCommandSchema>;
export type RunnerRequest = Exclude<RunnerCommand, { type: "stop" }>;

const storeCounts = { received: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), quarantined: z.number() };

export const syncResultSchema = z.object({
  runId: z.number().int(),
  pages: z.number().int(),
  passes: z.array(z.enum(["backfill", "incremental", "full"])),
  ...storeCounts,
}) satisfies z.ZodType<SyncResult>;

/** How many events a scenario added; null when no demo API runs (not demo mode). */
export const scenarioResultSchema = z.number().int().nonnegative().nullable();

export const importSummarySchema = z.object({
  runId: z.number().int(),
  format: z.enum(["json-array", "json-object", "ndjson"]),
  ...storeCounts,
}) satisfies z.ZodType<ImportSummary>;

/** A domain error as it crosses the thread: rebuilt on the other side as the same class. */
const wireErrorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("SyncAlreadyRunningError"), message: z.string(), since: z.string() }),
  z.object({
    kind: z.literal("SyncFailedError"),
    message: z.string(),
    runId: z.number().int(),
    totals: z.object({ ...storeCounts, pages: z.number().int() }),
  }),
  z.object({ kind: z.literal("ImportFileError"), message: z.string() }),
  z.object({ kind: z.literal("IngestRunnerStoppedError"), message: z.string() }),
  z.object({ kind: z.literal("Error"), message: z.string() }),
]);
export type WireError = z.infer<typeof wireErrorSchema>;

export const runnerReplySchema = z.discriminatedUnion("type", [
  /** The runner has opened its database and takes commands; `threadId` is its thread's. */
  z.object({ type: z.literal("ready"), threadId: z.number().int() }),
  /** A sync's run row exists (its id is what POST /api/sync answers without ?wait). */
  z.object({ type: z.literal("started"), id: requestId, runId: z.number().int() }),
  z.object({ type: z.literal("done"), id: requestId, result: z.unknown() }),
  z.object({ type: z.literal("failed"), id: requestId, error: wireErrorSchema }),
  /** A log line of the runner (JSON, lib/logging), written by the server's own logger (one log, in order, one place to capture). */
  z.object({ type: z.literal("log"), line: z.string() }),
]);
export type RunnerReply = z.infer<typeof runnerReplySchema>;

/** The runner stopped (it crashed, or the server is stopping) before it answered a request. */
export class IngestRunnerStoppedError extends Error {
  override name = "IngestRunnerStoppedError";
}

/**
 * How the runner's requests fail: plain data, turned into a domain error by `reviveRunnerFailure`
 * in the caller's own copy of these modules. Next.js bundles instrumentation and each route apart,
 * each with its own copy of every class: an error built where the runner was started (at the
 * server's start) would not be `instanceof` the route's SyncAlreadyRunningError.
 */
export interface RunnerFailure {
  runnerError: WireError;
}

const runnerFailureSchema = z.object({ runnerError: wireErrorSchema });

export function reviveRunnerFailure(failure: unknown): unknown {
  const parsed = runnerFailureSchema.safeParse(failure);
  return parsed.success ? fromWireError(parsed.data.runnerError) : failure;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof SyncAlreadyRunningError) return { kind: "SyncAlreadyRunningError", message: error.message, since: error.since.toISOString() };
  if (error instanceof SyncFailedError) return { kind: "SyncFailedError", message: error.message, runId: error.runId, totals: error.totals };
  if (error instanceof ImportFileError) return { kind: "ImportFileError", message: error.message };
  if (error instanceof IngestRunnerStoppedError) return { kind: "IngestRunnerStoppedError", message: error.message };
  return { kind: "Error", message: error instanceof Error ? error.message : String(error) };
}

function fromWireError(wire: WireError): Error {
  switch (wire.kind) {
    case "SyncAlreadyRunningError":
      return new SyncAlreadyRunningError(new Date(wire.since));
    case "SyncFailedError":
      return new SyncFailedError(wire.message, wire.runId, wire.totals);
    case "ImportFileError":
      return new ImportFileError(wire.message);
    case "IngestRunnerStoppedError":
      return new IngestRunnerStoppedError(wire.message);
    case "Error":
      return new Error(wire.message);
  }
}
