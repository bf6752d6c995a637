import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { rfc3339 } from "../parsec/schemas";

/**
 * The one filter vocabulary of the app: `npm run export` flags today, the explorer's URL
 * parameters tomorrow. Repeated values of one filter are alternatives (OR); different filters
 * all apply (AND).
 */

const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));

const userId = z
  .string()
  .trim()
  .regex(/^-?\d+$/, { message: "must be a Parsec user id (a whole number)" })
  .transform(Number);

/** A specific exit code, or every success (0) / every failure (anything else). */
const exitFilter = z
  .string()
  .trim()
  .refine((v) => v === "success" || v === "failure" || /^-?\d+$/.test(v), {
    message: 'must be an exit code such as -6023, or "success" or "failure"',
  })
  .transform((v) => (v === "success" || v === "failure" ? v : Number(v)));

export const eventFiltersSchema = z
  .object({
    user: repeated(userId),
    name: repeated(z.string().trim().min(1, { message: "must be an event name" })),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    host: repeated(z.string().trim().min(1, { message: "must be a computer name" })),
    exit: repeated(exitFilter),
    q: z.string().trim().min(1).max(200, { message: "must be at most 200 characters" }).optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), {
    message: "from must not be later than to",
    path: ["from"],
  });

export type EventFilters = z.infer<typeof eventFiltersSchema>;
export const FILTER_NAMES = ["user", "name", "from", "to", "host", "exit", "q"] as const;

export class FilterError extends Error {
  override name = "FilterError";
}

/** Parses raw filter values (strings, or arrays of strings for repeated ones). */
export function parseEventFilters(raw: Record<string, unknown>): EventFilters {
  const parsed = eventFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FilterError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "filter")} ${issue.message}`).join("; "),
    );
  }
  return parsed.data;
}

/** The filters as a Prisma condition on events. */
export function eventFiltersWhere(filters: EventFilters): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [];
  if (filters.user.length) and.push({ userId: { in: filters.user } });
  if (filters.name.length) and.push({ name: { in: filters.name } });
  if (filters.from) and.push({ occurredAt: { gte: new Date(filters.from) } });
  if (filters.to) and.push({ occurredAt: { lte: new Date(filters.to) } });
  if (filters.host.length) and.push({ hostComputerName: { in: filters.host } });
  if (filters.exit.length) {
    and.push({
      OR: filters.exit.map((exit): Prisma.EventWhereInput =>
        exit === "success" ? { exitCode: 0 } : exit === "failure" ? { exitCode: { not: 0 } } : { exitCode: exit },
      ),
    });
  }
  if (filters.q) {
    const q = filters.q;
    and.push({
      OR: [
        { userEmail: { contains: q } },
        { hostComputerName: { contains: q } },
        { clientComputerName: { contains: q } },
        { ip: { contains: q } },
        { attemptId: { contains: q } },
        { name: { contains: q } },
        { data: { contains: q } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

/** A short text for file names and summaries, e.g. "user-6181803_name-client_disconnect". */
export function describeFilters(filters: EventFilters): string {
  const parts: string[] = [];
  for (const key of FILTER_NAMES) {
    const value = filters[key];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.length) parts.push(`${key}-${values.join("+")}`);
  }
  return parts.join("_").replace(/[^\p{L}\p{N}_+.-]+/gu, "-").slice(0, 120) || "all";
}
