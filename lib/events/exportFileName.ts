import type { ExportFormat } from "../explorerUrl/explorerParams";
import { describeFilters, type EventFilters } from "./eventFilters";

/** The download's file name, saying which events it holds, e.g. "parsec-events_user-42_name-team_create.csv". */
export function exportFileName(filters: EventFilters, format: ExportFormat): string {
  return `parsec-events_${describeFilters(filters)}.${format}`;
}
