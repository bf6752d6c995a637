import type { Db } from "../store/client";
import type { LedgerHold, RequestLedger } from "../parsec/requestLedger";

/**
 * The rate limiter's memory in the database: a CLI run and the server's scheduler use the same
 * key, so back-to-back runs in different processes must count each other's requests.
 */
export class DbRequestLedger implements RequestLedger {
  constructor(
    private readonly db: Db,
    private readonly keepMs = 3_600_000,
  ) {}

  async holds(key: string, sinceMs: number): Promise<LedgerHold[]> {
    const rows = await this.db.apiRequest.findMany({
      where: { key, heldUntil: { gt: new Date(sinceMs) } },
      select: { heldUntil: true, settled: true },
    });
    return rows.map((row) => ({ heldUntil: row.heldUntil.getTime(), settled: row.settled }));
  }

  async reserve(key: string, sentAtMs: number, untilMs: number): Promise<number> {
    const { id } = await this.db.apiRequest.create({ data: { key, at: new Date(sentAtMs), heldUntil: new Date(untilMs) }, select: { id: true } });
    await this.db.apiRequest.deleteMany({ where: { key, heldUntil: { lt: new Date(sentAtMs - this.keepMs) } } });
    return id;
  }

  async settle(id: number, atMs: number): Promise<void> {
    await this.db.apiRequest.updateMany({ where: { id }, data: { heldUntil: new Date(atMs), settled: true } });
  }

  async cancel(id: number): Promise<void> {
    await this.db.apiRequest.deleteMany({ where: { id } });
  }
}
