import { jsonOrNull } from "../jsonOrNull";
import { channelSchema, type Channel } from "../../alertRules/channelSchema";
import type { Severity } from "../../alertRules/ruleSchema";
import type { Db } from "../../store/client";
import type { Notification } from "./notification";
import { sendToChannel, type DeliverySettings } from "./sendToChannel";

/**
 * The outbox's delivery: pending deliveries whose time has come are claimed (so that a second
 * process sends none of them twice), sent, and recorded as sent, or as failed with the error and
 * a later attempt. A channel that is down gets them when it is back; one down for longer than
 * GIVE_UP_AFTER_MS is marked failed and shown as such, never dropped silently.
 * Delivery is at least once: a process killed between sending and recording sends again when its
 * claim runs out (the webhook carries X-Alert-Id for receivers that want to tell).
 */

/** This many deliveries due at once for one human-facing channel go as one digest message. */
export const DIGEST_AT = 5;
export const GIVE_UP_AFTER_MS = 72 * 3_600_000;
const CLAIM_MS = 5 * 60_000;
const BATCH = 500;
const MAX_BACKOFF_MS = 15 * 60_000;

export interface DeliveryContext extends DeliverySettings {
  /** The viewer's address for links (VIEWER_URL). */
  viewerUrl: string;
  now?: () => number;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

export interface DeliveryOutcome {
  sent: number;
  failed: number;
  retrying: number;
}

/** Wait before attempt n+1 (n >= 1): 15 s doubling to 15 min, with a fifth of jitter either way. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 15_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export async function deliverDueAlerts(db: Db, context: DeliveryContext): Promise<DeliveryOutcome> {
  const now = (context.now ?? Date.now)();
  const outcome: DeliveryOutcome = { sent: 0, failed: 0, retrying: 0 };
  const unclaimed = [{ claimedUntil: null }, { claimedUntil: { lt: new Date(now) } }];
  const due = await db.alertDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: new Date(now) }, OR: unclaimed },
    orderBy: { id: "asc" },
    take: BATCH,
  });
  const claimed = [];
  for (const delivery of due) {
    const { count } = await db.alertDelivery.updateMany({
      where: { id: delivery.id, status: "pending", OR: unclaimed },
      data: { claimedUntil: new Date(now + CLAIM_MS) },
    });
    if (count === 1) claimed.push(delivery);
  }
  if (claimed.length === 0) return outcome;

  const alerts = new Map((await db.alert.findMany({ where: { id: { in: [...new Set(claimed.map((d) => d.alertId))] } } })).map((a) => [a.id, a]));
  const channels = new Map(
    (await db.alertChannel.findMany({ where: { name: { in: [...new Set(claimed.map((d) => d.channelName))] } } })).map((c) => [c.name, c]),
  );
  const byChannel = new Map<string, typeof claimed>();
  for (const delivery of claimed) byChannel.set(delivery.channelName, [...(byChannel.get(delivery.channelName) ?? []), delivery]);

  for (const [channelName, deliveries] of byChannel) {
    const row = channels.get(channelName);
    const parsed = row ? channelSchema.safeParse(jsonOrNull(row.definition)) : null;
    const channel: Channel | null = parsed?.success ? parsed.data : null;
    const items = deliveries.flatMap((delivery) => {
      const alert = alerts.get(delivery.alertId);
      return alert ? [{ delivery, notification: toNotification(alert, context.viewerUrl) }] : [];
    });
    const groups = channel && channel.type !== "webhook" && items.length >= DIGEST_AT ? [items] : items.map((item) => [item]);
    for (const group of groups) {
      let error: string | null = null;
      try {
        if (!channel)
          throw new Error(row ? `channel "${channelName}" is not valid any more: edit it on the alerts page` : `there is no channel named "${channelName}"`);
        await sendToChannel(
          channel,
          group.map((g) => g.notification),
          context,
        );
      } catch (caught) {
        error = (caught as Error).message.slice(0, 1000);
      }
      const at = (context.now ?? Date.now)();
      for (const { delivery } of group) {
        const attempts = delivery.attempts + 1;
        if (error === null) {
          outcome.sent += 1;
          await db.alertDelivery.update({
            where: { id: delivery.id },
            data: {
              status: "sent",
              attempts,
              sentAt: new Date(at),
              claimedUntil: null,
              lastError: null,
              digestId: group.length > 1 ? group[0]!.delivery.id : null,
            },
          });
        } else {
          const givesUp = at - delivery.createdAt.getTime() >= GIVE_UP_AFTER_MS;
          if (givesUp) outcome.failed += 1;
          else outcome.retrying += 1;
          await db.alertDelivery.update({
            where: { id: delivery.id },
            data: {
              status: givesUp ? "failed" : "pending",
              attempts,
              lastError: error,
              claimedUntil: null,
              nextAttemptAt: new Date(at + backoffMs(attempts, context.random)),
            },
          });
        }
      }
    }
  }
  return outcome;
}

interface AlertRow {
  id: number;
  ruleName: string;
  severity: string;
  summary: string;
  eventIds: string;
  linkPath: string;
  firedAt: Date;
}

export function toNotification(alert: AlertRow, viewerUrl: string): Notification {
  return {
    alertId: alert.id,
    rule: alert.ruleName,
    severity: alert.severity as Severity,
    summary: alert.summary,
    eventIds: JSON.parse(alert.eventIds) as string[],
    url: `${viewerUrl}${alert.linkPath}`,
    firedAt: alert.firedAt.toISOString(),
  };
}
