import { cookieValue } from "../auth/currentAdmin";
import { viewerZone } from "../connections/viewerZone";
import type { CsvReader } from "../csv/csvReader";
import { ZONE_COOKIE } from "../explorerUrl/zoneCookie";
import { LOCALE_COOKIE, resolveLocale } from "../i18n/locales";

/**
 * The reader of a download request, as the pages see them: the zone the viewer's cookie names
 * (lib/connections/viewerZone, as the pages take it) and the language of i18n/request.ts.
 */
export function csvReaderOf(headers: Headers): CsvReader {
  const cookies = headers.get("cookie");
  return {
    zone: viewerZone(cookieValue(cookies, ZONE_COOKIE)),
    locale: resolveLocale(cookieValue(cookies, LOCALE_COOKIE), headers.get("accept-language")),
  };
}
