import { createTranslator } from "next-intl";
import { CATALOGUES } from "@/i18n/catalogues";
import type { Locale } from "../i18n/locales";
import { plain, sentenceParts, sentenceText, timeTag, type SentencePart } from "../i18n/sentenceParts";
import { storedViewerAuditFacts, type ViewerAuditFacts } from "./viewerAuditFacts";

const yes = (value: boolean) => (value ? "yes" : "no");

/** An audit entry's detail in one language, worded from its facts. */
export function viewerAuditSentence(facts: ViewerAuditFacts, locale: Locale): SentencePart[] {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "ViewerAuditDetail" });
  const text = (() => {
    switch (facts.kind) {
      case "sign-in":
        return t("signIn", { method: facts.method });
      case "sign-in-refused":
        return t("signInRefused", {
          email: plain(facts.email),
          reason: facts.reason === "rate-limit" ? "rate_limit" : "wrong_password",
          scope: facts.scope ?? "account",
        });
      case "sso-refused":
        return t("ssoRefused", { hasMessage: yes(facts.message !== null), message: plain(facts.message ?? "") });
      case "password-change-refused":
        return t("passwordChangeRefused", { reason: facts.reason === "rate-limit" ? "rate_limit" : "wrong_current", scope: facts.scope ?? "account" });
      case "password-reset":
        return t("passwordReset", { newAdmin: yes(facts.newAdmin) });
      case "admin-created":
        return t("adminCreated", { generated: yes(facts.generated) });
      case "sync-started":
        return t("syncStarted", { via: facts.via, full: yes(facts.full) });
      case "import":
        return t("import", { ...facts, file: plain(facts.file), format: plain(facts.format) });
      case "import-refused":
        return plain(facts.message);
      case "file":
        return plain(facts.file);
      case "backup":
        return t("backup", { events: facts.events, file: plain(facts.file) });
      case "restore":
        return t("restore", { events: facts.events, file: plain(facts.file), hasReplaced: yes(facts.replaced > 0), replaced: facts.replaced });
      case "destination":
        return plain(facts.destination);
      case "integration-test":
        return t("integrationTest", { destination: plain(facts.destination), hasError: yes(facts.error !== null), error: plain(facts.error ?? "") });
      case "integration-replay":
        return t.markup("integrationReplay", { destination: plain(facts.destination), from: facts.from, events: facts.events, time: timeTag });
      case "rule-saved":
        return t("ruleSaved", {
          created: yes(facts.created),
          name: plain(facts.name),
          ruleKind: plain(facts.ruleKind),
          enabled: yes(facts.enabled),
          definition: plain(facts.definition),
        });
      case "rule-switched":
        return t("ruleSwitched", { name: plain(facts.name), enabled: yes(facts.enabled) });
      case "rule-deleted":
        return t("ruleDeleted", { name: plain(facts.name) });
      case "rule-muted":
        return t.markup("ruleMuted", { name: plain(facts.name), muted: yes(facts.until !== null), until: facts.until ?? "", time: timeTag });
      case "channel-saved":
        return t("channelSaved", { created: yes(facts.created), name: plain(facts.name), type: plain(facts.type), definition: plain(facts.definition) });
      case "channel-deleted":
        return t("channelDeleted", { name: plain(facts.name) });
      case "alert-acknowledged":
        return t("alertAcknowledged", { alert: facts.alert });
      case "retention":
        return t("retention", {
          events: facts.events,
          connections: facts.connections,
          quarantined: facts.quarantined,
          rollups: facts.rollups,
          eventDays: facts.eventDays,
          keepsRollups: yes(facts.rollupDays === null),
          rollupDays: facts.rollupDays ?? 0,
          held: yes(facts.heldUndelivered > 0),
          heldUndelivered: facts.heldUndelivered,
          stopped: yes(facts.error !== null),
          error: plain(facts.error ?? ""),
        });
    }
  })();
  return sentenceParts(text);
}

/** The English detail an entry stores beside its facts (its instants in UTC). */
export function viewerAuditDetail(facts: ViewerAuditFacts): string {
  return sentenceText(viewerAuditSentence(facts, "en"), "en", "UTC");
}

/**
 * A stored entry's detail for a reader: from its facts in their language, or, for an entry written
 * before facts were kept, its detail as stored (English).
 */
export function storedViewerAuditSentence(
  row: { facts: string | null; detail: string | null },
  locale: Locale,
): { parts: SentencePart[]; english: boolean } | null {
  const facts = storedViewerAuditFacts(row.facts);
  if (facts) return { parts: viewerAuditSentence(facts, locale), english: facts.kind === "import-refused" || facts.kind === "sso-refused" };
  return row.detail === null ? null : { parts: [row.detail], english: true };
}
