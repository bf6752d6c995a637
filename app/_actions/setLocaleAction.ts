"use server";

import { cookies, headers } from "next/headers";
import { isHttps } from "@/lib/auth/requestContext";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The header's language switch: a plain form POST (it works without JavaScript too), which
 * remembers the choice in this browser. Anyone may switch, signed in or not (the sign-in page has
 * the switch), and the cookie carries nothing but the language: a value that names none of ours
 * is ignored. Next.js renders the same page again in the new language.
 */
export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: true,
    secure: isHttps(await headers()),
  });
}
