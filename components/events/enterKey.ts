import type { KeyboardEvent } from "react";

/**
 * Enter pressed to act (add a value, apply a field), not to choose a Japanese IME's conversion:
 * while a composition is open the browser marks its keydown `isComposing`, and older engines
 * send keyCode 229 for it instead.
 */
export function isEnterToAct(event: KeyboardEvent): boolean {
  return event.key === "Enter" && !event.nativeEvent.isComposing && event.keyCode !== 229;
}
