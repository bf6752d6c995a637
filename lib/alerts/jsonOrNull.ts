/**
 * A stored definition or state as JSON, or null when it is not JSON any more (a hand-edited
 * database): such a rule or channel is skipped and shown as invalid, never fatal to the others.
 */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
