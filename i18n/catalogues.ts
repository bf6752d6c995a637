import type { Locale } from "@/lib/i18n/locales";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";

/** The English catalogue is the reference: its shape is the type of every message key (global.d.ts). */
export type Messages = typeof en;

/** Both catalogues, ja held to English's shape (i18n/catalogues.test.ts checks that no key is left over either way). */
export const CATALOGUES: Record<Locale, Messages> = { en, ja };
