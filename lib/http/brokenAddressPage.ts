import { createTranslator } from "next-intl";
import { CATALOGUES } from "@/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";

/**
 * What proxy.ts answers a path that is not valid percent-encoding with (Next.js would answer a bare
 * 500 before any page could explain it), in the reader's language. A whole document of its own: no
 * page of the app, nor next-intl's request configuration, runs for such a path.
 */
export function brokenAddressPage(locale: Locale): string {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "BrokenAddress" });
  const app = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "Metadata" });
  // The catalogue's own texts, none of the request's: nothing here needs escaping.
  const explanation = t.markup("explanation", { link: (chunks) => `<a href="/">${chunks}</a>` });
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${app("pageTitle", { page: t("title") })}</title></head>
<body><h1>${t("heading")}</h1><p>${explanation}</p></body></html>`;
}
