import { useTranslations } from "next-intl";
import type { ParamProblem } from "@/lib/events/parseExplorerParams";

/** The URL parameters the explorer ignored, each with what it expected; the view falls back to defaults for them. */
export function ParamProblems({ problems }: { problems: ParamProblem[] }) {
  const t = useTranslations("ParamProblems");
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--warn" role="alert" data-testid="param-problems">
      <strong>{t("ignored")}</strong>
      <ul>
        {problems.map((problem) => (
          <li key={problem.param}>
            <code>
              {problem.param}={problem.given}
            </code>{" "}
            {problem.message}.
          </li>
        ))}
      </ul>
    </div>
  );
}
