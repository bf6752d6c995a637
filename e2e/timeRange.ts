import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Types a start the way a Japanese admin may (full-width digits, an unpadded hour) into a page's
 * time range, sends it by its Apply button or by Enter, and checks that the URL holds the instant
 * in UTC and that the field shows it back as the app writes times. The viewer's zone is Tokyo.
 */
export async function typeTokyoStart(page: Page, send: "apply" | "enter") {
  const range = page.getByRole("group", { name: "期間" });
  const from = range.getByLabel("開始");
  await expect(from).toHaveAttribute("placeholder", "2026/12/02 09:00");
  await from.fill("２０２６/１１/３０ ９:３０");
  if (send === "apply") await range.getByRole("button", { name: "適用" }).click();
  else await from.press("Enter");
  // 09:30 in Tokyo is 00:30 UTC.
  await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe("2026-11-30T00:30:00.000Z");
  await expect(page.getByRole("group", { name: "期間" }).getByLabel("開始")).toHaveValue("2026/11/30 09:30");
  return page.getByRole("group", { name: "期間" });
}
