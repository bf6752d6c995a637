import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { Channel } from "../../alertRules/channelSchema";
import type { SmtpSettings } from "../../config";
import { emailMessage } from "./emailMessage";
import { webhookBody, type Notification } from "./notification";
import { slackMessage } from "./slackMessage";
import { adaptiveCardMessage, messageCard } from "./teamsMessage";

export interface DeliverySettings {
  /** The ALERT_SECRET_* variables (lib/config.ts). */
  secrets: ReadonlyMap<string, string>;
  smtp: SmtpSettings | null;
  timeoutMs?: number;
}

export class DeliveryError extends Error {
  override name = "DeliveryError";
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The header the generic webhook's signature travels in: "sha256=" and the HMAC-SHA256 of the exact body, in hex. */
export const SIGNATURE_HEADER = "x-signature-256";

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Sends notifications to one channel; throws a DeliveryError saying what went wrong. Several
 * notifications go as one digest, except to a generic webhook, whose body has one fixed shape
 * (one request each).
 */
export async function sendToChannel(channel: Channel, notifications: readonly Notification[], settings: DeliverySettings): Promise<void> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  switch (channel.type) {
    case "webhook": {
      const secret = channel.secretEnv ? settings.secrets.get(channel.secretEnv) : undefined;
      if (channel.secretEnv && !secret) throw new DeliveryError(`${channel.secretEnv} is not set: the webhook's signing secret is missing`);
      for (const n of notifications) {
        const body = JSON.stringify(webhookBody(n));
        await postJson(channel.url, body, { ...(secret ? { [SIGNATURE_HEADER]: signBody(body, secret) } : {}), "x-alert-id": String(n.alertId) }, timeoutMs);
      }
      return;
    }
    case "slack":
      return postJson(channel.url, JSON.stringify(slackMessage(notifications)), {}, timeoutMs);
    case "teams": {
      const message = channel.format === "message-card" ? messageCard(notifications) : adaptiveCardMessage(notifications);
      return postJson(channel.url, JSON.stringify(message), {}, timeoutMs);
    }
    case "email":
      return sendEmail(channel.to, notifications, settings.smtp, timeoutMs);
  }
}

async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "parsec-audit-viewer", ...headers },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(`could not reach ${new URL(url).host}: ${cause ?? (error as Error).message}`);
  }
  // The answer's body is not needed, but must be read so that the connection can be reused.
  const text = await response.text().catch(() => "");
  if (!response.ok) throw new DeliveryError(`${new URL(url).host} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
}

async function sendEmail(to: readonly string[], notifications: readonly Notification[], smtp: SmtpSettings | null, timeoutMs: number): Promise<void> {
  if (!smtp) throw new DeliveryError("SMTP_HOST is not set: email channels need an SMTP server (SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USER, SMTP_PASSWORD)");
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === "implicit",
    requireTLS: smtp.tls === "starttls",
    ignoreTLS: smtp.tls === "none",
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const message = emailMessage(notifications);
  try {
    await transport.sendMail({ from: smtp.from, to: [...to], subject: message.subject, text: message.text });
  } catch (error) {
    throw new DeliveryError(`the SMTP server ${smtp.host}:${smtp.port} refused the mail: ${(error as Error).message}`);
  } finally {
    transport.close();
  }
}
