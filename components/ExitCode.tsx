import { useLocale } from "next-intl";
import { exitCodeView } from "@/lib/parsec/exitCodeView";
import { ExitCodeLabel } from "./ExitCodeLabel";

/**
 * An exit code with its meaning from the catalogue (see ExitCodeLabel). Unknown codes show their
 * number (the tooltip says Parsec does not document them); renders nothing for a missing code.
 * Server-compatible: no state, no effects. Its meaning is in the reader's language.
 */
export function ExitCode({ code }: { code: number | null | undefined }) {
  const view = exitCodeView(code, useLocale());
  return view ? <ExitCodeLabel view={view} /> : null;
}
