"use client";

import { useTranslations } from "next-intl";
import { RouteError } from "@/components/RouteError";

export default function EventsError({ error, retry }: { error: unknown; retry: () => void }) {
  const page = useTranslations("Pages");
  return <RouteError title={page("events")} what={page("eventsWhat")} error={error} retry={retry} />;
}
