import type { KeyboardEvent } from "react";

/**
 * A key pressed while a Japanese IME's composition is open belongs to the IME (Enter chooses the
 * conversion, Escape cancels it): the browser marks its keydown `isComposing`, and older engines
 * send keyCode 229 for it instead.
 */
export function isComposing(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/** Enter pressed to act (add a value, apply a field), not to choose a Japanese IME's conversion. */
export function isEnterToAct(event: KeyboardEvent): boolean {
  return event.key === "Enter" && !isComposing(event);
}
