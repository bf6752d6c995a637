import type { Messages } from "./catalogues";

/**
 * The namespaces client components ("use client") read: only these reach the browser, in the
 * layout's NextIntlClientProvider. Server components read the whole catalogue on the server.
 * i18n/catalogues.test.ts fails when a client component uses a namespace missing here, or when one
 * listed here is used by no client component.
 */
export const CLIENT_NAMESPACES = [
  "SignInForm",
  "PasswordForm",
  "RouteError",
  "TimeZone",
  "Time",
  "Pages",
  "Links",
  "Filters",
  "Paging",
  "EventTable",
  "EventDetail",
  "AdminSummary",
  "AutoRefresh",
  "Histogram",
  "ConnectionStatus",
  "ImportForm",
  "TimelineBars",
  "ChartText",
  "SyncNow",
  "SyncStatus",
  "SyncError",
  "Runs",
  "AlertForm",
] as const satisfies readonly (keyof Messages)[];

export function clientMessages(messages: Messages): Pick<Messages, (typeof CLIENT_NAMESPACES)[number]> {
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]])) as Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;
}
