import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { ingest, newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import "../register";
import { decide, type Decision } from "../decide";
import { createExperience, publishExperience } from "../experiences";
import { flushImpressions } from "../record-impressions";
import { clearPopularProducts, createRecommender, loadEngagement, loadPopularProducts, rankRecommendations } from "../recommendations";
import { createSlot } from "../slots";
import { actor, profileOf } from "./helpers";

const NOW = new Date("2025-06-30T12:00:00.000Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const product = (id: string, category: string, price = 10) => ({ product_id: id, name: `Product ${id}`, category, price });
const SHOE = product("shoe", "sports", 129);
const MAT = product("mat", "sports", 39);
const JERSEY = product("jersey", "Sports", 89); // categories match case-insensitively
const PHONES = product("phones", "technology", 299);
const KETTLE = product("kettle", "food", 59);
const BEANS = product("beans", "food", 18);

let n = 0;
const viewed = (userId: string, p: object, days: number, extra: object = {}) => ({
  type: "track", userId, event: "Product Viewed", properties: { ...p, ...extra }, timestamp: daysAgo(days), messageId: `m-${++n}`,
  context: { page: { url: `https://shop.test/p/${(p as { product_id: string }).product_id}` } },
});
const read = (userId: string, category: string, days: number) => ({ type: "page", userId, name: category, properties: { category }, timestamp: daysAgo(days), messageId: `m-${++n}` });
const bought = (userId: string, items: object[], days: number) => ({ type: "track", userId, event: "Order Completed", properties: { order_id: `o-${++n}`, products: items.map((p) => ({ ...p, quantity: 1 })) }, timestamp: daysAgo(days), messageId: `m-${++n}` });

describe.each(testEngines())("recommendations on %s", (engine) => {
  let t: TestDb;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    ws = await newWorkspace(t.db, "Recommendations");
    // Popularity in the last 30 days: phones 6, shoe 6 (4 views + 2 purchases), kettle 3, mat 3 (with the fan's view), beans 1, jersey 1.
    const crowd: Record<string, unknown>[] = [];
    for (let i = 0; i < 6; i++) crowd.push(viewed(`crowd-${i}`, PHONES, 2));
    for (let i = 0; i < 3; i++) crowd.push(viewed(`crowd-${i}`, SHOE, 3));
    crowd.push(viewed("crowd-3", SHOE, 2.5, { image_url: "https://cdn.shop.test/shoe.jpg" })); // the latest view has an image
    crowd.push(bought("crowd-0", [SHOE], 3));
    for (let i = 0; i < 3; i++) crowd.push(viewed(`crowd-${i}`, KETTLE, 4));
    crowd.push(viewed("crowd-1", MAT, 5), viewed("crowd-2", MAT, 5), viewed("crowd-3", JERSEY, 5), viewed("crowd-4", BEANS, 5));
    crowd.push(viewed("crowd-5", product("old", "fashion"), 45)); // older than 30 days: not popular
    // A sports reader (some food) who bought the shoe; their sports reads 100 days ago do not count.
    const fan = [read("fan", "sports", 1), read("fan", "sports", 2), read("fan", "sports", 3), viewed("fan", MAT, 4), read("fan", "food", 6), bought("fan", [SHOE], 10), read("fan", "technology", 100), read("fan", "technology", 100)];
    await ingest(t.db, ws, [...crowd, ...fan]);
  });
  afterAll(async () => {
    await flushImpressions();
    await t?.close();
  });

  it("ranks popular products by views plus units bought in the last 30 days, with their latest details", async () => {
    const popular = await loadPopularProducts(t.db, ws, new Date(NOW));
    expect(popular.map((p) => [p.product_id, p.score])).toEqual([["phones", 6], ["shoe", 6], ["kettle", 3], ["mat", 3], ["beans", 1], ["jersey", 1]]);
    expect(popular[1]).toEqual({ product_id: "shoe", name: "Product shoe", category: "sports", price: 129, url: "https://shop.test/p/shoe", image: "https://cdn.shop.test/shoe.jpg", score: 6 });
  });

  it("reads a visitor's engaged categories of the last 90 days and everything they bought", async () => {
    const engagement = await loadEngagement(t.db, { workspaceId: ws, profileId: await profileOf(t.db, ws, "fan"), now: NOW });
    // 3 reads + a product view (weight 2) in sports; 1 read in food; technology was 100 days ago.
    expect(Object.fromEntries(engagement.categories)).toEqual({ sports: 5, food: 1 });
    expect([...engagement.bought]).toEqual(["shoe"]);
  });

  it("shares the list among engaged categories, leaves out bought items and fills up with popular ones", async () => {
    const popular = await loadPopularProducts(t.db, ws, NOW);
    const engagement = { categories: new Map([["sports", 5], ["food", 1]]), bought: new Set(["shoe"]) };
    const ids = (count: number, strategy: "engaged_categories" | "popular" = "engaged_categories", e: typeof engagement | null = engagement) =>
      rankRecommendations(popular, e, { strategy, count }).map((p) => p.product_id);
    // sports ranks 1/5, 3/5 (mat, jersey); food 1/1 (kettle) then 3/1 (beans); then popular phones.
    expect(ids(2)).toEqual(["mat", "jersey"]);
    expect(ids(4)).toEqual(["mat", "jersey", "kettle", "beans"]);
    expect(ids(5)).toEqual(["mat", "jersey", "kettle", "beans", "phones"]);
    expect(ids(3, "popular")).toEqual(["phones", "kettle", "mat"]);
    expect(ids(3, "engaged_categories", null)).toEqual(["phones", "shoe", "kettle"]);
  });

  it("renders blocks in decide: engaged categories for a known visitor, popular for a first-timer, static lists as given", async () => {
    await createSlot(t.db, { workspaceId: ws, actor }, { key: "recs", name: "Recs", channel: "web", fields: [{ key: "title", type: "text", required: true }, { key: "items", type: "product_list", required: true }, { key: "picks", type: "product_list", required: false }] });
    await createExperience(t.db, { workspaceId: ws, actor }, {
      key: "recs", slot: "recs", name: "Recs",
      variants: { a: { name: "A", content: { title: "For you", items: { recommend: { count: 3 } }, picks: [{ product_id: "gift", name: "Gift card", url: "/gift" }] } } },
      defaultVariant: "a",
    });
    await publishExperience(t.db, { workspaceId: ws, actor }, "recs");
    clearPopularProducts(ws);
    const run = (targetingKey: string) => decide(t.db, { workspaceId: ws, slotKey: "recs", context: { targetingKey }, now: NOW }, { record: false }) as Promise<Decision>;
    const fan = await run("fan");
    expect((fan.value.items as { product_id: string }[]).map((p) => p.product_id)).toEqual(["mat", "jersey", "kettle"]);
    expect(fan.value.picks).toEqual([{ product_id: "gift", name: "Gift card", category: null, price: null, url: "/gift", image: null }]);
    const stranger = await run("never-seen");
    expect((stranger.value.items as { product_id: string }[]).map((p) => p.product_id)).toEqual(["phones", "shoe", "kettle"]);
  });

  it("uses a composed visitor's own events when it has no profile (preview)", async () => {
    const recommend = createRecommender(t.db, {
      workspaceId: ws, profileId: null, now: NOW,
      events: [{ event: "Product Added", properties: { category: "food" }, timestamp: new Date(daysAgo(1)) }, { event: "Order Completed", properties: { products: [{ product_id: "kettle" }] }, timestamp: new Date(daysAgo(1)) }],
    });
    expect((await recommend({ strategy: "engaged_categories", count: 2 })).map((p) => p.product_id)).toEqual(["beans", "phones"]);
  });

  it.each([
    [{ recommend: { count: 0 } }, ["items", "recommend", "count"], /at least 1/],
    [{ recommend: { count: 2.5 } }, ["items", "recommend", "count"], /whole number/],
    [{ recommend: { count: 50 } }, ["items", "recommend", "count"], /at most 20/],
    [{ recommend: { strategy: "trending" } }, ["items", "recommend", "strategy"], /engaged_categories, popular/],
    [{ recommend: { count: 4, category: "sports" } }, ["items", "recommend"], /"category".*strategy and count/],
    [{ recommend: {}, extra: 1 }, ["items"], /only "recommend"/],
    [{ recommend: "yes" }, ["items", "recommend"], /strategy.*count/],
    [{ featured: true }, ["items"], /list of products, or a recommendation block/],
    [[{ product_id: "a" }], ["items", "0", "name"], /name/],
    [[{ product_id: "a", name: "A", price: "9" }], ["items", "0", "price"], /number/],
    [[{ product_id: "a", name: "A", colour: "red" }], ["items", "0"], /"colour".*product_id, name/],
    [[{ product_id: "a", name: "A", url: "javascript:alert(1)" }], ["items", "0", "url"], /http/],
  ])("refuses product list %j with a message at its path", async (items, path, message) => {
    try {
      await createExperience(t.db, { workspaceId: ws, actor }, { key: `bad-${++n}`, slot: "recs", name: "Bad", variants: { a: { name: "A", content: { title: "x", items } } }, defaultVariant: "a" });
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const [problem] = (error as AppError).details as { path: string[]; message: string }[];
      expect(problem.path).toEqual(["variants", "a", "content", ...path]);
      expect(problem.message).toMatch(message);
      return;
    }
    throw new Error("accepted");
  });
});
