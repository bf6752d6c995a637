/**
 * The languages of the viewer's UI and how a request picks one. No server code: the browser's
 * components import the Locale type and the cookie's name too.
 */
// In the order the header offers them.
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie the header's language switch sets: the choice of this browser, above Accept-Language. */
export const LOCALE_COOKIE = "parsec_viewer_locale";

/** Each language named in itself, as the switch offers it. */
export const LOCALE_NAMES: Record<Locale, string> = { ja: "日本語", en: "English" };

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/**
 * The language of a request: the cookie's when it names one of ours, else the first language of
 * Accept-Language (by its q weights) that we have, by primary subtag (ja-JP is ja, en-US is en),
 * else English. A malformed header is read as far as it makes sense and never throws.
 */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  return preferredLocale(acceptLanguage ?? "") ?? DEFAULT_LOCALE;
}

function preferredLocale(acceptLanguage: string): Locale | undefined {
  const ranked = acceptLanguage
    .slice(0, 1024)
    .split(",")
    .map((entry, index) => {
      const [range = "", ...params] = entry.trim().split(";");
      // A q that is not a number in 0..1 counts as 0: such an entry says nothing we can trust.
      const q = params.map((param) => /^\s*q\s*=(.*)$/i.exec(param)?.[1]).find((value) => value !== undefined);
      const weight = q === undefined ? 1 : /^\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/.test(q) ? Number(q) : 0;
      return { primary: range.trim().toLowerCase().split("-")[0] ?? "", weight, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLocale);
}
