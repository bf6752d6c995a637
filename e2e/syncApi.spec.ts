import { expect, test } from "./fixtures";
import { E2E_SYNC_TOKEN } from "../playwright.config";

test("POST /api/sync runs a sync for a caller with the token, and only for them", async ({ request }) => {
  expect((await request.post("/api/sync")).status()).toBe(401);
  const wrong = await request.post("/api/sync", { headers: { authorization: "Bearer not-the-token-at-all" } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ message: "Missing or wrong token: send Authorization: Bearer <SYNC_TOKEN>." });

  // The startup sync may still be running: then the answer is 409, and a retry gets through.
  await expect(async () => {
    const response = await request.post("/api/sync?wait=true", { headers: { authorization: `Bearer ${E2E_SYNC_TOKEN}` } });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "succeeded", inserted: expect.any(Number), passes: expect.any(Array) });
  }).toPass({ timeout: 60_000, intervals: [1_000] });

  const status = await (await request.get("/api/sync")).json();
  expect(status.eventsStored).toBeGreaterThan(2_000);
  expect(status.runs[0]).toMatchObject({ kind: "sync", trigger: "api", status: "succeeded" });
  expect(JSON.stringify(status)).not.toContain(E2E_SYNC_TOKEN);

  expect((await request.post("/api/sync?wait=maybe", { headers: { authorization: `Bearer ${E2E_SYNC_TOKEN}` } })).status()).toBe(400);
});
