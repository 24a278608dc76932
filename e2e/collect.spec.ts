import { Analytics } from "@segment/analytics-node";
import { expect, test } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

test.use({ storageState: stateFile("owner") });

test("the official Segment client's visitor becomes one merged person in a live segment within a second", async ({ page }) => {
  const keyRes = await page.request.post(`${DEMO_URL}/api/v1/keys`, { data: { kind: "write", name: "e2e analytics-node" } });
  expect(keyRes.status()).toBe(201);
  const writeKey = (await keyRes.json()).secret as string;

  const stamp = Date.now();
  const anonymousId = `anon-e2e-${stamp}`;
  const userId = `e2e-fan-${stamp}`;
  const analytics = new Analytics({ writeKey, host: DEMO_URL, path: "/api/v1/batch", flushAt: 1, maxRetries: 3 });
  for (let i = 0; i < 3; i++) {
    analytics.page({ anonymousId, category: "sports", name: `Match report ${i}`, properties: { path: `/sports/match-${i}`, title: `Match report ${i}` } });
  }
  await analytics.flush();
  analytics.identify({ anonymousId, userId, traits: { email: `${userId}@example.com`, first_name: "Robin", last_name: "Kicker", country: "GB" } });
  await analytics.closeAndFlush();
  const sentAt = Date.now();

  // Poll the management API: the anonymous visitor and the user are one profile, already in the segment.
  let profile: { id: string; userId: string; anonymousIds: string[]; segments: { key: string }[] } | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${DEMO_URL}/api/v1/profiles/${anonymousId}`);
        if (res.status() !== 200) return [];
        profile = await res.json();
        return profile!.segments.map((s) => s.key);
      },
      { timeout: 5_000, intervals: [100] },
    )
    .toContain("sports-readers");
  expect(Date.now() - sentAt).toBeLessThan(3_000);
  expect(profile!.userId).toBe(userId);
  expect(profile!.anonymousIds).toContain(anonymousId);

  await page.goto(`${DEMO_URL}/profiles/${profile!.id}`);
  await expect(page.getByTestId("profile-header")).toContainText("Robin Kicker");
  await expect(page.getByTestId("profile-segments")).toContainText("Sports readers");
  await expect(page.getByTestId("timeline-item").filter({ hasText: "Match report 2" })).toBeVisible();

  // The segment's member list has them too.
  const members = await page.request.get(`${DEMO_URL}/api/v1/segments/sports-readers/members?limit=500`);
  expect(members.status()).toBe(200);
});

test("hostile and malformed payloads are refused and change nothing", async ({ page, playwright }) => {
  const writeKey = (await (await page.request.post(`${DEMO_URL}/api/v1/keys`, { data: { kind: "write", name: "e2e hostile" } })).json()).secret as string;
  const api = await playwright.request.newContext({ httpCredentials: { username: writeKey, password: "", send: "always" } });
  const count = async () => (await (await page.request.get(`${DEMO_URL}/api/v1/profiles?q=hostile-e2e&limit=50`)).json()).data.length;
  const before = await count();
  const cases: [unknown, number][] = [
    [{ batch: [{ type: "track", userId: "hostile-e2e-1", event: "Ok" }, { type: "track", event: "No id" }] }, 400],
    [{ batch: [{ type: "explode", userId: "hostile-e2e-2" }] }, 400],
    [{ batch: [{ type: "identify", userId: "hostile-e2e-3", traits: { bio: "x".repeat(40_000) } }] }, 413],
  ];
  for (const [body, status] of cases) {
    const res = await api.post(`${DEMO_URL}/api/v1/batch`, { data: body });
    expect(res.status(), JSON.stringify(body).slice(0, 80)).toBe(status);
  }
  const notJson = await api.post(`${DEMO_URL}/api/v1/batch`, { data: "{not json", headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  const badKey = await playwright.request.newContext({ httpCredentials: { username: "tw_forged", password: "", send: "always" } });
  expect((await badKey.post(`${DEMO_URL}/api/v1/track`, { data: { userId: "hostile-e2e-4", event: "x" } })).status()).toBe(401);
  expect(await count()).toBe(before);
});
