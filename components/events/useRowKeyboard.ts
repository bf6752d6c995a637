"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import { SEARCH_INPUT_ID } from "./domIds";

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The explorer's keyboard: `/` goes to the search field, j/k (anywhere but a text field) and the
 * arrow keys (on a row) move between rows, Enter on a row opens or closes its detail. Rows use a
 * roving tabindex: Tab reaches the table once, at the current row.
 */
export function useRowKeyboard(rowCount: number, toggleDetail: (index: number) => void) {
  const [active, setActive] = useState(0);
  const activeRef = useRef(0);
  const rowElements = useRef<(HTMLTableRowElement | null)[]>([]);
  const toggleActive = useEffectEvent(() => toggleDetail(activeRef.current));

  useEffect(() => {
    const focusRow = (index: number) => {
      const clamped = Math.max(0, Math.min(rowCount - 1, index));
      activeRef.current = clamped;
      setActive(clamped);
      const row = rowElements.current[clamped];
      row?.focus({ preventScroll: true });
      row?.scrollIntoView({ block: "nearest" });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const onRow = rowElements.current.includes(event.target as HTMLTableRowElement);
      const step = event.key === "j" || (onRow && event.key === "ArrowDown") ? 1 : event.key === "k" || (onRow && event.key === "ArrowUp") ? -1 : 0;
      if (event.key === "/") {
        document.getElementById(SEARCH_INPUT_ID)?.focus();
      } else if (step !== 0 && rowCount > 0) {
        // The first j or k from outside the table lands on the current row.
        focusRow(onRow ? activeRef.current + step : activeRef.current);
      } else if (event.key === "Enter" && onRow) {
        toggleActive();
      } else {
        return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [rowCount]);

  return (index: number) => ({
    ref: (element: HTMLTableRowElement | null) => {
      rowElements.current[index] = element;
    },
    tabIndex: index === active ? 0 : -1,
    "aria-current": index === active ? ("true" as const) : undefined,
    // Focus anywhere in a row (the row, its link, its detail button) makes it the current row.
    onFocus: () => {
      activeRef.current = index;
      setActive(index);
    },
  });
}
