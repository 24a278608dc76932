import { expect, test, type Page } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

test.use({ storageState: stateFile("editor") });

/** The settled live count, once no preview request is in flight. */
async function liveCount(page: Page): Promise<number> {
  await expect(page.locator("[data-testid=live-count-panel]:not([data-updating])")).toBeVisible();
  const text = (await page.getByTestId("live-count").textContent()) ?? "";
  expect(text).toMatch(/^[\d,]+$/);
  return Number(text.replace(/,/g, ""));
}

async function pick(page: Page, scope: ReturnType<Page["getByTestId"]>, picker: string, search: string, value?: string) {
  await scope.getByTestId(picker).click();
  await page.getByTestId("picker-search").fill(search);
  if (value) await page.locator(`[data-testid=picker-option][data-value="${value}"]`).click();
  else await page.getByTestId("picker-search").press("Enter");
}

test("builds US/UK sports readers without a recent order, with the count following every edit", async ({ page }) => {
  await page.goto(`${DEMO_URL}/segments/new`);
  await page.getByTestId("segment-name").fill("US/UK sports fans without a recent order");
  await expect(page.getByTestId("segment-key")).toHaveValue("us-uk-sports-fans-without-a-recent-order");
  const everyone = await liveCount(page);
  await expect(page.getByTestId("live-total")).toContainText(everyone.toLocaleString("en-US"));

  const addRoot = page.locator("[data-testid=add-condition][data-group=root]");
  await addRoot.click();
  await page.getByTestId("add-condition-trait").click();
  const country = page.getByTestId("condition-0");
  await pick(page, country, "field-picker", "country", "traits.country");
  await country.getByTestId("operator-picker").selectOption("one_of");
  for (const value of ["US", "GB"]) {
    await country.getByTestId("value-input").fill(value);
    await country.getByTestId("value-input").press("Enter");
  }
  await expect(country.getByTestId("chip")).toHaveText([/US/, /GB/]);
  const inUsOrUk = await liveCount(page);
  expect(inUsOrUk).toBeLessThan(everyone);
  expect(inUsOrUk).toBeGreaterThan(0);

  await addRoot.click();
  await page.getByTestId("add-condition-event").click();
  const sports = page.getByTestId("condition-1");
  await pick(page, sports, "event-picker", "Page Viewed");
  await sports.getByTestId("add-filter").click();
  await pick(page, sports, "property-picker", "category", "category");
  await sports.getByTestId("value-input").fill("sports");
  await sports.getByTestId("comparison-value").fill("3");
  await expect(sports.getByTestId("window-amount")).toHaveValue("30");
  const sportsFans = await liveCount(page);
  expect(sportsFans).toBeLessThan(inUsOrUk);
  expect(sportsFans).toBeGreaterThan(0);

  await addRoot.click();
  await page.getByTestId("add-condition-event").click();
  const noOrder = page.getByTestId("condition-2");
  await pick(page, noOrder, "event-picker", "Order Completed");
  await noOrder.getByTestId("event-did").selectOption("never");
  await noOrder.getByTestId("window-amount").fill("14");
  const finalCount = await liveCount(page);
  expect(finalCount).toBeLessThanOrEqual(sportsFans);
  await expect(page.getByTestId("live-description")).toHaveText(
    "People in the US or the UK who viewed a sports page at least 3 times in the last 30 days and who never completed an order in the last 14 days",
  );

  // The per-condition counts tell which condition shrinks the audience.
  await expect(page.getByTestId("live-per-condition")).toContainText(inUsOrUk.toLocaleString("en-US"));

  await page.getByTestId("save-segment").click();
  await expect(page).toHaveURL(`${DEMO_URL}/segments/us-uk-sports-fans-without-a-recent-order`);

  // Reopen: the saved rule and count come back.
  await page.reload();
  await expect(page.getByTestId("condition-0").getByTestId("chip")).toHaveText([/US/, /GB/]);
  expect(await liveCount(page)).toBe(finalCount);

  // Edit and save a second version, then read the history.
  await page.getByTestId("condition-1").getByTestId("comparison-value").fill("2");
  expect(await liveCount(page)).toBeGreaterThanOrEqual(finalCount);
  await page.getByTestId("save-segment").click();
  await expect(page.getByTestId("save-status")).toContainText(/version 2|saved/i);
  await page.getByTestId("tab-history").click();
  await expect(page.getByTestId("version-row")).toHaveCount(2);
  await expect(page.getByTestId("version-row").first()).toContainText("3 → 2");
  await expect(page.getByTestId("version-row").last()).toContainText("Created");
});

test("an invalid rule is pointed out where it is, not ignored", async ({ page }) => {
  await page.goto(`${DEMO_URL}/segments/new`);
  await page.getByTestId("view-json").click();
  await page.getByTestId("rule-json").fill(
    JSON.stringify({ type: "group", op: "and", children: [{ type: "trait", field: "traits.shoe_size'; drop table profiles; --", operator: "equals", value: "<script>x</script>" }] }),
  );
  await expect(page.getByTestId("json-problems")).toContainText(/shoe_size/);
  await expect(page.getByTestId("live-error")).toBeVisible();
  const res = await page.request.post(`${DEMO_URL}/api/v1/segments`, {
    data: { key: "bad", name: "Bad", rule: { type: "group", op: "and", children: [{ type: "trait", field: "traits.nope", operator: "gt", value: "x" }] } },
  });
  expect(res.status()).toBe(422);
  expect((await res.json()).error.details[0].path.slice(0, 3)).toEqual(["rule", "children", "0"]);
});

test.describe("a viewer", () => {
  test.use({ storageState: stateFile("viewer") });
  test("can read segments but not save them", async ({ page }) => {
    await page.goto(`${DEMO_URL}/segments`);
    await expect(page.getByTestId("segment-row").filter({ hasText: "Sports readers" }).first()).toBeVisible();
    await expect(page.getByTestId("new-segment")).toHaveCount(0);
    await page.goto(`${DEMO_URL}/segments/sports-readers`);
    await expect(page.getByText("You have view-only access to this workspace.")).toBeVisible();
    await expect(page.getByTestId("save-segment")).toHaveCount(0);
    const res = await page.request.patch(`${DEMO_URL}/api/v1/segments/sports-readers`, { data: { name: "Hijacked" } });
    expect(res.status()).toBe(403);
  });
});
