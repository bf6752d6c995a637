/** Why an action was refused: the form says it in the reader's language, the log in English. */
export const ACTION_REFUSALS = ["crossSite", "signedOut", "csrf", "mustChangePassword"] as const;
export type ActionRefusal = (typeof ACTION_REFUSALS)[number];

/** The query parameter a refused button's redirect names its reason in (components/auth/ActionRefusedNotice). */
export const REFUSED_PARAM = "refused";

export function isActionRefusal(value: unknown): value is ActionRefusal {
  return (ACTION_REFUSALS as readonly unknown[]).includes(value);
}

/** `path` (a path with or without a query) with the refusal added to its query. */
export function withRefusal(path: string, refusal: ActionRefusal): string {
  const url = new URL(path, "http://viewer.invalid");
  url.searchParams.set(REFUSED_PARAM, refusal);
  return `${url.pathname}${url.search}`;
}
