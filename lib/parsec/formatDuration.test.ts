import { expect, it } from "vitest";
import { formatDuration } from "./formatDuration";

it("formats waits for people, rounding up", () => {
  expect(formatDuration(0)).toBe("0s");
  expect(formatDuration(420)).toBe("0.5s");
  expect(formatDuration(3_200)).toBe("3.2s");
  expect(formatDuration(45_000)).toBe("45s");
  expect(formatDuration(252_000)).toBe("4m12s");
  expect(formatDuration(300_000)).toBe("5m00s");
  expect(formatDuration(301_000)).toBe("5m01s");
  expect(formatDuration(3_900_000)).toBe("1h05m");
});
