import { CsrfField } from "../auth/CsrfField";

/** One small form per button: each posts its intent and the rule's (or channel's, or alert's) id. */
export function ActionButton({
  action,
  csrfToken,
  id,
  intent,
  label,
  minutes,
  back,
  danger,
}: {
  action: (data: FormData) => Promise<void>;
  csrfToken: string;
  id: number;
  intent: string;
  label: string;
  minutes?: number;
  back?: "log";
  danger?: boolean;
}) {
  return (
    <form action={action} className="inline-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="intent" value={intent} />
      {minutes !== undefined && <input type="hidden" name="minutes" value={minutes} />}
      {back && <input type="hidden" name="back" value={back} />}
      <button type="submit" className={`button button--small${danger ? " button--danger" : ""}`}>
        {label}
      </button>
    </form>
  );
}
