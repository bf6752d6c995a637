// Only tests import this file.
import { createTranslator } from "next-intl";
import { fakeRequest } from "@/lib/auth/testing";
import { viewerZone } from "@/lib/connections/viewerZone";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";
import { CATALOGUES } from "./catalogues";

/**
 * next-intl's server functions for the fake request, as i18n/request.ts would answer them: its
 * language from the cookie or Accept-Language, its zone from the zone cookie. (Outside Next.js's
 * server build, next-intl/server refuses to run at all.)
 */
const fakeRequestLocale = () => resolveLocale(fakeRequest.cookies.get(LOCALE_COOKIE), fakeRequest.headers.get("accept-language"));
export const nextIntlServerStandIn = {
  getLocale: async () => fakeRequestLocale(),
  getTimeZone: async () => viewerZone(fakeRequest.cookies.get(ZONE_COOKIE)),
  getTranslations: async (namespace?: string) => {
    const locale = fakeRequestLocale();
    return createTranslator({ locale, messages: CATALOGUES[locale], namespace: namespace as never });
  },
};
