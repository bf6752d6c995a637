import { createTranslator } from "next-intl";
import { CATALOGUES } from "@/i18n/catalogues";
import { formatDayTime, formatWeekdays } from "../../i18n/dateTime";
import { plain, sentenceParts, sentenceText, timeTag, type SentencePart } from "../../i18n/sentenceParts";
import type { Locale } from "../../i18n/locales";
import type { Actor, AlertFacts, AlertFactsOf } from "./alertFacts";
import { storedFacts } from "./alertFacts";

/** An alert's sentence in one language, the instants it names kept apart (lib/i18n/sentenceParts.ts). */
export function alertSentence(facts: AlertFacts, locale: Locale): SentencePart[] {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "AlertSummary" });
  const time = timeTag;
  const actor = (who: Actor) => t("actor", { hasEmail: who.email ? "yes" : "no", email: plain(who.email ?? ""), id: who.id });
  const text = (() => {
    switch (facts.kind) {
      case "event":
        return t.markup("event", {
          name: plain(facts.name),
          actor: actor(facts.actor),
          at: facts.at,
          hasHost: facts.host ? "yes" : "no",
          host: plain(facts.host ?? ""),
          time,
        });
      case "schedule":
        return t("schedule", {
          name: plain(facts.name),
          actor: actor(facts.actor),
          zonedTime: formatDayTime(Date.parse(facts.at), facts.zone, locale),
          zone: facts.zone,
          hasDays: facts.days.length > 0 ? "yes" : "no",
          days: formatWeekdays(facts.days, locale),
          from: facts.from,
          to: facts.to,
        });
      case "threshold":
        return t.markup("threshold", {
          count: facts.count,
          groupBy: facts.groupBy ?? "none",
          group: plain(facts.group ?? ""),
          windowMinutes: facts.windowMinutes,
          lastAt: facts.lastAt,
          time,
        });
      case "new-value":
        return t.markup("newValue", {
          who: "user" in facts.who ? actor(facts.who.user) : t("computer", { host: plain(facts.who.host) }),
          value: facts.value,
          seen: plain(facts.seen),
          lookbackDays: facts.lookbackDays,
          name: plain(facts.name),
          at: facts.at,
          time,
        });
      case "sync-failing":
        return t("syncFailing", { minutes: facts.minutes, runs: facts.runs, hasError: facts.error ? "yes" : "no", error: plain(facts.error ?? "") });
      case "parsec-auth":
        return t("parsecAuth", { error: plain(facts.error) });
      case "quarantine-growing":
        return t("quarantineGrowing", { grown: facts.grown, total: facts.total });
      case "clock-skew":
        return t("clockSkew", { seconds: facts.seconds, direction: facts.direction });
      case "destination-lagging":
        return t("destinationLagging", { lags: facts.lags.map((lag) => lagClause(t, lag)).join(t("lagSeparator")) });
    }
  })();
  return sentenceParts(text);
}

type Translator = ReturnType<typeof createTranslator<(typeof CATALOGUES)["en"], "AlertSummary">>;

function lagClause(t: Translator, lag: AlertFactsOf<"destination-lagging">["lags"][number]): string {
  const values = {
    destination: plain(lag.destination),
    behindMinutes: lag.behindMinutes,
    pending: lag.pending,
    failingMinutes: lag.failingMinutes ?? 0,
    error: plain(lag.lastError ?? t("unknownError")),
  };
  if (lag.failingMinutes === null) return lag.pending === 0 ? t("lagCaughtUp", values) : t("lagBehind", values);
  return lag.pending === 0 ? t("lagFailing", values) : t("lagBehindFailing", values);
}

/** What a notification says, and what the alert row keeps as its summary: the rule, then the sentence in English and UTC. */
export function notificationSummary(ruleName: string, facts: AlertFacts): string {
  return `${ruleName}: ${sentenceText(alertSentence(facts, "en"), "en", "UTC")}`;
}

/**
 * A stored alert's sentence for a reader: worded from its facts in their language, or, for a row
 * kept before facts were (or whose facts no longer parse), its English summary as stored.
 */
export function storedAlertSentence(row: { facts: string | null; summary: string }, locale: Locale): { parts: SentencePart[]; english: boolean } {
  const facts = storedFacts(row.facts);
  return facts ? { parts: alertSentence(facts, locale), english: false } : { parts: [row.summary], english: true };
}
