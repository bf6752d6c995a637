import type { Db } from "../db/client";
import type { RequestLedger } from "../parsec/requestLedger";

/**
 * The rate limiter's memory in the database: a CLI run and the server's scheduler use the same
 * key, so back-to-back runs in different processes must count each other's requests.
 */
export class DbRequestLedger implements RequestLedger {
  constructor(
    private readonly db: Db,
    private readonly keepMs = 3_600_000,
  ) {}

  async recent(key: string, sinceMs: number): Promise<number[]> {
    const rows = await this.db.apiRequest.findMany({
      where: { key, at: { gte: new Date(sinceMs) } },
      select: { at: true },
    });
    return rows.map((row) => row.at.getTime());
  }

  async record(key: string, atMs: number): Promise<void> {
    await this.db.apiRequest.create({ data: { key, at: new Date(atMs) } });
    await this.db.apiRequest.deleteMany({ where: { key, at: { lt: new Date(atMs - this.keepMs) } } });
  }
}
