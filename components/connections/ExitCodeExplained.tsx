import { useLocale, useTranslations } from "next-intl";
import { describeExitCode } from "@/lib/parsec/exitCodes";

/** An exit code in full: number, name, family, what it means and the usual fix; unknown codes say so. */
export function ExitCodeExplained({ code, testId }: { code: number | null; testId?: string }) {
  const t = useTranslations("ExitCodeExplained");
  const info = describeExitCode(code, useLocale());
  if (!info) return <span className="muted">{t("none")}</span>;
  return (
    <div className={`exit-explained exit-explained--${info.severity}`} data-testid={testId}>
      <div>
        <strong className={`exit-code exit-code--${info.severity}`}>{info.code}</strong> <code>{info.name ?? t("unknown")}</code>{" "}
        <span className="muted">· {info.family}</span>
      </div>
      <p className="exit-explained__meaning">{info.meaning}</p>
      {info.severity !== "success" && <p className="exit-explained__fix">{t("fix", { fix: info.fix })}</p>}
    </div>
  );
}
