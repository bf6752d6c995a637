"use client";

import "./zodInBrowser";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { draftText, parseDraft, problemsWithoutField } from "@/lib/alertRules/ruleForm";
import type { DefinitionProblem } from "@/lib/alertRules/definitionProblems";
import { EMPTY_DEFINITION_STATE, type DefinitionFormState, type DryRunView } from "@/lib/alertsAdmin/definitionFormState";
import { Sentence } from "../Sentence";
import { icuSelector } from "@/lib/i18n/icuSelector";
import { useInBrowser } from "../useInBrowser";
import { RuleFields } from "./RuleFields";
import { useDescribeProblem } from "./useDescribeProblem";

/** What a rule's form needs beside its definition: the channels it may name, and a start per kind. */
export interface RuleFormOptions {
  channels: string[];
  kindTemplates: Record<string, string>;
}

/**
 * A rule or a channel as JSON in a text area, checked on the server with the rules file's schemas;
 * each problem comes back as a field's path and code, worded here beside the text as typed. A rule
 * has a structured form too, on the same text: the form writes the JSON that is saved, so switching
 * between the two keeps the edit. Until the page's script runs (or without it) the JSON is shown,
 * which saves on its own. Rules can also be tested first.
 */
export function DefinitionForm({
  action,
  csrfToken,
  id,
  initial,
  templates,
  testable,
  label,
  ruleForm,
}: {
  action: (state: DefinitionFormState, data: FormData) => Promise<DefinitionFormState>;
  csrfToken: string;
  id: number | null;
  initial: string;
  templates?: Record<string, string>;
  testable: boolean;
  label: string;
  ruleForm?: RuleFormOptions;
}) {
  const t = useTranslations("AlertForm");
  const [state, formAction, pending] = useActionState(action, EMPTY_DEFINITION_STATE);
  const [text, setText] = useState(initial);
  const [view, setView] = useState<"form" | "json">("form");
  const inBrowser = useInBrowser();
  const shown = ruleForm && inBrowser ? view : "json";
  const draft = shown === "form" ? parseDraft(text) : null;
  const unplaced = shown === "form" && draft ? problemsWithoutField(draft, state.problems) : state.problems;
  // React resets a form after its action, and a reset puts controlled selects and checkboxes back to
  // their first option or unticked while the definition still says otherwise: in the browser the
  // action is started here instead, which does not reset. Without script the form posts as usual.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={submit} className="definition-form" aria-label={label}>
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
      {ruleForm && inBrowser && (
        <div className="view-switch" role="group" aria-label={t("viewLabel")}>
          {(["form", "json"] as const).map((v) => (
            <button key={v} type="button" className="button button--small" aria-pressed={view === v} onClick={() => setView(v)}>
              {v === "form" ? t("viewForm") : t("viewJson")}
            </button>
          ))}
        </div>
      )}
      {(state.problems.length > 0 || state.refusal || state.message) && (
        <div className="notice notice--error" role="alert">
          <p>{unplaced.length === 0 && state.problems.length > 0 ? t("problemsBeside") : t("problems")}</p>
          {state.refusal && <p>{t("refusal", { problem: state.refusal })}</p>}
          {state.message && <p>{state.message}</p>}
          <ProblemList problems={unplaced} />
        </div>
      )}
      {shown === "form" &&
        ruleForm &&
        (draft ? (
          <RuleFields
            draft={draft}
            onChange={(next) => setText(draftText(next))}
            problems={state.problems}
            channels={ruleForm.channels}
            templates={ruleForm.kindTemplates}
          />
        ) : (
          <p className="notice notice--warn">{t("jsonBroken")}</p>
        ))}
      {/* In the form view the JSON is still what is sent: hidden, not gone. */}
      <label hidden={shown !== "json"}>
        {t("definitionLabel")}
        <textarea name="definition" rows={14} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} className="code-input" />
      </label>
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

/** Problems as a list, each naming where in the JSON it is. */
function ProblemList({ problems }: { problems: DefinitionProblem[] }) {
  const t = useTranslations("AlertForm");
  const describe = useDescribeProblem();
  if (problems.length === 0) return null;
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>{p.path ? t("problemAt", { path: p.path, problem: describe(p) }) : describe(p)}</li>
      ))}
    </ul>
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
          <li key={`${alert.anchorAt}-${alert.linkPath}`}>
            <a href={alert.linkPath}>
              <Sentence parts={alert.sentence} />
            </a>{" "}
            ({t("alertEvents", { count: alert.eventCount })})
          </li>
        ))}
      </ul>
    </div>
  );
}
