import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { viewerZone } from "@/lib/connections/viewerZone";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";
import { CATALOGUES } from "./catalogues";

/**
 * next-intl without i18n routing: URLs are the same in every language, so a shared link opens in
 * its reader's. The language is the header switch's cookie, else the browser's Accept-Language,
 * else English; the zone is the one the times are rendered in (app/layout.tsx).
 */
export default getRequestConfig(async () => {
  const cookieStore = await cookies();
  const locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: CATALOGUES[locale], timeZone: viewerZone(cookieStore.get(ZONE_COOKIE)?.value) };
});
