"use client";

import { useRef, type ReactNode } from "react";
import { useClosingDetails } from "../useClosingDetails";

/**
 * A drop-down panel on <details>: keyboard-accessible and usable before hydration, and closed
 * (as menus are) by Escape or a click elsewhere.
 */
export function Menu({ summary, className = "", children }: { summary: ReactNode; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useClosingDetails(ref);
  return (
    <details ref={ref} className={`menu ${className}`}>
      <summary className="button">{summary}</summary>
      {children}
    </details>
  );
}
