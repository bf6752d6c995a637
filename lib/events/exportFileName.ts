import type { ExportFormat } from "../explorerUrl/explorerParams";
import { describeFilters, type EventFilters } from "./eventFilters";

/** The download's file name, saying which events it holds, e.g. "parsec-events_user-42_name-team_create.csv". */
export function exportFileName(filters: EventFilters, format: ExportFormat): string {
  return `parsec-events_${describeFilters(filters)}.${format}`;
}

/** `Content-Disposition` for a download: an ASCII file name for old clients and the exact one in UTF-8 (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
