"use client";

import { RouteError } from "@/components/RouteError";

export default function EventsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Events" what="The events" error={error} retry={retry} />;
}
