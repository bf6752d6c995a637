"use client";

import { RouteError } from "@/components/RouteError";

export default function InsightsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Insights" what="The charts" error={error} retry={retry} />;
}
