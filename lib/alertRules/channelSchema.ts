import { z } from "zod";

/**
 * Where notifications go, as the rules file and the /alerts page write them. Secrets never sit
 * in a channel: a webhook names the environment variable that holds its signing secret, and email
 * uses the SMTP server of the environment (SMTP_*, lib/config.ts).
 */

const name = z
  .string({ message: "must be a name (text)" })
  .trim()
  .min(1, { message: "must not be empty" })
  .max(100, { message: "must be at most 100 characters" });
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000);

/** The variables a channel may name for its secret: only these are read (lib/config.ts). */
export const SECRET_VARIABLE_PATTERN = /^ALERT_SECRET_[A-Z0-9_]{1,64}$/;

export const channelSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      name,
      type: z.literal("webhook"),
      url: httpUrl,
      /** The environment variable holding the HMAC-SHA256 secret (X-Signature-256 header); unset: unsigned. */
      secretEnv: z
        .string()
        .regex(SECRET_VARIABLE_PATTERN, { message: "must be the name of an environment variable that begins with ALERT_SECRET_" })
        .optional(),
    }),
    z.strictObject({ name, type: z.literal("slack"), url: httpUrl }),
    z.strictObject({
      name,
      type: z.literal("teams"),
      url: httpUrl,
      /**
       * "adaptive-card" (the default): the message a Teams Workflows webhook takes. "message-card":
       * the legacy Office 365 connector's format, for a connector URL that still works.
       */
      format: z.enum(["adaptive-card", "message-card"], { message: 'must be "adaptive-card" or "message-card"' }).default("adaptive-card"),
    }),
    z.strictObject({
      name,
      type: z.literal("email"),
      to: z
        .array(z.string().regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/, { message: "must be an email address" }))
        .min(1, { message: "must list at least one address" })
        .max(50),
    }),
  ],
  { message: 'must have a type: "webhook", "slack", "teams" or "email"' },
);

export type ChannelInput = z.input<typeof channelSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ChannelType = Channel["type"];
