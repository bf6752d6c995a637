"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { EMPTY_FORM_STATE, type FormState } from "./formState";

export function PasswordChangeForm({
  action,
  next,
  csrfToken,
  minLength,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  next: string;
  csrfToken: string;
  minLength: number;
}) {
  const t = useTranslations("PasswordForm");
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="auth-form">
      {state.message && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="csrf" value={csrfToken} />
      <input type="hidden" name="next" value={next} />
      <label>
        {t("current")}
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <label>
        {t("new")} <span className="muted">{t("atLeast", { count: minLength })}</span>
        <input name="password" type="password" autoComplete="new-password" minLength={minLength} required />
      </label>
      <label>
        {t("again")}
        <input name="confirm" type="password" autoComplete="new-password" minLength={minLength} required />
      </label>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
