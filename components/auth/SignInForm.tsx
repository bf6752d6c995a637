"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { EMPTY_FORM_STATE, type FormState } from "./formState";

export function SignInForm({ action, next }: { action: (state: FormState, data: FormData) => Promise<FormState>; next: string }) {
  const t = useTranslations("SignInForm");
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="auth-form" aria-describedby={state.message ? "sign-in-error" : undefined}>
      {state.message && (
        <p id="sign-in-error" className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="next" value={next} />
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email ?? ""} autoFocus />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
