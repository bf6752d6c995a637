import type { Db } from "../store/client";
import type { Connection } from "../generated/prisma/client";

/** The stored connection of one attempt id, or null. */
export async function findConnection(db: Db, attemptId: string): Promise<Connection | null> {
  return db.connection.findUnique({ where: { attemptId } });
}
