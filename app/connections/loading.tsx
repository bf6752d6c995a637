import { useTranslations } from "next-intl";
import { PageLoading } from "@/components/PageLoading";

export default function LoadingConnections() {
  const page = useTranslations("Pages");
  return <PageLoading title={page("connections")} what={page("connectionsWhat")} />;
}
