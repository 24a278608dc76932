import { expect, test } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

test.describe("an editor", () => {
  test.use({ storageState: stateFile("editor") });

  test("finds a person, reads their timeline, and deletes them with everything they did", async ({ page }) => {
    await page.goto(`${DEMO_URL}/profiles`);
    await page.getByTestId("profiles-search").fill("user_000001");
    await expect(page).toHaveURL(/q=user_000001/);
    await expect(page.getByTestId("profile-row")).toHaveCount(1);
    await page.getByTestId("profile-row").click();
    await expect(page.getByTestId("profile-header")).toContainText("Sam Carter");
    await expect(page.getByTestId("identity-user-id")).toContainText("user_000001");
    await expect(page.getByTestId("profile-traits")).toContainText("New York");
    await expect(page.getByTestId("timeline-item").first()).toBeVisible();

    await page.getByTestId("timeline-filter").fill("Order Completed");
    await page.getByTestId("timeline-filter").press("Enter");
    const orders = page.getByTestId("timeline-item");
    // Wait for the filtered page to replace the unfiltered one, then every item must be an order.
    await expect
      .poll(async () => [...new Set(await orders.evaluateAll((items) => items.map((i) => i.getAttribute("data-event"))))])
      .toEqual(["Order Completed"]);

    const id = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByTestId("delete-profile").click();
    await page.getByTestId("confirm-delete-input").fill("delete");
    await expect(page.getByTestId("confirm-delete-profile")).toBeDisabled();
    await page.getByTestId("confirm-delete-input").fill("DELETE");
    await page.getByTestId("confirm-delete-profile").click();
    await expect(page.getByTestId("profile-deleted-notice")).toBeVisible();
    expect((await page.request.get(`${DEMO_URL}/api/v1/profiles/${id}`)).status()).toBe(404);
    expect((await page.request.get(`${DEMO_URL}/api/v1/profiles/user_000001/events`)).status()).toBe(404);
  });

  test("hostile searches are plain text", async ({ page }) => {
    for (const q of ["%", "'; drop table profiles; --", "<script>alert(1)</script>"]) {
      const res = await page.request.get(`${DEMO_URL}/api/v1/profiles?q=${encodeURIComponent(q)}`);
      expect(res.status(), q).toBe(200);
      const { data } = await res.json();
      for (const row of data) expect(JSON.stringify(row).toLowerCase(), q).toContain(q.toLowerCase());
    }
    await page.goto(`${DEMO_URL}/profiles/00000000-0000-4000-8000-000000000000`);
    await expect(page.getByTestId("profile-not-found")).toBeVisible();
  });
});

test.describe("a viewer", () => {
  test.use({ storageState: stateFile("viewer") });
  test("cannot delete a profile", async ({ page }) => {
    await page.goto(`${DEMO_URL}/profiles/user_000002`);
    await expect(page.getByTestId("profile-header")).toBeVisible();
    await expect(page.getByTestId("delete-profile")).toHaveCount(0);
    expect((await page.request.delete(`${DEMO_URL}/api/v1/profiles/user_000002`)).status()).toBe(403);
  });
});
