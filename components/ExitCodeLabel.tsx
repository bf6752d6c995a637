import type { ExitCodeView } from "@/lib/parsec/exitCodeView";

/**
 * An exit code as a table cell shows it: the number coloured by severity, the documented name in
 * small text beside it, and the meaning and usual fix in the tooltip. Takes the prepared view, so
 * client tables can show it without shipping the catalogue.
 */
export function ExitCodeLabel({ view }: { view: ExitCodeView }) {
  return (
    <span className={`exit-code exit-code--${view.severity}`} title={view.title}>
      <span className="exit-code__number">{view.code}</span>
      {view.name ? (
        <>
          {" "}
          <small className="exit-code__name">{view.name}</small>
        </>
      ) : null}
    </span>
  );
}
