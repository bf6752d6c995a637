"use client";

import { useActionState } from "react";
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
        Current password
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <label>
        New password <span className="muted">(at least {minLength} characters)</span>
        <input name="password" type="password" autoComplete="new-password" minLength={minLength} required />
      </label>
      <label>
        New password again
        <input name="confirm" type="password" autoComplete="new-password" minLength={minLength} required />
      </label>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
