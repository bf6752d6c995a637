import { expect, test, type Page } from "./fixtures";
import { eventRows as rows, openWhenEventsShown } from "./demoData";

/** Each row's labelled device lines: [side the line says, column it sits in]. */
const deviceLines = (page: Page) =>
  rows(page).evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll("[data-perspective]")].map((line) => [line.getAttribute("data-perspective"), line.textContent, line.closest("td")!.cellIndex]),
    ),
  );

test("a host's event shows the host's address under the host, labelled as the host's side; a client's under the client", async ({ page }) => {
  await openWhenEventsShown(page, "/events?name=p2p_host_complete", 10);
  const headings = await page.getByTestId("events-table").locator("thead th").allInnerTexts();
  const hostColumn = headings.findIndex((text) => text.startsWith("ホスト"));
  const clientColumn = headings.findIndex((text) => text.startsWith("クライアント"));
  for (const lines of await deviceLines(page)) {
    expect(lines).toHaveLength(1);
    const [side, text, column] = lines[0]!;
    expect([side, column]).toEqual(["host", hostColumn]);
    expect(text).toMatch(/^ホスト側 · /);
  }
  await page.screenshot({ path: "test-results/events-host-side.png", fullPage: true });

  await page.goto("/events?name=conn_client_offer");
  for (const lines of await deviceLines(page)) {
    const [side, text, column] = lines[0]!;
    expect([side, column]).toEqual(["client", clientColumn]);
    expect(text).toMatch(/^クライアント側 · /);
  }

  // Both sides record a disconnect under one name: each row says whose it is.
  await page.goto("/events?name=client_disconnect&limit=100");
  const sides = (await deviceLines(page)).map((lines) => lines[0]?.[0]);
  expect(sides.filter((side) => side === "host").length).toBeGreaterThan(10);
  expect(sides.filter((side) => side === "client").length).toBeGreaterThan(10);
});
