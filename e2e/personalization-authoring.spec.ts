import { expect, test, type Page } from "@playwright/test";
import { stateFile } from "./fixtures";

// Relative URLs: the config's baseURL is the demo server.
const SLOT = "home-hero-e2e";
const EXPERIENCE = "home-hero-by-interest-e2e";

/** Opens a page and waits until its scripts have loaded, so typing reaches the hydrated form. */
async function open(page: Page, url: string) {
  await page.goto(url, { waitUntil: "networkidle" });
}

async function pickOption(page: Page, trigger: ReturnType<Page["getByTestId"]>, search: string, value: string) {
  await trigger.click();
  await page.getByTestId("picker-search").fill(search);
  await page.locator(`[data-testid=picker-option][data-value="${value}"]`).click();
}

/** The variant tab with this key, then its panel. */
async function openVariant(page: Page, key: string) {
  await page.locator(`[data-testid=variant-tab][data-key="${key}"]`).click();
  await expect(page.locator(`[data-testid=variant-panel][data-key="${key}"]`)).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test.describe("personalization authoring", () => {
  test.use({ storageState: stateFile("owner") });

  test.beforeAll(async ({ browser }) => {
    // A retry starts clean: the experience first (a used slot cannot be deleted), then the slot.
    const context = await browser.newContext({ storageState: stateFile("owner") });
    await context.request.delete(`/api/v1/experiences/${EXPERIENCE}`);
    await context.request.delete(`/api/v1/slots/${SLOT}`);
    await context.close();
  });

  test("the owner creates a slot, targets sports and finance readers, previews a merge tag and publishes", async ({ page }) => {
    // --- the slot ---
    await open(page, "/personalization/slots/new");
    await page.getByTestId("slot-name").fill("Home hero e2e");
    await expect(page.getByTestId("slot-key")).toHaveValue(SLOT);
    const fields = page.getByTestId("slot-field");
    await expect(fields).toHaveCount(1);
    await expect(fields.nth(0).getByTestId("field-key")).toHaveValue("headline");
    for (const [label, type] of [["Body", "rich_text"], ["Image", "image_url"], ["CTA", "link"]] as const) {
      await page.getByTestId("add-field").click();
      const row = fields.last();
      await row.getByTestId("field-label").fill(label);
      await row.getByTestId("field-type").selectOption(type);
    }
    await expect(fields.nth(3).getByTestId("field-key")).toHaveValue("cta");

    // Adversarial: a field key the API refuses is flagged on that row before anything is sent.
    await fields.nth(2).getByTestId("field-key").fill("1 image");
    await page.getByTestId("save-slot").click();
    await expect(fields.nth(2).getByTestId("field-key-error")).toContainText("start with a letter");
    await fields.nth(2).getByTestId("field-key").fill("image");
    // Keyboard reorder: Alt+↓ moves the focused field, the buttons move it back.
    await fields.nth(1).getByTestId("field-label").focus();
    await page.keyboard.press("Alt+ArrowDown");
    await expect(fields.nth(2).getByTestId("field-key")).toHaveValue("body");
    await fields.nth(2).getByTestId("move-up").click();
    await expect(fields.nth(1).getByTestId("field-key")).toHaveValue("body");

    await page.getByTestId("save-slot").click();
    await expect(page).toHaveURL(new RegExp(`/personalization/slots/${SLOT}$`));
    await expect(page.getByTestId("slot-title")).toHaveText("Home hero e2e");

    // --- the experience ---
    await page.getByTestId("new-experience-on-slot").click();
    await expect(page).toHaveURL(new RegExp(`/personalization/new\\?slot=${SLOT}$`));
    await page.waitForLoadState("networkidle");
    await page.getByTestId("experience-name").fill("Home hero by interest e2e");
    await expect(page.getByTestId("experience-key")).toHaveValue(EXPERIENCE);
    await expect(page.getByTestId("experience-slot")).toHaveValue(SLOT);

    // The default variant, with a merge tag, rendered live for an anonymous visitor.
    await openVariant(page, "default");
    await page.getByTestId("content-headline").fill('Hello {{ traits.first_name | default: "there" }}, here is today’s news');
    await page.getByTestId("content-body").fill("<p>Top stories <script>alert(1)</script><strong>for you</strong></p>");
    await page.getByTestId("content-cta").fill("https://news.example/today");
    const rendered = page.getByTestId("preview-rendered");
    await expect(rendered.locator("[data-field=headline]")).toHaveText("Hello there, here is today’s news");
    await expect(rendered.locator("[data-field=body] strong")).toHaveText("for you");
    await expect(rendered.locator("script")).toHaveCount(0);

    // Adversarial: a merge tag the sandbox refuses is reported on the field by the preview.
    await page.getByTestId("content-headline").fill("{% assign x = 1 %}Hi");
    await expect(page.locator("[data-field=headline] [data-testid=content-error]")).toContainText("Merge tags are not valid");
    await page.getByTestId("content-headline").fill('Hello {{ traits.first_name | default: "there" }}, here is today’s news');
    await expect(page.locator("[data-field=headline] [data-testid=content-error]")).toHaveCount(0);

    for (const [name, key, headline] of [["Sports", "sports", "Today in sports"], ["Finance", "finance", "Markets today"]] as const) {
      await page.getByTestId("add-variant").click();
      await page.getByTestId("variant-name").fill(name);
      await page.getByTestId("variant-key").fill(key);
      await expect(page.locator(`[data-testid=variant-panel][data-key="${key}"]`)).toBeVisible();
      await page.getByTestId("content-headline").fill(headline);
      await page.getByTestId("content-cta").fill(`https://news.example/${key}`);
    }

    const rules = page.getByTestId("experience-rule");
    for (const [segment, variant] of [["sports-readers", "sports"], ["finance-readers", "finance"]] as const) {
      await page.getByTestId("add-rule").click();
      const rule = rules.last();
      await pickOption(page, rule.getByTestId("segment-picker"), segment.split("-")[0], segment);
      await expect(rule.locator(`[data-testid=segment-chip][data-key="${segment}"]`)).toBeVisible();
      await rule.getByTestId("rule-variant").selectOption(variant);
    }
    await expect(rules).toHaveCount(2);
    await expect(page.getByTestId("default-variant")).toHaveValue("default");

    // The finance variant rendered for a real member of finance-readers.
    await openVariant(page, "finance");
    await page.locator("[data-testid=preview-member-of][data-key=finance-readers]").click();
    await expect(page.getByTestId("preview-visitor-summary")).toContainText("a member of Finance readers");
    await expect(rendered.locator("[data-field=headline]")).toHaveText("Markets today");

    // Adversarial: an out-of-range holdout is refused next to the field, and nothing is saved.
    await page.getByTestId("holdout-percent").fill("150");
    await page.getByTestId("save-experience").click();
    await expect(page.getByTestId("holdout-percent")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("save-status")).toContainText("Give the holdout as a whole number between 0 and 100");
    await expect(page).toHaveURL(/\/personalization\/new/);
    await page.getByTestId("holdout-percent").fill("10");

    await page.getByTestId("publish-experience").click();
    await expect(page).toHaveURL(new RegExp(`/personalization/${EXPERIENCE}$`));
    await expect(page.getByTestId("experience-title")).toHaveText("Home hero by interest e2e");
    await expect(page.locator("[data-testid=publish-panel] [data-testid=experience-status]")).toHaveAttribute("data-status", "live");
    await expect(page.getByTestId("publish-success").or(page.getByTestId("publish-warnings"))).toBeVisible();

    // Reopened, the saved rules and variants come back in order.
    await page.reload();
    await expect(rules.nth(0).locator("[data-testid=segment-chip]")).toHaveAttribute("data-key", "sports-readers");
    await expect(rules.nth(0).getByTestId("rule-variant")).toHaveValue("sports");
    await expect(rules.nth(1).getByTestId("rule-variant")).toHaveValue("finance");
    await page.getByTestId("tab-versions").click();
    await expect(page.getByTestId("version-row")).toHaveCount(1);
    await expect(page.getByTestId("version-row")).toContainText("demo@tailor.dev");

    // The list shows it live on its slot.
    await open(page, "/personalization");
    const row = page.locator(`[data-testid=experience-row][data-key="${EXPERIENCE}"]`);
    await expect(row.getByTestId("experience-status")).toHaveAttribute("data-status", "live");
    await expect(row).toContainText(SLOT);
    await expect(row).toContainText("10%");
    await expect(page.locator(`[data-testid=slot-row][data-key="${SLOT}"] [data-testid=slot-experience-count]`)).toContainText("1 (1 live)");

    // The slot cannot be deleted while the experience uses it; the API's reason is shown.
    await open(page, `/personalization/slots/${SLOT}`);
    await page.getByTestId("delete-slot").click();
    await page.getByTestId("confirm-delete-slot").click();
    await expect(page.getByTestId("delete-slot-error")).toContainText("Home hero by interest e2e");
  });

  test("a viewer sees the experience read-only", async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateFile("viewer") });
    const page = await context.newPage();
    await open(page, "/personalization");
    await expect(page.locator(`[data-testid=experience-row][data-key="${EXPERIENCE}"]`)).toBeVisible();
    await expect(page.getByTestId("new-slot")).toHaveCount(0);
    await expect(page.getByTestId("new-experience")).toHaveCount(0);

    await open(page, `/personalization/${EXPERIENCE}`);
    await expect(page.getByTestId("view-only-note")).toBeVisible();
    await expect(page.getByTestId("publish-panel")).toHaveCount(0);
    await expect(page.getByTestId("delete-experience")).toHaveCount(0);
    await expect(page.getByTestId("add-rule")).toHaveCount(0);
    await expect(page.getByTestId("experience-name")).toBeDisabled();
    // The preview still renders for a viewer.
    await expect(page.getByTestId("preview-rendered").locator("[data-field=headline]")).toHaveText(/Today in sports|Hello there/);

    // The API refuses a viewer's edit as well.
    const res = await page.request.patch(`/api/v1/experiences/${EXPERIENCE}`, { data: { name: "hacked" } });
    expect(res.status()).toBe(403);
    await context.close();
  });
});
