"use client";

import type { ReactNode } from "react";
import { RenderedZoneContext } from "./timeDisplay";

/** Hands the zone the server rendered times in to the browser's first render (see RenderedZoneContext). */
export function RenderedZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <RenderedZoneContext value={zone}>{children}</RenderedZoneContext>;
}
