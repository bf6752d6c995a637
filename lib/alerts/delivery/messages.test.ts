import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs } from "./deliverDueAlerts";
import { emailMessage } from "./emailMessage";
import { webhookBody, type Notification } from "./notification";
import { signBody } from "./sendToChannel";
import { slackMessage } from "./slackMessage";
import { adaptiveCardMessage, messageCard } from "./teamsMessage";

const notification = (n: number): Notification => ({
  alertId: n,
  rule: `Rule <${n}> & co`,
  severity: "critical",
  summary: "API key created: team_api_key_create by <!channel> at 2026-06-02T10:00:00Z.",
  eventIds: Array.from({ length: 25 }, (_, i) => `id${i}`),
  url: `https://audit.example.com/events?name=team_api_key_create&n=${n}`,
  firedAt: "2026-06-02T10:00:05.000Z",
});

describe("notification formats", () => {
  it("the webhook body is exactly rule, severity, summary, eventIds, url, firedAt; its signature is HMAC-SHA256 of the body", () => {
    const body = JSON.stringify(webhookBody(notification(1)));
    expect(Object.keys(JSON.parse(body))).toEqual(["rule", "severity", "summary", "eventIds", "url", "firedAt"]);
    expect(signBody(body, "k")).toBe(`sha256=${createHmac("sha256", "k").update(body).digest("hex")}`);
  });

  it("Slack: text from the log is escaped, so that it cannot ping the channel or forge a link", () => {
    const message = slackMessage([notification(1)]) as { text: string; blocks: { text: { text: string } }[] };
    expect(message.blocks[0]!.text.text).toContain("&lt;!channel&gt;");
    expect(message.blocks[0]!.text.text).toContain("Rule &lt;1&gt; &amp; co");
    expect(message.blocks[0]!.text.text).toContain("and 5 more");
    expect(message.blocks[0]!.text.text).toContain(`<${notification(1).url}|`);
  });

  it("Teams: text from the log goes in TextRuns, which Teams does not read as Markdown", () => {
    const card = adaptiveCardMessage([{ ...notification(1), summary: "host [click](https://evil.example)" }]) as {
      attachments: { content: { body: { type: string; inlines: { type: string; text: string }[] }[] } }[];
    };
    const texts = card.attachments[0]!.content.body.map((block) => [block.type, block.inlines[0]!.type, block.inlines[0]!.text]);
    expect(texts).toContainEqual(["RichTextBlock", "TextRun", "host [click](https://evil.example)"]);
    expect(card.attachments[0]!.content.body.every((block) => block.type === "RichTextBlock")).toBe(true);
  });

  it("a digest is one message listing each alert", () => {
    const many = Array.from({ length: 60 }, (_, i) => notification(i));
    const slack = slackMessage(many) as { blocks: unknown[] };
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    const card = adaptiveCardMessage(many.slice(0, 3)) as { attachments: { content: { body: unknown[]; actions: unknown[] } }[] };
    expect(card.attachments[0]!.content.actions).toHaveLength(3);
    expect((messageCard(many.slice(0, 3)) as { sections: unknown[] }).sections).toHaveLength(3);
    expect(emailMessage(many.slice(0, 3)).subject).toBe("3 alerts from the Parsec audit-log viewer");
  });

  it("an email subject never carries a line break into the headers", () => {
    expect(emailMessage([{ ...notification(1), rule: "x\r\nBcc: victim@example.com" }]).subject).not.toMatch(/[\r\n]/);
  });

  it("backoff doubles from 15 s to at most 15 minutes, with jitter", () => {
    expect(backoffMs(1, () => 0.5)).toBe(15_000);
    expect(backoffMs(3, () => 0.5)).toBe(60_000);
    expect(backoffMs(30, () => 0.5)).toBe(900_000);
    expect(backoffMs(1, () => 0)).toBe(12_000);
  });
});
