/**
 * The one hook the write path calls after a sync or an import committed events: it wakes the
 * server's delivery (deliveryScheduler.ts) when one runs in this process, and does nothing
 * otherwise (a command-line sync leaves the events to the server's timer or `npm run forward`).
 * It never waits: delivery runs beside the sync, never in its way.
 */
const holder = globalThis as unknown as { parsecViewerDeliveryTrigger?: (() => void) | null };

export function requestDelivery(): void {
  holder.parsecViewerDeliveryTrigger?.();
}

export function setDeliveryTrigger(trigger: (() => void) | null): void {
  holder.parsecViewerDeliveryTrigger = trigger;
}
