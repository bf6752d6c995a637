"use client";

import "./zodInBrowser";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { DefinitionProblem } from "@/lib/alertRules/definitionProblems";
import {
  addCondition,
  changeKind,
  CONDITION_OPS,
  formFields,
  isRuleKind,
  parseDraft,
  readChecked,
  readChoices,
  readConditions,
  readText,
  removeCondition,
  RULE_KINDS,
  writeCondition,
  writeField,
  type ConditionRow,
  type FormField,
  type RuleDraft,
} from "@/lib/alertRules/ruleForm";
import { icuSelector } from "@/lib/i18n/icuSelector";
import { useDescribeProblem } from "./useDescribeProblem";

/** The problems a field shows beside itself: its own, and those of its items ("match.names[2]"). */
const problemsOf = (problems: DefinitionProblem[], key: string) => problems.filter((p) => p.field === key);

/**
 * The structured view of a rule's definition, as Grafana's rule editor has one: a field per part
 * of the rule, each writing straight into the JSON the definition editor shows (lib/alertRules/ruleForm.ts),
 * each with its own problem from the last save beside it.
 */
export function RuleFields({
  draft,
  onChange,
  problems,
  channels,
  templates,
}: {
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  problems: DefinitionProblem[];
  /** The channels a rule may name. */
  channels: string[];
  /** A starting definition per kind, for the new kind's own fields when the kind changes. */
  templates: Record<string, string>;
}) {
  const t = useTranslations("AlertForm");
  const kind = draft.kind;
  const kindId = useId();
  const fields = isRuleKind(kind) ? formFields(kind) : [];
  const byKey = (key: string) => fields.find((f) => f.key === key);
  const control = (key: string, extra?: { options?: readonly string[] }) => {
    const field = byKey(key);
    return field ? (
      <FieldControl key={key} field={extra?.options ? { ...field, ...extra } : field} draft={draft} onChange={onChange} problems={problems} />
    ) : null;
  };
  const kindProblems = problemsOf(problems, "kind");
  const chooseKind = (next: string) => {
    const template = templates[next] && parseDraft(templates[next]);
    if (isRuleKind(next) && template) onChange(changeKind(draft, next, template));
  };
  const channelChoices = [...new Set([...channels, ...(byKey("channels") ? readChoices(draft, byKey("channels")!) : [])])];
  return (
    <div className="rule-fields">
      <fieldset>
        <legend>{t("sectionRule")}</legend>
        {control("name")}
        <div className="field">
          <label htmlFor={kindId}>{t("kindField")}</label>
          <select id={kindId} value={typeof kind === "string" ? kind : ""} onChange={(e) => chooseKind(e.target.value)} aria-invalid={kindProblems.length > 0}>
            {!isRuleKind(kind) && <option value="">…</option>}
            {RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t("kind", { kind: icuSelector(k) })}
              </option>
            ))}
          </select>
          <FieldProblems problems={kindProblems} />
        </div>
        {control("severity")}
        {control("description")}
        {control("enabled")}
      </fieldset>
      {isRuleKind(kind) && kind !== "event" && (
        <fieldset>
          <legend>{t("sectionKind", { kind: icuSelector(kind) })}</legend>
          {fields
            .filter((f) => !f.key.startsWith("match_") && !["name", "description", "severity", "channels", "enabled", "cooldownMinutes"].includes(f.key))
            .map((f) => control(f.key))}
        </fieldset>
      )}
      {byKey("match_names") && (
        <fieldset>
          <legend>{t("sectionMatch")}</legend>
          {fields.filter((f) => f.key.startsWith("match_") && f.control !== "conditions").map((f) => control(f.key))}
          <Conditions draft={draft} onChange={onChange} problems={problems} />
        </fieldset>
      )}
      {isRuleKind(kind) && (
        <fieldset>
          <legend>{t("sectionNotify")}</legend>
          {channelChoices.length === 0 ? <p className="muted">{t("noChannelsYet")}</p> : control("channels", { options: channelChoices })}
          {control("cooldownMinutes")}
        </fieldset>
      )}
    </div>
  );
}

function FieldProblems({ problems, id }: { problems: DefinitionProblem[]; id?: string }) {
  const describe = useDescribeProblem();
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems" id={id}>
      {problems.map((p, i) => (
        <li key={i}>{describe(p)}</li>
      ))}
    </ul>
  );
}

/** A text box that keeps what is being typed ("a, " on its way to "a, b") until it loses focus. */
function TypedInput({ value, onText, ...rest }: { value: string; onText: (text: string) => void } & Omit<React.ComponentProps<"input">, "value" | "onChange">) {
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <input
      {...rest}
      value={typed ?? value}
      onChange={(e) => {
        setTyped(e.target.value);
        onText(e.target.value);
      }}
      onBlur={() => setTyped(null)}
    />
  );
}

function FieldControl({
  field,
  draft,
  onChange,
  problems,
}: {
  field: FormField;
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  problems: DefinitionProblem[];
}) {
  const t = useTranslations("AlertForm");
  const id = useId();
  const own = problemsOf(problems, field.key);
  const invalid = own.length > 0;
  const label = t("fieldName", { field: field.key });
  const hint = t("hint", { field: field.key, condition: icuSelector(readText(draft, { ...field, path: ["condition"] })) });
  const described = [hint ? `${id}-hint` : "", invalid ? `${id}-problems` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": invalid, "aria-describedby": described };
  let input: React.ReactNode;
  switch (field.control) {
    case "checkbox":
      return (
        <div className="field field--inline">
          <label>
            <input type="checkbox" {...common} checked={readChecked(draft, field)} onChange={(e) => onChange(writeField(draft, field, e.target.checked))} />{" "}
            {label}
          </label>
          <FieldProblems problems={own} id={`${id}-problems`} />
        </div>
      );
    case "choices": {
      const chosen = readChoices(draft, field);
      const toggle = (option: string, on: boolean) =>
        onChange(writeField(draft, field, on ? field.options.filter((o) => o === option || chosen.includes(o)) : chosen.filter((c) => c !== option)));
      return (
        <fieldset className="field field--choices" aria-invalid={invalid} aria-describedby={described}>
          <legend>{label}</legend>
          {field.options.map((option) => (
            <label key={option}>
              <input type="checkbox" checked={chosen.includes(option)} onChange={(e) => toggle(option, e.target.checked)} />{" "}
              {field.key === "days" ? t("weekday", { day: option }) : option}
            </label>
          ))}
          <FieldProblems problems={own} id={`${id}-problems`} />
        </fieldset>
      );
    }
    case "select": {
      const value = readText(draft, field);
      const optionLabel = (option: string) =>
        field.key === "severity"
          ? t("severity", { severity: option })
          : field.key === "value"
            ? t("newValue", { option: icuSelector(option) })
            : t("option", { option: icuSelector(option) });
      input = (
        <select {...common} value={value} onChange={(e) => onChange(writeField(draft, field, e.target.value))}>
          {field.optional && <option value="">{t("option", { option: field.key === "groupBy" ? "none" : "any" })}</option>}
          {!field.optional && !field.options.includes(value) && <option value={value}>{value || "…"}</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      );
      break;
    }
    default:
      input = (
        <TypedInput
          {...common}
          type="text"
          inputMode={field.control === "number" || field.control === "ids" ? "numeric" : undefined}
          placeholder={field.key === "from" ? "09:00" : field.key === "to" ? "19:00" : undefined}
          value={readText(draft, field)}
          onText={(text) => onChange(writeField(draft, field, text))}
          className={field.control === "list" || field.key === "description" ? "field__wide" : undefined}
          list={field.key === "zone" ? `${id}-zones` : undefined}
        />
      );
      if (field.key === "zone") input = [input, <TimeZoneList key="zones" id={`${id}-zones`} />];
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input}
      {hint && (
        <small className="muted" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      <FieldProblems problems={own} id={`${id}-problems`} />
    </div>
  );
}

/** The zones this browser knows, to pick from while typing (the form is only shown in the browser). */
function TimeZoneList({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {Intl.supportedValuesOf("timeZone").map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

/** The `data` conditions, one row each: field, comparison, value. */
function Conditions({ draft, onChange, problems }: { draft: RuleDraft; onChange: (draft: RuleDraft) => void; problems: DefinitionProblem[] }) {
  const t = useTranslations("AlertForm");
  const rows = readConditions(draft);
  const write = (index: number, row: ConditionRow) => onChange(writeCondition(draft, index, row));
  const listProblems = problems.filter((p) => p.path === "match.data");
  return (
    <fieldset className="field field--conditions">
      <legend>{t("fieldName", { field: "match_data" })}</legend>
      {rows.map((row, index) => {
        const at = `match.data[${index}]`;
        const own = problems.filter((p) => p.path === at || p.path.startsWith(`${at}.`));
        const noValue = row.op === "exists" || row.op === "missing";
        return (
          <div key={index} className="condition-row" role="group" aria-label={t("conditionRow", { number: index + 1 })}>
            <TypedInput
              aria-label={t("fieldName", { field: "match_data_field" })}
              value={row.field}
              onText={(text) => write(index, { ...row, field: text })}
              aria-invalid={own.some((p) => p.field === "match_data_field")}
            />
            <select aria-label={t("fieldName", { field: "match_data_op" })} value={row.op} onChange={(e) => write(index, { ...row, op: e.target.value })}>
              {CONDITION_OPS.map((op) => (
                <option key={op} value={op}>
                  {t("option", { option: icuSelector(op) })}
                </option>
              ))}
            </select>
            {!noValue && (
              <TypedInput
                aria-label={t("fieldName", { field: "match_data_value" })}
                value={row.value}
                onText={(text) => write(index, { ...row, value: text })}
                aria-invalid={own.some((p) => p.field === "match_data_value")}
              />
            )}
            <button type="button" className="button button--small" onClick={() => onChange(removeCondition(draft, index))}>
              {t("removeCondition")}
            </button>
            <FieldProblems problems={own} />
          </div>
        );
      })}
      <FieldProblems problems={listProblems} />
      <div>
        <button type="button" className="button button--small" onClick={() => onChange(addCondition(draft))}>
          {t("addCondition")}
        </button>
      </div>
    </fieldset>
  );
}
