import { expect, test } from "@playwright/test";
import { bucketOf } from "../lib/personalization/bucket";
import { DEMO_URL, stateFile } from "./fixtures";

/** A fresh anonymous id outside the 10% holdouts of the demo's hero and travel experiences. */
function visitorId(): string {
  for (let i = 0; ; i++) {
    const id = `e2e-visitor-${Date.now()}-${i}`;
    if (bucketOf(`home-hero:${id}`) >= 10 && bucketOf(`vietnam-flight-offer:${id}`) >= 10) return id;
  }
}

test.describe("the demo site, as a new anonymous visitor", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("reading three sports articles turns the home hero into the sports variant", async ({ page }) => {
    const id = visitorId();
    await page.addInitScript((anon) => window.localStorage.setItem("tailor.anonymousId", anon), id);
    await page.goto(`${DEMO_URL}/demo`);
    await expect(page.getByTestId("demo-anonymous-id")).toHaveText(id);
    const hero = page.getByTestId("slot-home-hero");
    // Decided (or, on a slow first request, the page's own markup after the timeout): never the sports story yet.
    await expect(hero).toHaveAttribute("data-tailor-state", /decided|timeout|default/);
    await expect(hero).toBeVisible();
    await expect(hero).not.toHaveAttribute("data-tailor-variant", "sports");
    await expect(hero).not.toContainText("Game on");

    const read = page.getByRole("button", { name: "Read a sports article" });
    for (let i = 0; i < 3; i++) await read.click();
    // Ingestion → real-time membership in "Sports readers" → tailor.js re-decides after the batch.
    await expect(hero).toHaveAttribute("data-tailor-variant", "sports", { timeout: 20_000 });
    await expect(hero).toContainText("Game on, sports fan");
    await expect(page.getByTestId("slot-greeting")).toContainText("Hi there");
  });

  test("the travel offer follows Hanoi searches and stops after the booking", async ({ page }) => {
    const id = visitorId();
    await page.addInitScript((anon) => window.localStorage.setItem("tailor.anonymousId", anon), id);
    await page.goto(`${DEMO_URL}/demo/travel?to=Hanoi`);
    const offer = page.getByTestId("slot-travel-offer");
    await expect(offer).not.toHaveAttribute("data-tailor-variant", "vietnam");
    await page.getByRole("button", { name: "Search flights to Hanoi" }).click();
    await expect(offer).toHaveAttribute("data-tailor-variant", "vietnam", { timeout: 20_000 });
    await expect(offer).toContainText("Vietnam is calling");
    await page.getByRole("button", { name: "Book Hanoi flight" }).click();
    await expect(offer).not.toHaveAttribute("data-tailor-variant", "vietnam", { timeout: 20_000 });
    await expect(offer).not.toContainText("Vietnam is calling");
  });

  test("the demo page carries only public keys, and unknown pages are 404s", async ({ page, request }) => {
    await page.goto(`${DEMO_URL}/demo`);
    const key = await page.locator("script[data-client-key]").getAttribute("data-client-key");
    expect(key).toMatch(/^tc_/);
    // A client key reads decisions only: the management API refuses it.
    expect((await request.get(`${DEMO_URL}/api/v1/profiles`, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
    expect((await request.get(`${DEMO_URL}/demo/no/such/page`)).status()).toBe(404);
  });
});

test.describe("preview as a visitor", () => {
  test.use({ storageState: stateFile("viewer") });

  test("a finance reader's preview shows the finance hero and explains the rules", async ({ page }) => {
    await page.goto(`${DEMO_URL}/preview?profile=user_000002`);
    await expect(page.getByTestId("preview-who")).toContainText("Olivia Bennett");
    const card = page.getByTestId("preview-slot-home-hero");
    await expect(card.getByTestId("preview-slot-home-hero-variant")).toContainText("Finance readers");
    await expect(card.getByTestId("preview-slot-home-hero-reason")).toHaveText("Rule matched");
    await expect(card.getByTestId("preview-rule-sports-readers")).toHaveAttribute("data-matched", "false");
    await expect(card.getByTestId("preview-rule-sports-readers")).toContainText("Not a member of Sports readers");
    await expect(card.getByTestId("preview-rule-finance-readers")).toHaveAttribute("data-matched", "true");
    await expect(card).toContainText("bucket is");

    // The demo site in the frame renders the same decision, received from the page instead of OFREP.
    const hero = page.frameLocator("[data-testid=preview-frame]").getByTestId("slot-home-hero");
    await expect(hero).toHaveAttribute("data-tailor-variant", "finance");
    await expect(hero).toContainText("Make your money work harder");
    await expect(page.getByTestId("email-preview")).toContainText("your money briefing");
  });

  test("see as segment picks a member and says who it is", async ({ page }) => {
    await page.goto(`${DEMO_URL}/preview`);
    await page.getByTestId("preview-mode-segment").click();
    await page.getByTestId("preview-segment").selectOption("sports-readers");
    await expect(page.getByTestId("preview-who")).toContainText(/member 1 of [\d,]+ in Sports readers/);
    // The member's own holdout bucket may put them in the control group; either way the card says which.
    await expect(page.getByTestId("preview-slot-home-hero-reason")).toHaveText(/Rule matched|Holdout/);
    await expect(page.getByTestId("preview-experience-home-hero")).toContainText(/Sports readers|control group/);
  });

  test("a composed visitor is validated and never stored", async ({ page, playwright }) => {
    const bad = await page.request.post(`${DEMO_URL}/api/v1/preview`, { data: { visitor: { traits: { first_name: "<script>alert(1)</script>" }, events: [{ event: "Page Viewed", timestamp: "2999-01-01T00:00:00Z" }] } } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.details[0].path).toEqual(["visitor", "events", "0", "timestamp"]);
    const both = await page.request.post(`${DEMO_URL}/api/v1/preview`, { data: { profile: "user_000002", segment: "sports-readers" } });
    expect(both.status()).toBe(422);
    const ok = await page.request.post(`${DEMO_URL}/api/v1/preview`, { data: { visitor: { anonymousId: "e2e-never-stored", traits: { first_name: "<b>Zed</b>" } }, slots: ["greeting"] } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).slots[0].decision.value.text).toBe("Hi &lt;b&gt;Zed&lt;/b&gt;");
    expect((await page.request.get(`${DEMO_URL}/api/v1/profiles/e2e-never-stored`)).status()).toBe(404);
    const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    expect((await anonymous.post(`${DEMO_URL}/api/v1/preview`, { data: { profile: "user_000002" } })).status()).toBe(401);
    await anonymous.dispose();
  });
});

test.describe("tailor.js on any page", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  const PAGE = `<!doctype html><html><head><script src="/tailor.js" data-client-key="tc_test" data-write-key="tw_test" data-timeout="600"></script></head><body>
<section data-tailor-slot="hero"><h1 data-tailor-field="headline">Own headline</h1><div data-tailor-field="body" data-tailor-type="rich_text"><p>Own body</p></div>
<a data-tailor-field="cta" href="/own">Go</a><img data-tailor-field="image" src="/own.png" alt=""></section>
<section data-tailor-slot="list"><div data-tailor-field="items"><template><article><b data-tailor-item="name"></b><i data-tailor-item="price" data-tailor-format="price" data-tailor-optional></i></article></template><p>Own products</p></div></section>
<section data-tailor-slot="broken"><p data-tailor-field="headline">Own broken</p></section>
<section data-tailor-slot="unknown"><p>Own unknown</p></section></body></html>`;

  async function open(page: import("@playwright/test").Page, flags: unknown[], delayMs = 0) {
    const sent: unknown[] = [];
    await page.route((url) => url.pathname === "/tailor-test", (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
    await page.route((url) => url.pathname === "/api/v1/batch", async (route) => {
      sent.push(route.request().postDataJSON());
      await route.fulfill({ json: { success: true } });
    });
    await page.route((url) => url.pathname === "/ofrep/v1/evaluate/flags", async (route) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      await route.fulfill({ json: { flags }, headers: { ETag: '"t1"' } });
    });
    await page.goto(`${DEMO_URL}/tailor-test?utm_source=news`);
    return sent;
  }

  test("fills each field type safely and keeps the page's own content where there is nothing to show", async ({ page }) => {
    const sent = await open(page, [
      { key: "hero", reason: "TARGETING_MATCH", variant: "v", metadata: {}, value: { headline: "Hi &lt;b&gt;Zed&lt;/b&gt; &amp; co", body: "<p>Rich <strong>body</strong></p>", cta: "javascript:alert(1)", image: "/new.png" } },
      { key: "list", reason: "TARGETING_MATCH", variant: "p", metadata: {}, value: { items: [{ product_id: "sku-1", name: "<img src=x onerror=alert(1)>", price: 12.5 }, { product_id: "sku-2", name: "Mat", price: null }] } },
      { key: "broken", reason: "ERROR", metadata: {}, value: {} },
    ]);
    const hero = page.locator("[data-tailor-slot=hero]");
    await expect(hero).toHaveAttribute("data-tailor-state", "decided");
    await expect(hero.locator("h1")).toHaveText("Hi <b>Zed</b> & co");
    await expect(hero.locator("h1 b")).toHaveCount(0);
    await expect(hero.locator("strong")).toHaveText("body");
    await expect(hero.locator("a")).toHaveAttribute("href", "/own"); // a javascript: URL is never set
    await expect(hero.locator("img")).toHaveAttribute("src", "/new.png");
    const items = page.locator("[data-tailor-slot=list] article");
    await expect(items).toHaveCount(2);
    await expect(items.first().locator("b")).toHaveText("<img src=x onerror=alert(1)>");
    await expect(items.first()).toHaveAttribute("data-tailor-item-id", "sku-1");
    await expect(items.nth(1).locator("i")).toHaveCount(0);
    await expect(page.getByText("Own products")).toHaveCount(0);
    await expect(page.locator("[data-tailor-slot=broken]")).toHaveText("Own broken");
    await expect(page.locator("[data-tailor-slot=unknown]")).toHaveAttribute("data-tailor-state", "default");
    // The automatic page view went out as a Segment message with the UTM campaign.
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    const [message] = (sent[0] as { batch: Record<string, unknown>[] }).batch;
    expect(message).toMatchObject({ type: "page", anonymousId: expect.any(String), messageId: expect.any(String), context: { campaign: { source: "news" } } });
  });

  test("a slow answer leaves the page's own content, shown, instead of flickering later", async ({ page }) => {
    await open(page, [{ key: "hero", reason: "TARGETING_MATCH", variant: "v", metadata: {}, value: { headline: "Late" } }], 2_000);
    const hero = page.locator("[data-tailor-slot=hero]");
    await expect(hero).toHaveAttribute("data-tailor-state", "timeout");
    await expect(hero).toBeVisible();
    await page.waitForTimeout(2_500);
    await expect(hero.locator("h1")).toHaveText("Own headline");
  });
});
