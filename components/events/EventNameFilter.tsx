"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { EventNameGroupList } from "@/lib/events/listEventNames";
import { Menu } from "./Menu";

/** Event names to show, from the names present in the store, grouped; none ticked means every name. */
export function EventNameFilter({
  groups,
  selected,
  onChange,
}: {
  groups: readonly EventNameGroupList[];
  selected: string[];
  onChange: (names: string[]) => void;
}) {
  const t = useTranslations("Filters");
  const format = useFormatter();
  const toggle = (name: string, on: boolean) => onChange(on ? [...selected, name] : selected.filter((n) => n !== name));
  const setGroup = (group: EventNameGroupList, on: boolean) => {
    const names = group.names.map((n) => n.name);
    onChange(on ? [...selected, ...names.filter((n) => !selected.includes(n))] : selected.filter((n) => !names.includes(n)));
  };
  return (
    <Menu
      className="filter-field"
      summary={t("eventNames", {
        which: selected.length === 0 ? "all" : selected.length === 1 ? "one" : "many",
        name: selected[0] ?? "",
        count: selected.length,
      })}
    >
      <div className="menu__panel menu__panel--names">
        {groups.map((group) => (
          <fieldset key={group.group} className="name-group">
            <legend>
              {t("group", { group: group.group })}{" "}
              <button type="button" className="link-button" onClick={() => setGroup(group, true)}>
                {t("groupAll")}
              </button>{" "}
              <button type="button" className="link-button" onClick={() => setGroup(group, false)}>
                {t("groupNone")}
              </button>
            </legend>
            {group.names.map(({ name, events }) => (
              <label key={name} className="check">
                <input type="checkbox" checked={selected.includes(name)} onChange={(event) => toggle(name, event.target.checked)} />
                <code>{name}</code>
                <span className="muted num">{format.number(events)}</span>
              </label>
            ))}
          </fieldset>
        ))}
        {groups.length === 0 && <p className="muted">{t("noEvents")}</p>}
      </div>
    </Menu>
  );
}
