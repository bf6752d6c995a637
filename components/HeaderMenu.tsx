"use client";

import { useRef, useState, type ReactNode } from "react";
import { useClosingDetails } from "./useClosingDetails";
import { useInBrowser } from "./useInBrowser";

/**
 * The header's navigation and account links behind one button on a narrow screen; on a wide one
 * the button is hidden and they show in the header as ever (app/globals.css, `.header-menu`).
 * Built on <details>, so it opens with the keyboard and before (or without) the page's script;
 * closed by Escape, a press outside, or choosing a link (the header outlives a navigation).
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useClosingDetails(ref);
  // <summary> tells its state by itself; once the script keeps it current, the attribute says it too.
  const inBrowser = useInBrowser();
  const close = (event: { currentTarget: HTMLDetailsElement; target: EventTarget }) => {
    if (event.target instanceof Element && event.target.closest("a, button[type='submit']")) event.currentTarget.open = false;
  };
  return (
    <details ref={ref} className="header-menu" onToggle={(event) => setOpen(event.currentTarget.open)} onClick={close}>
      <summary className="button header-menu__toggle" aria-expanded={inBrowser ? open : undefined} data-testid="header-menu-toggle">
        <span aria-hidden="true" className="header-menu__icon">
          ☰
        </span>
        {label}
      </summary>
      <div className="header-menu__panel">{children}</div>
    </details>
  );
}
