import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/config";
import type { PasswordChangeProblem } from "@/lib/auth/adminAccounts";
import type { SignInProblem } from "@/lib/auth/signInWithPassword";
import type { SignInBlock } from "@/lib/auth/signInRateLimit";
import { formatInstant } from "@/lib/i18n/dateTime";
import type { ActionRefusal } from "@/lib/auth/actionRefusal";

/** An action refused by requireAdminAction's security checks, as the form says it. */
export async function actionRefusedText(refusal: ActionRefusal): Promise<string> {
  return (await actionRefusedTexts())[refusal];
}

/** Every refusal's text, for the notice a refused button comes back to (components/auth/ActionRefusedNotice). */
export async function actionRefusedTexts(): Promise<Record<ActionRefusal, string>> {
  const t = await getTranslations("ActionRefused");
  return { crossSite: t("crossSite"), signedOut: t("signedOut"), csrf: t("csrf"), mustChangePassword: t("mustChangePassword") };
}

/** A refused sign-in or password change, as the form says it in the reader's language and zone. */
export async function authProblemText(problem: SignInProblem | PasswordChangeProblem, now = Date.now()): Promise<string> {
  const t = await getTranslations("AuthErrors");
  switch (problem.kind) {
    case "credentials":
      return t("credentials");
    case "email":
      return problem.tooLong ? t("emailTooLong") : t("email");
    case "blocked":
      return blockedText(problem.block, now);
    case "gone":
      return t("gone");
    case "wrongCurrent":
      return t("wrongCurrent");
    case "tooShort":
      return t("tooShort", { count: MIN_PASSWORD_LENGTH });
    case "tooLong":
      return t("tooLong", { count: MAX_PASSWORD_LENGTH });
    case "mismatch":
      return t("mismatch");
    case "unchanged":
      return t("unchanged");
  }
}

async function blockedText(block: SignInBlock, now: number): Promise<string> {
  const [t, locale, zone] = await Promise.all([getTranslations("AuthErrors"), getLocale(), getTimeZone()]);
  const minutes = Math.max(1, Math.ceil((block.retryAt.getTime() - now) / 60_000));
  const time = `${formatInstant(block.retryAt.getTime(), zone, locale, "minute")}${zone === "UTC" ? " UTC" : ""}`;
  return t("blocked", { scope: block.scope, minutes, time });
}
