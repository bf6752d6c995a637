import { describeExitCode, type ExitCodeSeverity } from "./exitCodes";

/** What a table cell shows of an exit code: plain values, so a server can hand them to the browser without the catalogue. */
export interface ExitCodeView {
  code: number;
  severity: ExitCodeSeverity;
  /** The documented name shown beside the number; empty for 0 (the green 0 says it) and for unknown codes. */
  name: string;
  /** The meaning and the usual fix, for the tooltip. */
  title: string;
}

export function exitCodeView(code: number | null | undefined): ExitCodeView | null {
  const info = describeExitCode(code);
  if (!info) return null;
  return {
    code: info.code,
    severity: info.severity,
    name: info.known && info.code !== 0 ? [info.name, info.socketError?.name].filter(Boolean).join(" ") : "",
    title: `${info.name ?? info.label}: ${info.meaning} ${info.fix}`,
  };
}
