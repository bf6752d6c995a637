"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { icuSelector } from "@/lib/i18n/icuSelector";

export interface DryRunView {
  alerts: { summary: string; anchorAt: string; eventCount: number; linkPath: string }[];
  eventsRead: number;
  truncated: boolean;
  eventLimit: number;
  more: number;
}

export interface DefinitionFormState {
  problems: string[];
  message: string | null;
  /** The definition was saved. */
  saved: boolean;
  text: string | null;
  test: DryRunView | null;
}

export const EMPTY_DEFINITION_STATE: DefinitionFormState = { problems: [], message: null, saved: false, text: null, test: null };

/**
 * A rule or a channel as JSON in a text area, checked on the server with the rules file's schemas;
 * problems come back one line each, beside the text as typed. Rules can also be tested first.
 */
export function DefinitionForm({
  action,
  csrfToken,
  id,
  initial,
  templates,
  testable,
  label,
}: {
  action: (state: DefinitionFormState, data: FormData) => Promise<DefinitionFormState>;
  csrfToken: string;
  id: number | null;
  initial: string;
  templates?: Record<string, string>;
  testable: boolean;
  label: string;
}) {
  const t = useTranslations("AlertForm");
  const [state, formAction, pending] = useActionState(action, EMPTY_DEFINITION_STATE);
  const [text, setText] = useState(initial);
  return (
    <form action={formAction} className="definition-form" aria-label={label}>
      <input type="hidden" name="csrf" value={csrfToken} />
      {id !== null && <input type="hidden" name="id" value={id} />}
      {templates && (
        <label>
          {t("templateLabel")}{" "}
          <select aria-label={t("templateLabel")} onChange={(e) => templates[e.target.value] && setText(templates[e.target.value]!)} defaultValue="">
            <option value="" disabled>
              …
            </option>
            {Object.keys(templates).map((key) => (
              <option key={key} value={key}>
                {t("template", { template: icuSelector(key) })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t("definitionLabel")}
        <textarea name="definition" rows={14} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} className="code-input" />
      </label>
      {state.problems.length > 0 && (
        <div className="notice notice--error" role="alert">
          <p>{t("problems")}</p>
          <ul>
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {state.saved && (
        <p className="notice" role="status">
          {t("saved")}
        </p>
      )}
      {state.test && <DryRun result={state.test} />}
      <div className="form-buttons">
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </button>
        {testable && (
          <button type="submit" name="intent" value="test" className="button" disabled={pending}>
            {pending ? t("testing") : t("test")}
          </button>
        )}
      </div>
    </form>
  );
}

function DryRun({ result }: { result: DryRunView }) {
  const t = useTranslations("AlertForm");
  if (result.alerts.length === 0)
    return (
      <p className="notice" role="status">
        {t("testNothing")}
      </p>
    );
  return (
    <div className="notice" role="status" data-testid="dry-run">
      <p>{t("testFired", { alerts: result.alerts.length + result.more, events: result.eventsRead })}</p>
      {result.truncated && <p>{t("testTruncated", { limit: result.eventLimit })}</p>}
      <ul>
        {result.alerts.slice(0, 50).map((alert) => (
          <li key={`${alert.anchorAt}-${alert.summary}`}>
            <a href={alert.linkPath}>{alert.summary}</a> ({t("alertEvents", { count: alert.eventCount })})
          </li>
        ))}
      </ul>
    </div>
  );
}
