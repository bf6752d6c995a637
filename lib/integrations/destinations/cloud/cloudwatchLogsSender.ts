import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type InputLogEvent,
  type RejectedLogEventsInfo,
} from "@aws-sdk/client-cloudwatch-logs";
import type { Destination } from "../../../integrationsFile";
import { markedLine } from "../../delivery/deliveryEvent";
import { awsCredentials } from "../awsCredentials";
import { withDeadline } from "../deadline";
import { DeliveryError, type Sender } from "../sender";
import { cloudwatchTimestamp, putLogEventsCalls } from "./cloudwatchBatches";

type CloudWatchDestination = Extract<Destination, { type: "cloudwatch-logs" }>;

/**
 * Amazon CloudWatch Logs through the AWS SDK v3: each event's export line (with `"viewer_update":
 * true` for a changed event) as a log event of one stream, created when it is missing. A batch is
 * cut into PutLogEvents calls that keep CloudWatch's limits (putLogEventsCalls). CloudWatch
 * refuses events older than 14 days or beyond the group's retention, and drops them from a call
 * that otherwise succeeds: so an event outside the window it takes is stamped with the time it is
 * sent (its own time stays in its JSON), and whatever CloudWatch still rejects is sent again
 * stamped so, or the batch fails with its error: nothing is acknowledged that CloudWatch did not take.
 */
export function cloudwatchLogsSender(destination: CloudWatchDestination): Sender {
  const client = new CloudWatchLogsClient({
    region: destination.region,
    endpoint: destination.endpoint,
    credentials: awsCredentials(destination.secrets),
    // Retries are the delivery's (bounded, with backoff, the error shown): one attempt here.
    maxAttempts: 1,
  });
  const where = `${destination.logGroupName}:${destination.logStreamName}`;
  const timeoutMs = destination.timeoutSeconds * 1000;
  const logGroupName = destination.logGroupName;
  const logStreamName = destination.logStreamName;

  const createGroup = (signal: AbortSignal) =>
    withDeadline(signal, timeoutMs, (abortSignal) => client.send(new CreateLogGroupCommand({ logGroupName }), { abortSignal }));
  const createStreamOnce = (signal: AbortSignal) =>
    withDeadline(signal, timeoutMs, (abortSignal) => client.send(new CreateLogStreamCommand({ logGroupName, logStreamName }), { abortSignal }));
  const putOnce = (signal: AbortSignal, logEvents: InputLogEvent[]) =>
    withDeadline(signal, timeoutMs, (abortSignal) => client.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }), { abortSignal }));

  async function createStream(signal: AbortSignal): Promise<void> {
    try {
      await createStreamOnce(signal);
    } catch (error) {
      if (errorName(error) === "ResourceAlreadyExistsException") return;
      if (errorName(error) !== "ResourceNotFoundException" || !destination.createLogGroup) throw error;
      await createGroup(signal).catch((groupError: unknown) => {
        if (errorName(groupError) !== "ResourceAlreadyExistsException") throw groupError;
      });
      await createStreamOnce(signal);
    }
  }

  /** Puts the events; returns those CloudWatch rejected for their time. */
  async function put(signal: AbortSignal, logEvents: InputLogEvent[]): Promise<InputLogEvent[]> {
    let answer: { rejectedLogEventsInfo?: RejectedLogEventsInfo };
    try {
      answer = await putOnce(signal, logEvents);
    } catch (error) {
      if (errorName(error) !== "ResourceNotFoundException") throw error;
      await createStream(signal);
      answer = await putOnce(signal, logEvents);
    }
    return rejectedEvents(logEvents, answer.rejectedLogEventsInfo);
  }

  return {
    async send(batch, signal) {
      const now = Date.now();
      const logEvents = batch.map((event) => ({ timestamp: cloudwatchTimestamp(event.occurredAt, now), message: markedLine(event) }));
      try {
        for (const events of putLogEventsCalls(logEvents)) {
          const rejected = await put(signal, events);
          if (rejected.length === 0) continue;
          const sentAt = Date.now();
          const again = await put(
            signal,
            rejected.map((event) => ({ ...event, timestamp: sentAt })),
          );
          if (again.length > 0)
            throw new DeliveryError(`${where}: CloudWatch rejected ${again.length} events for their time, even stamped with the time they were sent`);
        }
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        throw new DeliveryError(describeError(error, where, destination, timeoutMs));
      }
    },
    close: async () => client.destroy(),
  };
}

/** The events of a call that CloudWatch's answer names as too old, too new or expired. */
function rejectedEvents(events: InputLogEvent[], info: RejectedLogEventsInfo | undefined): InputLogEvent[] {
  if (!info) return [];
  return events.filter(
    (_, index) =>
      (info.tooOldLogEventEndIndex !== undefined && index < info.tooOldLogEventEndIndex) ||
      (info.expiredLogEventEndIndex !== undefined && index < info.expiredLogEventEndIndex) ||
      (info.tooNewLogEventStartIndex !== undefined && index >= info.tooNewLogEventStartIndex),
  );
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string }).name;
}

function describeError(error: unknown, where: string, destination: CloudWatchDestination, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `${where}: no answer within ${timeoutMs / 1000} s`;
  if (e.name === "ResourceNotFoundException" && !destination.createLogGroup)
    return `${where}: the log group does not exist (create it, or set "createLogGroup": true): ${e.message ?? ""}`;
  const status = e.$metadata?.httpStatusCode;
  return `${where}: ${status ? `HTTP ${status} ` : ""}${e.name ?? "Error"}: ${e.message ?? String(error)}`;
}
