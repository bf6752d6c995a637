"use client";

import { useActionState, useState } from "react";
import { ALERTS_TEXT as T } from "./alertsText";

export interface DryRunView {
  alerts: { summary: string; anchorAt: string; eventCount: number; linkPath: string }[];
  eventsRead: number;
  truncated: boolean;
  more: number;
}

export interface DefinitionFormState {
  problems: string[];
  message: string | null;
  text: string | null;
  test: DryRunView | null;
}

export const EMPTY_DEFINITION_STATE: DefinitionFormState = { problems: [], message: null, text: null, test: null };

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
  const [state, formAction, pending] = useActionState(action, EMPTY_DEFINITION_STATE);
  const [text, setText] = useState(initial);
  return (
    <form action={formAction} className="definition-form" aria-label={label}>
      <input type="hidden" name="csrf" value={csrfToken} />
      {id !== null && <input type="hidden" name="id" value={id} />}
      {templates && (
        <label>
          {T.templateLabel}{" "}
          <select aria-label={T.templateLabel} onChange={(e) => templates[e.target.value] && setText(templates[e.target.value]!)} defaultValue="">
            <option value="" disabled>
              …
            </option>
            {Object.keys(templates).map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {T.definitionLabel}
        <textarea name="definition" rows={14} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} className="code-input" />
      </label>
      {state.problems.length > 0 && (
        <ul className="notice notice--error" role="alert">
          {state.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {state.message && state.problems.length === 0 && (
        <p className="notice" role="status">
          {state.message}
        </p>
      )}
      {state.test && <DryRun result={state.test} />}
      <div className="form-buttons">
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={pending}>
          {pending ? T.saving : T.save}
        </button>
        {testable && (
          <button type="submit" name="intent" value="test" className="button" disabled={pending}>
            {pending ? T.testing : T.test}
          </button>
        )}
      </div>
    </form>
  );
}

function DryRun({ result }: { result: DryRunView }) {
  if (result.alerts.length === 0)
    return (
      <p className="notice" role="status">
        {T.testNothing}
      </p>
    );
  return (
    <div className="notice" role="status" data-testid="dry-run">
      <p>{T.testFired(result.alerts.length + result.more, result.eventsRead)}</p>
      {result.truncated && <p>{T.testTruncated}</p>}
      <ul>
        {result.alerts.slice(0, 50).map((alert) => (
          <li key={`${alert.anchorAt}-${alert.summary}`}>
            <a href={alert.linkPath}>{alert.summary}</a> ({alert.eventCount} {T.events})
          </li>
        ))}
      </ul>
    </div>
  );
}
