"use client";

import { useTranslations } from "next-intl";
import { RouteError } from "@/components/RouteError";

export default function ConnectionsError({ error, retry }: { error: unknown; retry: () => void }) {
  const page = useTranslations("Pages");
  return <RouteError title={page("connections")} what={page("connectionsWhat")} error={error} retry={retry} />;
}
