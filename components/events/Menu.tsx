"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A drop-down panel on <details>: keyboard-accessible and usable before hydration, and closed
 * (as menus are) by Escape or a click elsewhere, which <details> alone does not do.
 */
export function Menu({ summary, className = "", children }: { summary: ReactNode; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key !== "Escape" : details.contains(event.target as Node)) return;
      details.open = false;
      if (event instanceof KeyboardEvent) details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details ref={ref} className={`menu ${className}`}>
      <summary className="button">{summary}</summary>
      {children}
    </details>
  );
}
