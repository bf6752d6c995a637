import { parseLeniently, unknownParamProblems, type ParamProblem } from "../events/parseExplorerParams";
import { timelineParamsSchema, timelineWindow, type TimelineWindow } from "./timelineWindow";
import { viewerZone } from "./viewerZone";

const KNOWN_PARAMS = new Set(["span", "date"]);

/**
 * The window a user's or host's page shows, from its URL (`span`, `date`) and the browser's zone
 * cookie; a parameter that does not parse is named and its default applies.
 */
export function timelinePageWindow(
  raw: Record<string, string | string[] | undefined>,
  zoneCookie: string | undefined,
  nowMs: number,
): { window: TimelineWindow; problems: ParamProblem[] } {
  const problems = unknownParamProblems(raw, KNOWN_PARAMS);
  const params = parseLeniently(timelineParamsSchema, raw, problems);
  return { window: timelineWindow(params, viewerZone(zoneCookie), nowMs), problems };
}
