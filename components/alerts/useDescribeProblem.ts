"use client";

import "./zodInBrowser";
import { useTranslations } from "next-intl";
import type { DefinitionProblem } from "@/lib/alertRules/definitionProblems";

/** A definition's problem as a sentence in the reader's language, naming its field as the form labels it. */
export function useDescribeProblem(): (problem: DefinitionProblem) => string {
  const t = useTranslations("AlertForm");
  return (problem) =>
    t("problem", {
      code: problem.code,
      label: t("fieldName", { field: problem.field }),
      field: problem.field,
      expected: problem.expected ?? "",
      origin: problem.origin ?? "",
      limit: problem.limit ?? 0,
      value: problem.value ?? "",
    });
}
