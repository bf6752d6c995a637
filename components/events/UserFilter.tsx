"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type KeyboardEvent } from "react";
import type { KnownUser } from "@/lib/events/listUsers";
import { Chip } from "./Chip";
import { isEnterToAct } from "./enterKey";

// What the datalist offers and resolveUser reads back: "email (id)", or "(id)" without an email.
const optionText = (user: KnownUser) => `${user.email ?? ""} (${user.userId})`.trim();

/** The user a typed text names: a picked option "email (id)", a bare id, or an email of a known user. */
function resolveUser(text: string, users: readonly KnownUser[]): string | null {
  const trimmed = text.trim();
  const id = /^(?:.*\()?(-?\d+)\)?$/.exec(trimmed)?.[1];
  if (id !== undefined) return id;
  const needle = trimmed.toLowerCase();
  const matches = users.filter((user) => user.email?.toLowerCase() === needle);
  const byPrefix = matches.length ? matches : users.filter((user) => user.email?.toLowerCase().startsWith(needle));
  return byPrefix.length === 1 ? String(byPrefix[0]!.userId) : null;
}

/**
 * Users to show (`user`) and to leave out (`not_user`): type an email or id, pick from the known
 * users (the browser's type-ahead of a datalist), then Add or Exclude. Click a chip's × to remove it.
 */
export function UserFilter({
  users,
  included,
  excluded,
  onChange,
  canExclude = true,
}: {
  users: readonly KnownUser[];
  included: string[];
  excluded: string[];
  onChange: (included: string[], excluded: string[]) => void;
  /** Whether the view can leave users out (`not_user`); the insights charts can only narrow to users. */
  canExclude?: boolean;
}) {
  const t = useTranslations("Filters");
  const id = useId();
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // The options are written out once the field is first used: the page's HTML would otherwise
  // carry every known user twice (as markup, and in the props the browser hydrates from).
  const [listWanted, setListWanted] = useState(false);
  const labelOf = (userId: string) => users.find((user) => String(user.userId) === userId)?.email ?? t("userFallback", { id: userId });
  const add = (exclude: boolean) => {
    if (draft.trim() === "") return;
    const userId = resolveUser(draft, users);
    if (userId === null) {
      setProblem(t("noSingleUser", { text: draft.trim() }));
      return;
    }
    setProblem(null);
    setDraft("");
    const without = (list: string[]) => list.filter((v) => v !== userId);
    onChange(exclude ? without(included) : [...without(included), userId], exclude ? [...without(excluded), userId] : without(excluded));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!isEnterToAct(event)) return;
    event.preventDefault();
    add(false);
  };
  return (
    <div className="filter-field filter-field--users" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="filter-field__label">
        {t("users")}
      </span>
      {included.map((userId) => (
        <Chip
          key={userId}
          label={labelOf(userId)}
          title={t("userIdTitle", { id: userId })}
          onRemove={() =>
            onChange(
              included.filter((v) => v !== userId),
              excluded,
            )
          }
        />
      ))}
      {excluded.map((userId) => (
        <Chip
          key={userId}
          negated
          label={labelOf(userId)}
          title={t("userIdTitle", { id: userId })}
          onRemove={() =>
            onChange(
              included,
              excluded.filter((v) => v !== userId),
            )
          }
        />
      ))}
      <input
        className="filter-field__input filter-field__input--wide"
        value={draft}
        placeholder={t("userPlaceholder")}
        aria-label={canExclude ? t("userLabelExclude") : t("userLabel")}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        list={`${id}-users`}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setListWanted(true)}
      />
      <datalist id={`${id}-users`}>
        {listWanted && users.map((user) => <option key={user.userId} value={optionText(user)} label={t("userEvents", { count: user.events })} />)}
      </datalist>
      <button type="button" className="button button--small" onClick={() => add(false)}>
        {t("add")}
      </button>
      {canExclude && (
        <button type="button" className="button button--small" onClick={() => add(true)}>
          {t("exclude")}
        </button>
      )}
      {problem && (
        <span id={`${id}-problem`} className="filter-field__problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
