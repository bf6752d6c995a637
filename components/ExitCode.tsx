import { describeExitCode } from "@/lib/parsec/exitCodes";

/**
 * An exit code as a table cell shows it: the number coloured by severity, the documented name in
 * small text beside it, and the meaning and usual fix in the tooltip. Unknown codes show their
 * number (the tooltip says Parsec does not document them); 0 shows no name, since a column of
 * "0 PARSEC_OK" says nothing the green 0 does not. Renders nothing for a missing code.
 * Server-compatible: no state, no effects.
 */
export function ExitCode({ code }: { code: number | null | undefined }) {
  const info = describeExitCode(code);
  if (!info) return null;
  const name = info.known && info.code !== 0 ? [info.name, info.socketError?.name].filter(Boolean).join(" ") : "";
  return (
    <span
      className={`exit-code exit-code--${info.severity}`}
      title={`${info.name ?? info.label}: ${info.meaning} ${info.fix}`}
    >
      <span className="exit-code__number">{info.code}</span>
      {name ? (
        <>
          {" "}
          <small className="exit-code__name">{name}</small>
        </>
      ) : null}
    </span>
  );
}
