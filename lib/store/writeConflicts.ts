/**
 * Writes that lost a race with another writer, as Prisma reports them: the callers turn them into
 * the refusal their own check would have given, had it run after the other write.
 */
const prismaCode = (error: unknown): unknown => (typeof error === "object" && error !== null && "code" in error ? error.code : undefined);

/** A unique constraint broken: another writer took the value first. */
export const isUniqueViolation = (error: unknown): boolean => prismaCode(error) === "P2002";

/** An update or delete whose row is not there: another writer deleted it first. */
export const isRowGone = (error: unknown): boolean => prismaCode(error) === "P2025";
