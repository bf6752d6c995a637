import { useTranslations } from "next-intl";
import { builtInRuleKey } from "@/lib/alertRules/builtInRules";

/**
 * A rule's name as a reader sees it: a built-in rule's in the reader's language (its stored,
 * English name on hover, as the rules file and the log write it); an admin's as they wrote it.
 */
export function RuleName({ name }: { name: string }) {
  const t = useTranslations("Alerts");
  const key = builtInRuleKey(name);
  if (key === null) return <span translate="no">{name}</span>;
  return <span title={name}>{t("builtInName", { rule: key })}</span>;
}

/** The same as plain text (a list's option): `builtInName` is the Alerts catalogue's message for a key. */
export function ruleNameText(name: string, builtInName: (key: string) => string): string {
  const key = builtInRuleKey(name);
  return key === null ? name : builtInName(key);
}

/** Rule names in the order a reader looks them up: by the names they see, in their language's order. */
export function shownNameOrder(locale: string, builtInName: (key: string) => string): (a: string, b: string) => number {
  const collator = new Intl.Collator(locale);
  return (a, b) => collator.compare(ruleNameText(a, builtInName), ruleNameText(b, builtInName));
}
