import { describeExitCode } from "@/lib/parsec/exitCodes";

/** An exit code in full: number, name, family, what it means and the usual fix; unknown codes say so. */
export function ExitCodeExplained({ code, testId }: { code: number | null; testId?: string }) {
  const info = describeExitCode(code);
  if (!info) return <span className="muted">none recorded</span>;
  return (
    <div className={`exit-explained exit-explained--${info.severity}`} data-testid={testId}>
      <div>
        <strong className={`exit-code exit-code--${info.severity}`}>{info.code}</strong> <code>{info.name ?? "unknown code"}</code>{" "}
        <span className="muted">· {info.family}</span>
      </div>
      <p className="exit-explained__meaning">{info.meaning}</p>
      {info.severity !== "success" && <p className="exit-explained__fix">Usual fix: {info.fix}</p>}
    </div>
  );
}
