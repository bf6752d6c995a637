import { getPriority, setPriority } from "node:os";

/**
 * Work that writes or reads the whole store beside the server (the ingest runner's thread, and the
 * sync, import and forward commands) yields the CPU to the thread that serves pages: on a busy
 * machine it goes a little slower rather than the pages. On Linux a thread's nice value is its own,
 * so the calling thread alone is lowered (a server's main thread stays as it was).
 */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers the calling thread's priority (never raises it: a command started at nice 19 stays there);
 * false where that is not permitted or not supported (it then runs as it was).
 */
export function yieldCpuToPages(): boolean {
  try {
    setPriority(Math.max(getPriority(), BACKGROUND_NICENESS));
    return true;
  } catch {
    return false;
  }
}
