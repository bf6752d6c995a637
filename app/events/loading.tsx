import { useTranslations } from "next-intl";
import { PageLoading } from "@/components/PageLoading";

export default function LoadingEvents() {
  const page = useTranslations("Pages");
  return <PageLoading title={page("events")} what={page("eventsWhat")} />;
}
