import { digestTitle, listIds, type Notification } from "./notification";

/**
 * A Slack incoming webhook's message: `text` is the fallback the notification shows, `blocks` the
 * message (Block Kit sections in mrkdwn). Slack reads &, < and > as markup (<!channel> would ping
 * everyone), so text from the audit log is escaped.
 */
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const SEVERITY_MARK = { info: ":information_source:", warning: ":warning:", critical: ":rotating_light:" } as const;
/** Slack refuses a section text over 3,000 characters. */
const SECTION_LIMIT = 2900;
const cut = (text: string) => (text.length > SECTION_LIMIT ? `${text.slice(0, SECTION_LIMIT)}…` : text);

function section(n: Notification): object {
  const text = `${SEVERITY_MARK[n.severity]} *${escape(n.rule)}* (${n.severity})\n${escape(n.summary)}\n<${n.url}|Open the events in the viewer> · ids: ${escape(listIds(n.eventIds))}`;
  return { type: "section", text: { type: "mrkdwn", text: cut(text) } };
}

export function slackMessage(notifications: readonly Notification[]): object {
  const [only] = notifications;
  if (notifications.length === 1 && only) return { text: `${only.rule}: ${only.summary}`, blocks: [section(only)] };
  // Slack takes up to 50 blocks a message.
  const blocks = [{ type: "header", text: { type: "plain_text", text: digestTitle(notifications) } }, ...notifications.slice(0, 45).map(section)];
  const rest = notifications.length - 45;
  if (rest > 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: `…and ${rest} more in the viewer's alert log.` } });
  return { text: digestTitle(notifications), blocks };
}
