import { formatDuration } from "@/lib/parsec/formatDuration";

/**
 * Every string of the /integrations page, in one place, so that it moves to the UI catalogue
 * (next-intl, ja and en) in one step.
 */
export const INTEGRATIONS_TEXT = {
  title: "Integrations",
  intro: "Where the stored audit events are forwarded: each destination has its own cursor, moved only once the destination acknowledged a batch.",
  noneConfigured: "No integrations are configured. Set INTEGRATIONS_FILE to a JSON file that lists the destinations (see README, Integrations).",
  caughtUp: "Caught up",
  paused: "Paused",
  failing: "Failing",
  behind: (events: number, ms: number) =>
    `${events.toLocaleString("en")} ${events === 1 ? "event" : "events"} behind, the oldest waiting ${formatDuration(ms)}`,
  lastDelivery: "Last delivery",
  never: "never",
  delivered: "Events delivered",
  lastError: "Last error",
  noError: "none",
  lastTest: "Last test event",
  testArrived: "arrived",
  replay: "Replay",
  replayProgress: (done: number, total: number, from: string) => `${done.toLocaleString("en")} of ${total.toLocaleString("en")} events re-sent from ${from}`,
  sendTest: "Send a test event",
  pause: "Pause",
  resume: "Resume",
  replayFrom: "Replay from",
  replayButton: "Replay",
  refreshing: "Updates every 5 s",
  outcomes: {
    "test-ok": (name: string) => `The test event reached ${name}.`,
    "test-failed": (name: string) => `The test event did not reach ${name}: see "Last test event".`,
    paused: (name: string) => `${name} is paused: its events wait until it is resumed.`,
    resumed: (name: string) => `${name} is delivering again.`,
    replay: (name: string) => `Replay to ${name} started.`,
  },
} as const;

export type IntegrationOutcome = keyof typeof INTEGRATIONS_TEXT.outcomes;
