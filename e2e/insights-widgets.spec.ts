import { expect, test } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

test.use({ storageState: stateFile("viewer") });

type Lift = { relativeLift: number | null; relativeLiftCi: { lower: number; upper: number } | null; significant: boolean; enoughData: boolean };
type Results = { holdout: { visitors: number } | null; variants: { key: string; name: string; visitors: number; lift: Lift | null }[]; cumulative: unknown[] };

/** "+97%" / "−33%", as the dashboard writes signed percentages. */
const signed = (ratio: number) => {
  const pct = Math.round(ratio * 100);
  return pct === 0 ? "0%" : `${pct > 0 ? "+" : "\u2212"}${Math.abs(pct)}%`;
};

test("overview shows the largest and fastest-growing segments and live experiences with their lift", async ({ page }) => {
  await page.goto(`${DEMO_URL}/`);

  const largest = page.getByTestId("overview-largest-segments");
  await expect(largest.getByTestId("largest-segment-row").first()).toBeVisible();
  // The biggest segment's size is its stored membership, the same the breakdown API counts.
  const first = largest.getByTestId("largest-segment-row").first();
  const key = decodeURIComponent((await first.getByRole("link").getAttribute("href"))!.replace("/segments/", ""));
  const breakdown = await (await page.request.get(`${DEMO_URL}/api/v1/segments/${encodeURIComponent(key)}/breakdown?refresh=1`)).json();
  await expect(first.getByTestId("largest-segment-size")).toHaveText(breakdown.segment.size.toLocaleString("en-US"));
  const sizes = await largest.getByTestId("largest-segment-size").allTextContents();
  const numbers = sizes.map((s) => Number(s.replace(/,/g, "")));
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);

  // The demo segments come with 90 days of size history, and some of them grew this week.
  const growing = page.getByTestId("overview-growing-segments");
  await expect(growing.getByTestId("growing-segment-row").first()).toBeVisible();
  await expect(growing.getByTestId("growing-segment-net").first()).toHaveText(/^\+[\d,]+$/);

  // Live experiences: the home hero's best variant and its interval agree with the results API.
  const row = page.getByTestId("live-experience-row").filter({ hasText: "Home hero by interest" });
  await expect(row).toBeVisible();
  const results: Results = await (await page.request.get(`${DEMO_URL}/api/v1/experiences/home-hero/results`)).json();
  const judged = results.variants.filter((v) => v.visitors > 0 && v.lift?.enoughData && v.lift.relativeLift !== null);
  if (judged.length) {
    const best = judged.reduce((a, b) => (b.lift!.relativeLift! > a.lift!.relativeLift! ? b : a));
    await expect(row).toContainText(best.name);
    await expect(row.getByTestId("live-experience-lift")).toHaveText(
      `${signed(best.lift!.relativeLift!)} (${signed(best.lift!.relativeLiftCi!.lower)} to ${signed(best.lift!.relativeLiftCi!.upper)})`,
    );
    await expect(row.getByTestId("live-experience-verdict")).toHaveText(best.lift!.significant ? (best.lift!.relativeLift! > 0 ? "Winning" : "Losing") : "Not significant yet");
  } else {
    await expect(row.getByTestId("live-experience-lift")).toHaveText("Not enough data yet");
  }
  await row.getByRole("link", { name: "Home hero by interest" }).click();
  await expect(page).toHaveURL(`${DEMO_URL}/personalization/home-hero`);
});

test("the Insights tab breaks sports readers down by country, as bars and as a table, and by age bands", async ({ page }) => {
  await page.goto(`${DEMO_URL}/segments/sports-readers`);
  await page.getByRole("tab", { name: "Insights" }).click();
  const card = page.getByTestId("segment-breakdown");
  await expect(card.getByTestId("breakdown-field")).toHaveValue("traits.country");
  await expect(card.getByTestId("breakdown-chart").locator("svg.recharts-surface")).toBeVisible();

  const api = await (await page.request.get(`${DEMO_URL}/api/v1/segments/sports-readers/breakdown?by=traits.country`)).json();
  expect(api.rows.length).toBeGreaterThan(1);
  // The index is the ratio of the shares, and "(not set)" comes last.
  expect(api.rows.at(-1).kind).toBe("not_set");
  for (const r of api.rows) if (r.index !== null) expect(r.index).toBeCloseTo((r.segmentShare / r.allShare) * 100, 6);

  await card.getByTestId("breakdown-toggle-table").click();
  const rows = card.getByTestId("breakdown-table").getByTestId("breakdown-row");
  await expect(rows).toHaveCount(api.rows.length);
  await expect(rows.first().getByRole("rowheader")).toHaveText(api.rows[0].label);
  await expect(rows.first()).toContainText(api.rows[0].members.toLocaleString("en-US"));
  await expect(rows.first()).toContainText(String(Math.round(api.rows[0].index)));

  // Age is a number: it comes in bands, with the people without an age as "(not set)".
  await card.getByTestId("breakdown-field").selectOption("traits.age");
  await expect(card.getByTestId("breakdown-table")).toContainText("25–34");
  const download = page.waitForEvent("download");
  await card.getByTestId("breakdown-csv").click();
  expect((await download).suggestedFilename()).toBe("sports-readers-by-traits.age.csv");

  await card.getByTestId("breakdown-toggle-table").click();
  await expect(card.getByTestId("breakdown-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
});

test("the breakdown API rejects fields it cannot break down by and unknown segments", async ({ page }) => {
  const get = (path: string) => page.request.get(`${DEMO_URL}${path}`);
  for (const by of ["traits.email", "user_id", "'; drop table profiles; --", "<script>alert(1)</script>"]) {
    const res = await get(`/api/v1/segments/sports-readers/breakdown?by=${encodeURIComponent(by)}`);
    expect(res.status()).toBe(422);
    expect((await res.json()).error.message).toContain("traits.country");
  }
  expect((await get("/api/v1/segments/sports-readers/breakdown?limit=0")).status()).toBe(422);
  expect((await get(`/api/v1/segments/${encodeURIComponent("no-such-%")}/breakdown`)).status()).toBe(404);
});

test("experience results: lift with its interval per variant, plain words, and the rate over time", async ({ page }) => {
  await page.goto(`${DEMO_URL}/personalization/home-hero?tab=results`);
  const results: Results = await (await page.request.get(`${DEMO_URL}/api/v1/experiences/home-hero/results`)).json();
  const panel = page.getByTestId("experience-results");
  await expect(panel.getByTestId("experience-summary")).toBeVisible();
  await expect(panel.getByTestId("lift-row-holdout")).toBeVisible();
  for (const v of results.variants) await expect(panel.getByTestId(`lift-row-${v.key}`)).toContainText(v.name);

  const sports = results.variants.find((v) => v.key === "sports");
  if (sports?.lift?.enoughData && sports.lift.relativeLiftCi) {
    await expect(panel.getByTestId("lift-row-sports").getByTestId("lift-plot")).toBeVisible();
    await expect(panel.getByTestId("lift-sentences")).toContainText(`95% CI ${signed(sports.lift.relativeLiftCi.lower)} to ${signed(sports.lift.relativeLiftCi.upper)}`);
  } else {
    await expect(panel.getByTestId("lift-row-sports").getByTestId("lift-not-enough")).toHaveText("Not enough data yet");
  }

  // Table views of both charts, and their CSV.
  await panel.getByTestId("lift-toggle-table").click();
  await expect(panel.getByTestId("lift-table")).toContainText("p-value");
  await expect(panel.getByTestId("experience-results-chart").locator(".recharts-wrapper > svg.recharts-surface").first()).toBeVisible();
  await panel.getByTestId("results-chart-toggle-table").click();
  await expect(panel.getByTestId("results-chart-table").locator("tbody tr")).toHaveCount(results.cumulative.length);
  const download = page.waitForEvent("download");
  await panel.getByTestId("results-chart-csv").click();
  expect((await download).suggestedFilename()).toBe("home-hero-cumulative-conversion-rate.csv");

  expect((await page.request.get(`${DEMO_URL}/api/v1/experiences/${encodeURIComponent("'; drop table impressions; --")}/results`)).status()).toBe(404);
  expect((await page.request.get(`${DEMO_URL}/api/v1/experiences/home-hero/results?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`)).status()).toBe(422);
});
