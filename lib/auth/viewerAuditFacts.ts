import { z } from "zod";

/**
 * What a viewer-audit entry records beside its action, as facts rather than words: the audit page
 * words them in its reader's language (lib/auth/viewerAuditSentence.ts), and the stored `detail`
 * keeps the English for the database's own readers and for entries written before facts were.
 * Free text from outside (an upload's refusal, a provider's answer, a delivery's error) stays as it
 * came, in English.
 */
const count = z.number().int().nonnegative();

export const viewerAuditFactsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sign-in"), method: z.enum(["password", "sso"]) }),
  z.object({
    kind: z.literal("sign-in-refused"),
    email: z.string(),
    reason: z.enum(["wrong-password", "rate-limit"]),
    scope: z.enum(["account", "ip"]).nullable(),
  }),
  z.object({ kind: z.literal("sso-refused"), message: z.string().nullable() }),
  z.object({ kind: z.literal("password-change-refused"), reason: z.enum(["wrong-current", "rate-limit"]), scope: z.enum(["account", "ip"]).nullable() }),
  z.object({ kind: z.literal("password-reset"), newAdmin: z.boolean() }),
  z.object({ kind: z.literal("admin-created"), generated: z.boolean() }),
  z.object({ kind: z.literal("sync-started"), via: z.enum(["button", "api"]), full: z.boolean() }),
  z.object({ kind: z.literal("import"), file: z.string(), format: z.string(), received: count, inserted: count, updated: count, quarantined: count }),
  z.object({ kind: z.literal("import-refused"), message: z.string() }),
  z.object({ kind: z.literal("file"), file: z.string() }),
  z.object({ kind: z.literal("backup"), events: count, file: z.string() }),
  z.object({ kind: z.literal("restore"), events: count, file: z.string(), replaced: count }),
  z.object({ kind: z.literal("destination"), destination: z.string() }),
  z.object({ kind: z.literal("integration-test"), destination: z.string(), error: z.string().nullable() }),
  z.object({ kind: z.literal("integration-replay"), destination: z.string(), from: z.iso.datetime({ offset: true }), events: count }),
  z.object({ kind: z.literal("rule-saved"), created: z.boolean(), name: z.string(), ruleKind: z.string(), enabled: z.boolean(), definition: z.string() }),
  z.object({ kind: z.literal("rule-switched"), name: z.string(), enabled: z.boolean() }),
  z.object({ kind: z.literal("rule-deleted"), name: z.string() }),
  z.object({ kind: z.literal("rule-muted"), name: z.string(), until: z.iso.datetime({ offset: true }).nullable() }),
  z.object({ kind: z.literal("channel-saved"), created: z.boolean(), name: z.string(), type: z.string(), definition: z.string() }),
  z.object({ kind: z.literal("channel-deleted"), name: z.string() }),
  z.object({ kind: z.literal("alert-acknowledged"), alert: z.number().int() }),
  z.object({
    kind: z.literal("retention"),
    events: count,
    connections: count,
    quarantined: count,
    rollups: count,
    eventDays: z.number().int().positive(),
    rollupDays: z.number().int().positive().nullable(),
    heldUndelivered: count,
    error: z.string().nullable(),
  }),
]);

export type ViewerAuditFacts = z.infer<typeof viewerAuditFactsSchema>;

/** An entry's stored facts; null for one written before they were kept (or edited into something else). */
export function storedViewerAuditFacts(text: string | null): ViewerAuditFacts | null {
  if (text === null) return null;
  try {
    const parsed = viewerAuditFactsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
