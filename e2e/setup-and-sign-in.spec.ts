import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_URL, FRESH_URL, USERS, signInWithForm } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("a fresh install asks for the owner account, then lands on the empty overview", async ({ page }) => {
  await page.goto(`${FRESH_URL}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill("Olivia Owner");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByLabel("Workspace name").fill("<script>alert(1)</script> News");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByTestId("email-error")).toBeVisible();
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel("Email").fill("owner@example.com");
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Confirm password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page).toHaveURL(`${FRESH_URL}/`);
  await expect(page.getByTestId("overview-empty")).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText(/owner/i);
  // The workspace name is shown as text, never run as markup.
  await expect(page.getByTestId("current-workspace")).toContainText("<script>alert(1)</script> News");

  // Set-up is closed once an owner exists, for the API as for the page.
  const again = await page.request.post(`${FRESH_URL}/api/setup`, {
    data: { name: "Mallory", email: "mallory@example.com", password: "takeover-attempt", workspaceName: "Mine" },
  });
  expect(again.status()).toBe(409);
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(`${FRESH_URL}/setup`);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("sign-in is rate-limited", async ({ page }) => {
  let limited = false;
  for (let attempt = 0; attempt < 7 && !limited; attempt++) {
    await signInWithForm(page, FRESH_URL, "owner@example.com", `wrong-${attempt}`);
    const error = page.getByTestId("sign-in-error");
    await expect(error).toBeVisible();
    limited = /Too many sign-in attempts/.test((await error.textContent()) ?? "");
    if (!limited) await expect(error).toHaveText(/Wrong email or password/);
  }
  expect(limited).toBe(true);
  // Even the right password is refused until the window passes.
  await signInWithForm(page, FRESH_URL, "owner@example.com", "correct horse battery");
  await expect(page.getByTestId("sign-in-error")).toHaveText(/Too many sign-in attempts/);
});

test("the demo owner signs in and sees the demo business on the overview", async ({ page }) => {
  await page.goto(`${DEMO_URL}/`);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId("demo-hint")).toContainText(USERS.owner);
  await signInWithForm(page, DEMO_URL, USERS.owner, DEMO_PASSWORD);
  await expect(page).toHaveURL(`${DEMO_URL}/`);
  const stat = async (id: string) => Number((await page.getByTestId(id).locator("[data-stat-value]").textContent())?.replace(/,/g, ""));
  const profiles = await stat("stat-profiles");
  // The demo server was seeded with E2E_PROFILES people; other specs add or delete a handful.
  const seeded = Number(process.env.E2E_PROFILES ?? 3000);
  expect(profiles).toBeGreaterThanOrEqual(seeded - 5);
  expect(profiles).toBeLessThanOrEqual(seeded + 20);
  const known = await stat("stat-known");
  const anonymous = await stat("stat-anonymous");
  expect(known + anonymous).toBe(profiles);
  expect(known).toBeGreaterThan(0);
  expect(anonymous).toBeGreaterThan(0);
  await expect(page.getByTestId("stat-events-7d")).toContainText(/[1-9]/);
  await expect(page.getByTestId("chart-events-per-day").locator("svg.recharts-surface")).toBeVisible();
  await page.getByTestId("chart-toggle-table").click();
  await expect(page.getByTestId("chart-table").locator("tbody tr")).toHaveCount(30);
  await expect(page.getByTestId("top-event-name").first()).toHaveText("Page Viewed");
});
