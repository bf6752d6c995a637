"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type KeyboardEvent } from "react";
import { Chip } from "./Chip";
import { isEnterToAct } from "./enterKey";

/** A filter of several alternative values (host, exit code, attempt, ip): chips, and a field where Enter adds one. */
export function ValuesFilter({
  label,
  values,
  placeholder,
  suggestions = [],
  onChange,
}: {
  label: string;
  values: string[];
  placeholder: string;
  suggestions?: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const t = useTranslations("Filters");
  const id = useId();
  const [draft, setDraft] = useState("");
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!isEnterToAct(event)) return;
    event.preventDefault();
    const value = draft.trim();
    if (value === "") return;
    setDraft("");
    if (!values.includes(value)) onChange([...values, value]);
  };
  return (
    <div className="filter-field" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="filter-field__label">
        {label}
      </span>
      {values.map((value) => (
        <Chip key={value} label={value} onRemove={() => onChange(values.filter((v) => v !== value))} />
      ))}
      <input
        className="filter-field__input"
        value={draft}
        placeholder={placeholder}
        aria-label={t("addValue", { label })}
        list={suggestions.length ? `${id}-suggestions` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      )}
    </div>
  );
}
