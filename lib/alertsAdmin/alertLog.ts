import { z } from "zod";
import { SEVERITIES } from "../alertRules/ruleSchema";
import { recordViewerAudit } from "../auth/viewerAudit";
import { BadParameterError } from "../http/requestErrors";
import { getStore } from "../store/store";
import { storedAlertSentence } from "../alerts/summary/alertSentence";
import type { SentencePart } from "../i18n/sentenceParts";
import type { Locale } from "../i18n/locales";
import type { Actor } from "./editAlerts";

/**
 * The alert log (/alerts/log): what fired, when, why, for which events, delivered where and how,
 * newest first, filtered from the URL like the explorer (a parameter that does not parse is named
 * and left out), paged by id.
 */

export const ALERT_LOG_PAGE_SIZE = 50;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const LOG_PARAMS = {
  rule: z.string().min(1).max(100),
  severity: z.enum(SEVERITIES),
  status: z.enum(["notified", "muted"]),
  acknowledged: z.enum(["yes", "no"]),
  delivery: z.enum(["pending", "sent", "failed"]),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  before: z.coerce.number().int().positive(),
} as const;
type LogParams = { [K in keyof typeof LOG_PARAMS]?: z.infer<(typeof LOG_PARAMS)[K]> };

/** A parameter that did not parse: the page says what it takes, in its reader's language. */
export interface LogParamProblem {
  param: keyof typeof LOG_PARAMS;
  value: string;
}

export function parseAlertLogParams(searchParams: Record<string, string | string[] | undefined>): { params: LogParams; problems: LogParamProblem[] } {
  const params: Record<string, unknown> = {};
  const problems: LogParamProblem[] = [];
  for (const [name, schema] of Object.entries(LOG_PARAMS)) {
    const raw = one(searchParams[name]);
    if (raw === undefined || raw === "") continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) params[name] = parsed.data;
    else problems.push({ param: name as keyof typeof LOG_PARAMS, value: String(raw).slice(0, 100) });
  }
  return { params: params as LogParams, problems };
}

export interface AlertLogRow {
  id: number;
  ruleId: number;
  ruleName: string;
  kind: string;
  severity: string;
  /** What happened, worded for the reader; `sentenceIsEnglish` for a row kept before alerts stored their facts. */
  sentence: SentencePart[];
  sentenceIsEnglish: boolean;
  eventIds: string[];
  eventCount: number;
  firedAt: string;
  status: string;
  linkPath: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  deliveries: { channel: string; status: string; attempts: number; lastError: string | null; sentAt: string | null }[];
}

export async function alertLogPageData(searchParams: Record<string, string | string[] | undefined>, locale: Locale) {
  const { params, problems } = parseAlertLogParams(searchParams);
  const { db } = await getStore();
  const rows = await db.alert.findMany({
    where: {
      ...(params.rule ? { ruleName: params.rule } : {}),
      ...(params.severity ? { severity: params.severity } : {}),
      ...(params.status ? { status: params.status } : {}),
      ...(params.acknowledged ? { acknowledgedAt: params.acknowledged === "yes" ? { not: null } : null } : {}),
      ...(params.from || params.to
        ? { firedAt: { ...(params.from ? { gte: new Date(params.from) } : {}), ...(params.to ? { lte: new Date(params.to) } : {}) } }
        : {}),
      ...(params.before ? { id: { lt: params.before } } : {}),
      ...(params.delivery
        ? {
            id: {
              in: (await db.alertDelivery.findMany({ where: { status: params.delivery }, select: { alertId: true }, distinct: ["alertId"], take: 10_000 })).map(
                (d) => d.alertId,
              ),
              ...(params.before ? { lt: params.before } : {}),
            },
          }
        : {}),
    },
    orderBy: { id: "desc" },
    take: ALERT_LOG_PAGE_SIZE + 1,
  });
  const shown = rows.slice(0, ALERT_LOG_PAGE_SIZE);
  const deliveries = await db.alertDelivery.findMany({ where: { alertId: { in: shown.map((r) => r.id) } }, orderBy: { id: "asc" } });
  const ruleNames = (await db.alert.findMany({ select: { ruleName: true }, distinct: ["ruleName"], orderBy: { ruleName: "asc" }, take: 500 })).map(
    (r) => r.ruleName,
  );
  const out: AlertLogRow[] = shown.map((row) => {
    const { parts, english } = storedAlertSentence(row, locale);
    return {
      id: row.id,
      ruleId: row.ruleId,
      ruleName: row.ruleName,
      kind: row.kind,
      severity: row.severity,
      sentence: parts,
      sentenceIsEnglish: english,
      eventIds: JSON.parse(row.eventIds) as string[],
      eventCount: row.eventCount,
      firedAt: row.firedAt.toISOString(),
      status: row.status,
      linkPath: row.linkPath,
      acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: row.acknowledgedBy,
      deliveries: deliveries
        .filter((d) => d.alertId === row.id)
        .map((d) => ({ channel: d.channelName, status: d.status, attempts: d.attempts, lastError: d.lastError, sentAt: d.sentAt?.toISOString() ?? null })),
    };
  });
  return { params, problems, rows: out, ruleNames, olderBefore: rows.length > ALERT_LOG_PAGE_SIZE ? shown.at(-1)!.id : undefined };
}

export async function acknowledgeAlert(actor: Actor, id: number): Promise<void> {
  const { db } = await getStore();
  const { count } = await db.alert.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: new Date(), acknowledgedBy: actor.email } });
  if (count === 0 && !(await db.alert.findUnique({ where: { id } }))) throw new BadParameterError("There is no such alert.");
  if (count === 1)
    await recordViewerAudit(db, { action: "alert_acknowledged", actor: actor.email, ip: actor.ip, facts: { kind: "alert-acknowledged", alert: id } });
}
