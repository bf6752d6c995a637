import { z } from "zod";
import { WEEKDAYS } from "../../alertRules/ruleSchema";
import { jsonOrNull } from "../jsonOrNull";

/**
 * What an alert is about, as facts rather than words: stored with the alert, so that the log and
 * the rule form word it in each reader's language and zone when shown, and the notification in
 * English (channels reach people and tools that expect one stable language). Each kind holds what
 * its sentence names and nothing an anonymous reader of the log should not see beyond it.
 */

const actor = z.object({ id: z.number().int(), email: z.string().nullable() });
const instant = z.iso.datetime({ offset: true });

const lag = z.object({
  destination: z.string(),
  pending: z.number().int().nonnegative(),
  behindMinutes: z.number().int().nonnegative(),
  failingMinutes: z.number().int().nonnegative().nullable(),
  lastError: z.string().nullable(),
});

export const alertFactsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("event"), name: z.string(), actor, at: instant, host: z.string().nullable() }),
  z.object({
    kind: z.literal("schedule"),
    name: z.string(),
    actor,
    at: instant,
    zone: z.string(),
    days: z.array(z.enum(WEEKDAYS)),
    from: z.string(),
    to: z.string(),
  }),
  z.object({
    kind: z.literal("threshold"),
    count: z.number().int().positive(),
    groupBy: z.enum(["user", "host", "ip"]).nullable(),
    group: z.string().nullable(),
    windowMinutes: z.number().positive(),
    lastAt: instant,
  }),
  z.object({
    kind: z.literal("new-value"),
    /** The group that used the value: a user, or a computer. */
    who: z.union([z.object({ user: actor }), z.object({ host: z.string() })]),
    value: z.enum(["ip", "ip-prefix", "host"]),
    seen: z.string(),
    lookbackDays: z.number().positive(),
    name: z.string(),
    at: instant,
  }),
  z.object({ kind: z.literal("sync-failing"), minutes: z.number().int().nonnegative(), runs: z.number().int().positive(), error: z.string().nullable() }),
  z.object({ kind: z.literal("parsec-auth"), error: z.string() }),
  z.object({ kind: z.literal("quarantine-growing"), grown: z.number().int(), total: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("clock-skew"), seconds: z.number().int().nonnegative(), direction: z.enum(["behind", "ahead"]) }),
  z.object({ kind: z.literal("destination-lagging"), lags: z.array(lag).min(1) }),
]);

export type AlertFacts = z.infer<typeof alertFactsSchema>;
export type AlertFactsOf<K extends AlertFacts["kind"]> = Extract<AlertFacts, { kind: K }>;
export type Actor = z.infer<typeof actor>;

/** An alert row's stored facts, or null for a row written before they were kept (or edited by hand into something else). */
export function storedFacts(text: string | null): AlertFacts | null {
  if (text === null) return null;
  const parsed = alertFactsSchema.safeParse(jsonOrNull(text));
  return parsed.success ? parsed.data : null;
}
