/**
 * Why a URL parameter was refused, as data: the page says it in the reader's language
 * (components/events/ParamProblems), while the English sentence made here stays what the API's
 * JSON, the command line and the logs give.
 *
 * The schemas (paramSchemas, eventFilters, connectionFilters, ...) take their zod messages from
 * `paramMessage`, which remembers which reason each sentence stands for: a zod issue carries only
 * its message, and `paramReasonOf` names its reason again.
 */

/** What a text parameter holds, for "must be a computer name". */
export type ParamTextKind = "computerName" | "eventName" | "eventId" | "attemptId" | "ipAddress" | "searchText";

export type ParamReason =
  | { reason: "once" }
  | { reason: "text"; what: ParamTextKind }
  | { reason: "textTooLong"; what: ParamTextKind; max: number }
  | { reason: "userId" }
  | { reason: "userIdTooLarge" }
  | { reason: "exitCode" }
  | { reason: "dateTime" }
  | { reason: "civilDate" }
  | { reason: "duration" }
  | { reason: "oneOf"; choices: readonly (string | number)[] }
  | { reason: "atMostTimes"; max: number }
  | { reason: "notLaterThanTo" }
  | { reason: "earlierThanTo" }
  | { reason: "notMoreThanMaxDuration" }
  | { reason: "rangeCapped"; days: number }
  | { reason: "cursor" }
  | { reason: "cursorOtherSort" }
  | { reason: "unknownParam"; known: readonly string[] };

const TEXT_KINDS: Record<ParamTextKind, string> = {
  computerName: "a computer name",
  eventName: "an event name",
  eventId: "an event id",
  attemptId: "an attempt id",
  ipAddress: "an ip address",
  searchText: "a search text",
};

const CURSOR = "is not a page position this explorer made (it may be cut off)";

function english(reason: ParamReason): string {
  switch (reason.reason) {
    case "once":
      return "must be given only once";
    case "text":
      return `must be ${TEXT_KINDS[reason.what]}`;
    case "textTooLong":
      return `must be ${TEXT_KINDS[reason.what]} of at most ${reason.max} characters`;
    case "userId":
      return "must be a Parsec user id (a whole number)";
    case "userIdTooLarge":
      return "must be a Parsec user id (a whole number), not one this large";
    case "exitCode":
      return 'must be an exit code such as -6023, or "success" or "failure"';
    case "dateTime":
      return "must be an RFC 3339 date-time such as 2026-05-20T07:29:52Z";
    case "civilDate":
      return "must be a date such as 2026-11-25";
    case "duration":
      return 'must be a duration such as 90 (seconds), "90s", "5m" or "1.5h"';
    case "oneOf":
      return `must be one of ${reason.choices.join(", ")}`;
    case "atMostTimes":
      return `must be given at most ${reason.max} times`;
    case "notLaterThanTo":
      return "must not be later than to";
    case "earlierThanTo":
      return "must be earlier than to";
    case "notMoreThanMaxDuration":
      return "must not be more than max_duration";
    case "rangeCapped":
      return `must be at most ${reason.days} days before to`;
    case "cursor":
      return CURSOR;
    case "cursorOtherSort":
      return `${CURSOR}: it was made for another sort`;
    case "unknownParam":
      return `is not a parameter of this page (it takes ${reason.known.join(", ")})`;
  }
}

const REASONS = new Map<string, ParamReason>();

/** The English sentence of `reason`, for a zod message or a problem; remembered for paramReasonOf. */
export function paramMessage(reason: ParamReason): string {
  const text = english(reason);
  if (!REASONS.has(text)) REASONS.set(text, reason);
  return text;
}

/** The reason a message made by paramMessage stands for; null for any other (zod's own, say). */
export function paramReasonOf(message: string): ParamReason | null {
  return REASONS.get(message) ?? null;
}
