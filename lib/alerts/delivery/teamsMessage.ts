import { digestTitle, listIds, type Notification } from "./notification";

/**
 * Microsoft Teams. Office 365 connectors (and their MessageCard format) are being retired by
 * Microsoft in favour of Workflows webhooks, which take a message whose attachment is an Adaptive
 * Card: that is what a Teams channel sends by default. "message-card" keeps the legacy format for a
 * connector URL that still works.
 */

const COLOR = { info: "Accent", warning: "Warning", critical: "Attention" } as const;
const THEME = { info: "0078D7", warning: "FFB900", critical: "D13438" } as const;

/**
 * Text from the audit log (names, emails, computer names) goes in TextRuns, which Teams does not read
 * as Markdown: in a TextBlock, a computer named "[click](https://...)" would become a link.
 */
const plain = (text: string, style: Record<string, unknown> = {}) => ({ type: "RichTextBlock", inlines: [{ type: "TextRun", text, ...style }] });

function cardItems(n: Notification): object[] {
  return [
    plain(`${n.rule} (${n.severity})`, { weight: "Bolder", size: "Medium", color: COLOR[n.severity] }),
    plain(n.summary),
    plain(`Events: ${listIds(n.eventIds)}`, { isSubtle: true, size: "Small" }),
  ];
}

export function adaptiveCardMessage(notifications: readonly Notification[]): object {
  const digest = notifications.length > 1;
  const body = [
    ...(digest ? [{ type: "TextBlock", text: digestTitle(notifications), weight: "Bolder", size: "Large", wrap: true }] : []),
    ...notifications.slice(0, 30).flatMap((n, i) => (i === 0 ? cardItems(n) : [{ type: "Container", separator: true, items: cardItems(n) }])),
  ];
  const actions = notifications
    .slice(0, 5)
    .map((n) => ({ type: "Action.OpenUrl", title: digest ? `Open: ${n.rule}` : "Open the events in the viewer", url: n.url }));
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, actions },
      },
    ],
  };
}

export function messageCard(notifications: readonly Notification[]): object {
  const first = notifications[0]!;
  const digest = notifications.length > 1;
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: digest ? digestTitle(notifications) : `${first.rule}: ${first.summary}`,
    themeColor: THEME[first.severity],
    title: digest ? digestTitle(notifications) : `${first.rule} (${first.severity})`,
    // markdown: false, so that text from the audit log is shown as written, never as links.
    sections: notifications
      .slice(0, 30)
      .map((n) => ({ activityTitle: n.rule, text: n.summary, markdown: false, facts: [{ name: "Events", value: listIds(n.eventIds) }] })),
    potentialAction: notifications
      .slice(0, 4)
      .map((n) => ({ "@type": "OpenUri", name: digest ? `Open: ${n.rule}` : "Open the events", targets: [{ os: "default", uri: n.url }] })),
  };
}
