"use client";

import { RouteError } from "@/components/RouteError";

export default function ConnectionsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Connections" what="The connections" error={error} retry={retry} />;
}
