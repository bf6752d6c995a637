import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locales";

describe("resolveLocale", () => {
  it("follows the switch's cookie above the browser's languages", () => {
    expect(resolveLocale("en", "ja-JP,ja;q=0.9")).toBe("en");
    expect(resolveLocale("ja", "en-US")).toBe("ja");
  });

  it("ignores a cookie that names no language of ours", () => {
    expect(resolveLocale("fr", "ja-JP")).toBe("ja");
    expect(resolveLocale("", "ja")).toBe("ja");
  });

  it("takes the best-weighted language we have, by primary subtag", () => {
    expect(resolveLocale(undefined, "ja-JP,ja;q=0.9,en-US;q=0.8")).toBe("ja");
    expect(resolveLocale(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(resolveLocale(undefined, "fr-FR, ja;q=0.5, en;q=0.4")).toBe("ja");
    expect(resolveLocale(undefined, "en;q=0.2, ja;q=0.7")).toBe("ja");
    expect(resolveLocale(undefined, "ja;q=0, en;q=0.1")).toBe("en");
  });

  it("falls back to English for no header, an unknown language or garbage", () => {
    expect(resolveLocale(undefined, undefined)).toBe("en");
    expect(resolveLocale(undefined, "de-DE,fr;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, ";;;,q=,=;q=abc")).toBe("en");
    expect(resolveLocale(undefined, "ja;q=NaN")).toBe("en");
    expect(resolveLocale(undefined, `${"x,".repeat(100_000)}ja`)).toBe("en");
  });
});
