/** How links write `min_duration` and `max_duration` (lib/connections/connectionFilters.ts reads them); no dependency, like the rest of lib/explorerUrl. */

/** A duration as a link writes it: hours, minutes and seconds ("12h52m21s", "90m" is "1h30m"), whole seconds or not. */
export function formatDurationParam(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole !== seconds || whole < 60) return `${seconds}s`;
  const parts: [number, string][] = [
    [Math.floor(whole / 3600), "h"],
    [Math.floor((whole % 3600) / 60), "m"],
    [whole % 60, "s"],
  ];
  return parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join("");
}
