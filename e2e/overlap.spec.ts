import { expect, test } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

test.use({ storageState: stateFile("viewer") });

test("shows how sports readers, finance readers and recent buyers overlap, and who is in both", async ({ page }) => {
  await page.goto(`${DEMO_URL}/segments/overlap`);
  const matrix = page.getByTestId("overlap-matrix");
  await expect(matrix).toBeVisible();
  const cell = page.getByTestId("overlap-cell-sports-readers-recent-buyers");
  const both = Number((await cell.locator("text=/^[\\d,]+$/").first().textContent())!.replace(/,/g, ""));
  await cell.click();
  await expect(page.getByTestId("overlap-venn")).toContainText(both.toLocaleString("en-US"));
  const members = page.getByTestId("overlap-members").locator("tbody tr");
  if (both > 0) await expect(members.first()).toBeVisible();

  // The numbers agree with the API, and the table view shows the same matrix.
  const api = await (await page.request.get(`${DEMO_URL}/api/v1/insights/overlap?segments=sports-readers,finance-readers,recent-buyers`)).json();
  expect(api.matrix[0][2]).toBe(both);
  expect(api.matrix[0][2]).toBe(api.matrix[2][0]);
  await page.getByTestId("overlap-toggle-table").click();
  await expect(page.getByTestId("overlap-table")).toContainText(both.toLocaleString("en-US"));

  // The answer says how fresh it is, and a recount asks the server to count again.
  await expect(page.getByTestId("overlap-freshness")).toContainText("Counted from current members");
  const recounted = page.waitForResponse((r) => r.url().includes("/api/v1/insights/overlap?") && r.url().includes("refresh=1"));
  await page.getByTestId("overlap-recount").click();
  expect((await recounted).status()).toBe(200);
  // The table view stays open with the recounted figures (other specs may have moved people meanwhile).
  await expect(page.getByTestId("overlap-table")).toBeVisible();
  await expect(page.getByTestId("overlap-freshness")).toContainText("Counted from current members");

  const tooMany = await page.request.get(`${DEMO_URL}/api/v1/insights/overlap?segments=sports-readers`);
  expect(tooMany.status()).toBe(422);
  const unknown = await page.request.get(`${DEMO_URL}/api/v1/insights/overlap?segments=sports-readers,'; drop table segments; --`);
  expect(unknown.status()).toBe(404);
});
