import { useTranslations } from "next-intl";
import type { ParamReason } from "@/lib/events/paramMessages";
import type { ParamProblem } from "@/lib/events/parseExplorerParams";

/** The URL parameters the explorer ignored, each with what it expected; the view falls back to defaults for them. */
export function ParamProblems({ problems }: { problems: ParamProblem[] }) {
  const t = useTranslations("ParamProblems");
  if (problems.length === 0) return null;
  const says = (reason: ParamReason | null, message: string): string => {
    if (reason === null) return t("invalid", { message });
    switch (reason.reason) {
      case "once":
        return t("once");
      case "text":
        return t("text", { what: reason.what });
      case "textTooLong":
        return t("textTooLong", { what: reason.what, max: reason.max });
      case "userId":
        return t("userId");
      case "userIdTooLarge":
        return t("userIdTooLarge");
      case "exitCode":
        return t("exitCode");
      case "dateTime":
        return t("dateTime");
      case "civilDate":
        return t("civilDate");
      case "duration":
        return t("duration");
      case "oneOf":
        return t("oneOf", { choices: reason.choices.join(", ") });
      case "atMostTimes":
        return t("atMostTimes", { max: reason.max });
      case "notLaterThanTo":
        return t("notLaterThanTo");
      case "earlierThanTo":
        return t("earlierThanTo");
      case "notMoreThanMaxDuration":
        return t("notMoreThanMaxDuration");
      case "rangeCapped":
        return t("rangeCapped", { days: reason.days });
      case "cursor":
        return t("cursor");
      case "cursorOtherSort":
        return t("cursorOtherSort");
      case "unknownParam":
        return t("unknownParam", { known: reason.known.join(", ") });
    }
  };
  return (
    <div className="notice notice--warn" role="alert" data-testid="param-problems">
      <strong>{t("ignored")}</strong>
      <ul>
        {problems.map((problem) => (
          <li key={problem.param} data-param={problem.param}>
            <code>
              {problem.param}={problem.given}
            </code>{" "}
            {says(problem.reason, problem.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}
