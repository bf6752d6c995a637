import { readFileSync } from "node:fs";

/**
 * Whether a process of this host is still running, for deciding if a lease it holds is abandoned.
 * `kill(pid, 0)` alone is not enough: a process killed with SIGKILL whose parent has not reaped it
 * (a zombie: common in containers whose PID 1 is the app itself, which reaps nothing) still
 * answers it, and so does an unrelated process that was later given the same pid. On Linux the
 * process's own /proc entry tells both apart: its state (Z zombie, X dead) and its start time.
 */

export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat); null where /proc is not there. */
  startTicks: number | null;
}

interface ProcStat {
  state: string;
  startTicks: number;
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = Number(fields[19]);
  if (!state || !Number.isSafeInteger(startTicks)) return null;
  return { state, startTicks };
}

const hasProc = (() => {
  try {
    readFileSync("/proc/self/stat", "utf8");
    return true;
  } catch {
    return false;
  }
})();

export function currentProcessIdentity(): ProcessIdentity {
  return { pid: process.pid, startTicks: hasProc ? (readProcStat(process.pid)?.startTicks ?? null) : null };
}

/** The holder's identity as a lease records it: "<pid>" or "<pid>@<start ticks>". */
export function formatProcessIdentity(identity: ProcessIdentity): string {
  return identity.startTicks === null ? String(identity.pid) : `${identity.pid}@${identity.startTicks}`;
}

export function parseProcessIdentity(text: string): ProcessIdentity | null {
  const match = /^(\d+)(?:@(\d+))?$/.exec(text);
  if (!match) return null;
  const pid = Number(match[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return { pid, startTicks: match[2] === undefined ? null : Number(match[2]) };
}

/** True while the process named runs (not a zombie, not a newer process that reuses its pid). */
export function isProcessRunning(identity: ProcessIdentity): boolean {
  const { pid } = identity;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (hasProc) {
    const stat = readProcStat(pid);
    if (!stat) return false;
    if (stat.state === "Z" || stat.state === "X" || stat.state === "x") return false;
    return identity.startTicks === null || stat.startTicks === identity.startTicks;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
