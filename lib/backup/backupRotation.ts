import path from "node:path";

/**
 * The rotated copies in BACKUP_DIR: named by the UTC time they were taken, so that their order is
 * their names' order and a listing alone says which are due for deletion. Files of other names in
 * the directory are never touched.
 */
const BACKUP_NAME = /^parsec-audit-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z\.db$/;

export interface RotatedBackup {
  name: string;
  takenAt: Date;
}

export function rotatedBackupName(takenAt: Date): string {
  const stamp = takenAt.toISOString().slice(0, 19).replaceAll("-", "").replaceAll(":", "").replace("T", "-");
  return `parsec-audit-${stamp}Z.db`;
}

/** The rotated backups among `names`, newest first. */
export function rotatedBackups(names: string[]): RotatedBackup[] {
  const found: RotatedBackup[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(path.basename(name));
    if (!match) continue;
    const [, y, mo, d, h, mi, s] = match;
    const takenAt = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    // Date.UTC rolls a 13th month into the next year: only a name that reads back the same is one of ours.
    if (!Number.isNaN(takenAt.getTime()) && rotatedBackupName(takenAt) === path.basename(name)) found.push({ name, takenAt });
  }
  return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** When the next copy is due: an interval after the newest one, or now when there is none. */
export function nextBackupDue(backups: RotatedBackup[], intervalMs: number, now: Date): Date {
  const newest = backups[0];
  if (!newest) return now;
  const due = newest.takenAt.getTime() + intervalMs;
  // A copy stamped in the future (the clock was wrong, or went back) would stop every later one.
  return new Date(Math.min(Math.max(due, now.getTime()), now.getTime() + intervalMs));
}

/** The copies to delete so that only the newest `keep` remain. */
export function backupsBeyond(backups: RotatedBackup[], keep: number): RotatedBackup[] {
  return backups.slice(keep);
}
