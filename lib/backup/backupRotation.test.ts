import { describe, expect, it } from "vitest";
import { backupsBeyond, nextBackupDue, rotatedBackupName, rotatedBackups } from "./backupRotation";

const HOUR = 3_600_000;

describe("rotated backups", () => {
  it("are named by their UTC time and read back from a listing, newest first, other files ignored", () => {
    const names = [
      rotatedBackupName(new Date("2026-12-01T03:00:00.400Z")),
      "notes.txt",
      rotatedBackupName(new Date("2026-12-02T03:00:00Z")),
      "parsec-audit-20261301-000000Z.db", // no 13th month
      "parsec-audit-20261130-030000Z.db.partial-123",
      rotatedBackupName(new Date("2026-11-30T03:00:00Z")),
    ];
    expect(names[0]).toBe("parsec-audit-20261201-030000Z.db");
    expect(rotatedBackups(names).map((b) => b.takenAt.toISOString())).toEqual([
      "2026-12-02T03:00:00.000Z",
      "2026-12-01T03:00:00.000Z",
      "2026-11-30T03:00:00.000Z",
    ]);
  });

  it("keep the newest copies and name the rest for deletion", () => {
    const backups = rotatedBackups(["a", 1, 2, 3, 4, 5].slice(1).map((day) => rotatedBackupName(new Date(Date.UTC(2026, 11, Number(day))))));
    expect(backupsBeyond(backups, 2).map((b) => b.takenAt.getUTCDate())).toEqual([3, 2, 1]);
    expect(backupsBeyond(backups, 7)).toEqual([]);
  });

  it("are due an interval after the newest, at once when there is none, and never further off than one interval", () => {
    const now = new Date("2026-12-02T12:00:00Z");
    expect(nextBackupDue([], 24 * HOUR, now)).toEqual(now);
    const at = (iso: string) => rotatedBackups([rotatedBackupName(new Date(iso))]);
    expect(nextBackupDue(at("2026-12-02T03:00:00Z"), 24 * HOUR, now)).toEqual(new Date("2026-12-03T03:00:00Z"));
    expect(nextBackupDue(at("2026-11-30T03:00:00Z"), 24 * HOUR, now)).toEqual(now);
    // A copy stamped in the future (the clock went back) does not stop the backups.
    expect(nextBackupDue(at("2027-06-01T00:00:00Z"), 24 * HOUR, now)).toEqual(new Date("2026-12-03T12:00:00Z"));
  });
});
