import type { Db } from "../store/client";

/** The newest stored events, for the overview's plain list. */
export async function latestEvents(db: Db, take = 50) {
  return db.event.findMany({
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      name: true,
      timestamp: true,
      userId: true,
      userEmail: true,
      hostComputerName: true,
      clientComputerName: true,
      exitCode: true,
      duration: true,
    },
  });
}
export type LatestEvent = Awaited<ReturnType<typeof latestEvents>>[number];
