import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "./catalogues";

// next-intl's type augmentation: a key missing from the English catalogue is a type error at its t() call.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
