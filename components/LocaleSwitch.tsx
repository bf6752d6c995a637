import { useLocale, useTranslations } from "next-intl";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

/**
 * 日本語 / English in the header: one button per language in a form that posts to the server (no
 * script needed), each written in its own language so that a reader finds theirs in either.
 */
export function LocaleSwitch({ action }: { action: (data: FormData) => Promise<void> }) {
  const t = useTranslations("LocaleSwitch");
  const current = useLocale();
  return (
    <form action={action} className="locale-switch" aria-label={t("label")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          className="link-button"
          aria-pressed={locale === current}
          lang={locale}
          disabled={locale === current}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
