import { digestTitle, type Notification } from "./notification";

/** Plain text: every mail client shows it, and nothing in it can be markup. */
export function emailMessage(notifications: readonly Notification[]): { subject: string; text: string } {
  const [only] = notifications;
  const subject = notifications.length === 1 && only ? `[${only.severity}] ${only.rule}` : digestTitle(notifications);
  const text = notifications
    .map((n) => [`${n.rule} (${n.severity}), ${n.firedAt}`, n.summary, `Events: ${n.url}`, `Event ids: ${n.eventIds.join(", ")}`].join("\n"))
    .join("\n\n");
  return { subject: subject.replace(/[\r\n]+/g, " ").slice(0, 200), text };
}
