import { z } from "zod";
import { paramMessage, type ParamTextKind } from "./paramMessages";

/**
 * Building blocks for parameters that arrive as text from a URL or a command line: absent, one
 * string, or several. A blank value counts as absent, as an emptied form field means "no filter".
 */

const isBlank = (value: unknown) => typeof value === "string" && value.trim() === "";

/** A parameter that may be repeated: always an array, blank values dropped. */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((v) => !isBlank(v)), z.array(item));

/** A parameter given at most once: absent (or blank) is `undefined`. */
export const single = <T extends z.ZodType>(item: T) =>
  z.preprocess((value, ctx) => {
    if (Array.isArray(value)) {
      const given = value.filter((v) => !isBlank(v));
      if (given.length > 1) {
        ctx.addIssue({ code: "custom", message: paramMessage({ reason: "once" }), input: value });
        return z.NEVER;
      }
      return given[0];
    }
    return isBlank(value) ? undefined : value;
  }, item.optional());

/** Trimmed non-empty text of bounded length, with a message that says what was expected. */
export const text = (what: ParamTextKind, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: paramMessage({ reason: "text", what }) })
    .max(max, { message: paramMessage({ reason: "textTooLong", what, max }) });

/** A Parsec user id. */
export const userIdParam = z
  .string()
  .trim()
  .regex(/^-?\d+$/, { message: paramMessage({ reason: "userId" }) })
  .transform(Number)
  // "99999999999999999999" is digits but no id: past 2^53 the number is not even exact.
  .refine((id) => Number.isSafeInteger(id), { message: paramMessage({ reason: "userIdTooLarge" }) });

/** A specific exit code, or every success (0) / every failure (anything else). */
export const exitParam = z
  .string()
  .trim()
  .refine((v) => v === "success" || v === "failure" || /^-?\d+$/.test(v), {
    message: paramMessage({ reason: "exitCode" }),
  })
  .transform((v) => (v === "success" || v === "failure" ? v : Number(v)));

export type ExitFilter = z.output<typeof exitParam>;

/** RFC 3339 with any number of fractional digits, as Parsec writes timestamps. */
export const dateTimeParam = z
  .string()
  .trim()
  .pipe(z.iso.datetime({ offset: true, error: paramMessage({ reason: "dateTime" }) }));
