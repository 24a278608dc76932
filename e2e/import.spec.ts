import { expect, test } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

test.use({ storageState: stateFile("editor") });

test("imports a CSV of people: good rows land, bad rows are reported, a re-import changes nothing", async ({ page }) => {
  const stamp = Date.now();
  const csv = [
    "user_id,email,plan,score",
    `csv-${stamp}-1,a${stamp}@example.com,gold,10`,
    `csv-${stamp}-2,b${stamp}@example.com,silver,not-a-number`,
    `,c${stamp}@example.com,bronze,3`,
    `csv-${stamp}-4,"=HYPERLINK(""http://evil"")",gold,7`,
  ].join("\n");
  const file = { name: `people-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) };

  await page.goto(`${DEMO_URL}/profiles/import`);
  // Until the page has hydrated, a chosen file goes unnoticed: choose it again until the mapping shows.
  await expect(async () => {
    await page.getByTestId("import-upload").setInputFiles(file);
    await expect(page.getByTestId("import-mapping")).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId("import-map-user_id").selectOption("userId");
  await page.getByTestId("import-map-score").selectOption("trait:number");
  await page.getByTestId("import-start").click();
  await expect(page.getByTestId("import-progress")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("import-succeeded")).toHaveText("2");
  await expect(page.getByTestId("import-failed")).toHaveText("2");
  await expect(page.getByTestId("import-errors")).toContainText('"not-a-number" is not a number');
  await expect(page.getByTestId("import-errors")).toContainText("The row has no id");

  const person = await (await page.request.get(`${DEMO_URL}/api/v1/profiles/csv-${stamp}-4`)).json();
  expect(person.traits.email).toBe('=HYPERLINK("http://evil")');
  expect(person.traits.score).toBe(7);

  // The same file again: nothing new is stored.
  const events = async () => (await (await page.request.get(`${DEMO_URL}/api/v1/profiles/csv-${stamp}-1`)).json()).eventCount as number;
  const before = await events();
  await page.goto(`${DEMO_URL}/profiles/import`);
  await page.getByTestId("import-upload").setInputFiles(file);
  await page.getByTestId("import-map-user_id").selectOption("userId");
  await page.getByTestId("import-map-score").selectOption("trait:number");
  await page.getByTestId("import-start").click();
  await expect(page.getByTestId("import-progress")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  expect(await events()).toBe(before);
});
