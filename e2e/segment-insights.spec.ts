import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_URL, stateFile } from "./fixtures";

type History = {
  status: string;
  progress: number;
  computedAt: string | null;
  series: { day: string; size: number; entries: number; exits: number }[];
  weekOverWeek: { current: number; previous: number; change: number } | null;
};

const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe("segment size over time", () => {
  test.use({ storageState: stateFile("viewer") });

  test("sports readers show 90 days of history: chart with hover values, table, range picker and CSV", async ({ page }) => {
    const api: History = await (await page.request.get(`${DEMO_URL}/api/v1/segments/sports-readers/history?days=90`)).json();
    expect(api.status).toBe("ready");
    expect(api.series).toHaveLength(90);
    expect(api.series.at(-1)!.day).toBe(utcDay(0));
    expect(api.series[0].day).toBe(utcDay(-89));
    // Sizes follow from entries and exits day by day.
    for (let i = 1; i < api.series.length; i++) {
      const [before, now] = [api.series[i - 1], api.series[i]];
      if (now.day !== utcDay(0)) expect(now.size).toBe(before.size + now.entries - now.exits);
    }
    expect(api.series.some((p) => p.size > 0)).toBe(true);

    await page.goto(`${DEMO_URL}/segments/sports-readers?tab=insights`);
    const card = page.getByTestId("segment-size-history");
    const chart = card.getByTestId("history-size-chart");
    await expect(chart.locator("svg.recharts-surface")).toBeVisible();
    await expect(card.getByTestId("history-freshness")).toContainText("As of");
    if (api.weekOverWeek) await expect(card.getByTestId("history-wow")).toContainText(api.weekOverWeek.current.toLocaleString("en-US"));

    // Hovering the chart shows that day's values.
    const box = (await chart.locator("svg.recharts-surface").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.98, box.y + box.height / 2);
    await expect(card.getByTestId("history-tooltip").first()).toContainText("members");

    await card.getByTestId("history-toggle-table").click();
    const rows = card.getByTestId("history-table").getByTestId("history-row");
    await expect(rows).toHaveCount(90);
    // Newest first, with the API's numbers (read again: today's row may have been refreshed meanwhile).
    const latest: History = await (await page.request.get(`${DEMO_URL}/api/v1/segments/sports-readers/history?days=90`)).json();
    await expect(rows.first()).toContainText(latest.series.at(-1)!.size.toLocaleString("en-US"));
    await expect(rows.last()).toContainText(latest.series[0].size.toLocaleString("en-US"));
    for (const text of await rows.allTextContents()) expect(text).toMatch(/\d/);

    await card.getByTestId("history-range-7").click();
    await expect(card.getByTestId("history-range-7")).toHaveAttribute("aria-pressed", "true");
    await expect(rows).toHaveCount(7);
    const download = page.waitForEvent("download");
    await card.getByTestId("history-download-csv").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`sports-readers-size-${utcDay(0)}.csv`);
    const lines = readFileSync(await file.path(), "utf8").trim().split("\r\n");
    expect(lines[0]).toBe("day,size,entries,exits");
    expect(lines).toHaveLength(8);
  });

  test("the history API validates its range and only knows this workspace's segments", async ({ page }) => {
    const get = (path: string) => page.request.get(`${DEMO_URL}${path}`);
    for (const days of ["0", "91", "abc", "7.5", "-1"]) {
      const res = await get(`/api/v1/segments/sports-readers/history?days=${days}`);
      expect(res.status(), days).toBe(422);
    }
    for (const key of ["no-such-segment", "'; drop table segments; --", "<script>alert(1)</script>", "%"]) {
      expect((await get(`/api/v1/segments/${encodeURIComponent(key)}/history`)).status(), key).toBe(404);
    }
    const short: History = await (await get("/api/v1/segments/sports-readers/history?days=7")).json();
    expect(short.series).toHaveLength(7);
  });
});

test.describe("a new segment", () => {
  test.use({ storageState: stateFile("editor") });

  test("gets its 90-day history in the background right after it is created", async ({ page }) => {
    const key = `e2e-history-${Date.now()}`;
    const created = await page.request.post(`${DEMO_URL}/api/v1/segments`, {
      data: {
        key,
        name: "E2E finance fans",
        rule: {
          type: "event", event: "Page Viewed", filters: [{ property: "category", operator: "equals", value: "finance" }],
          comparison: { op: "at_least", value: 2 }, window: { kind: "last", amount: 14, unit: "days" },
        },
      },
    });
    expect(created.status()).toBe(201);

    await page.goto(`${DEMO_URL}/segments/${key}?tab=insights`);
    const card = page.getByTestId("segment-size-history");
    // While the backfill runs the card shows its progress; then the chart, with every day filled in.
    await expect(card.getByTestId("history-progress").or(card.getByTestId("history-size-chart"))).toBeVisible();
    await expect(card.getByTestId("history-size-chart").locator("svg.recharts-surface")).toBeVisible({ timeout: 60_000 });
    await expect(card.getByTestId("history-progress")).toHaveCount(0);
    await card.getByTestId("history-toggle-table").click();
    await expect(card.getByTestId("history-table").getByTestId("history-row")).toHaveCount(90);

    const api: History = await (await page.request.get(`${DEMO_URL}/api/v1/segments/${key}/history`)).json();
    expect(api.status).toBe("ready");
    expect(api.series).toHaveLength(90);
    // The past was computed from the events as they were: finance readers existed before today.
    expect(api.series.slice(0, -1).some((p) => p.size > 0)).toBe(true);
  });
});
