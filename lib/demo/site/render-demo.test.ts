import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listApiKeys, revokeApiKey } from "@/lib/keys/api-keys";
import { createTestDb, testEngines, type TestDb } from "@/lib/testing/db";
import { createWorkspace } from "@/lib/workspaces/workspaces";
import { demoKeySecret, ensureDemoKeys } from "../demo-keys";
import { renderDemo } from "./render-demo";

const get = (t: TestDb, path: string, search = "") => renderDemo(t.db, path ? path.split("/") : [], new URLSearchParams(search));

describe.each(testEngines())("the demo site on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.close());

  it("explains that there is no demo when no workspace is a demo", async () => {
    await createWorkspace(t.db, { name: "Real shop" });
    const res = await get(t, "");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("There is no demo workspace here");
  });

  it("serves pages wired only through tailor.js with the derived keys, every slot marked up", async () => {
    const ws = (await createWorkspace(t.db, { name: "Acme", isDemo: true })).id;
    await ensureDemoKeys(t.db, ws);
    const home = await (await get(t, "")).text();
    expect(home).toContain(`<script src="/tailor.js" data-write-key="${demoKeySecret(ws, "write")}" data-client-key="${demoKeySecret(ws, "client")}">`);
    for (const slot of ["home-hero", "greeting", "travel-offer", "bank-offer", "recommended-products"]) expect(home).toContain(`data-tailor-slot="${slot}"`);
    expect(home).not.toMatch(/ofrep|\/api\/v1/); // the page itself never calls Tailor
    const article = await (await get(t, "sports/nba-playoffs-preview")).text();
    expect(article).toContain('tailor.page("sports", "NBA playoffs preview"');
    expect(article).toContain('data-auto-page="false"');
    const travel = await (await get(t, "travel", "to=Hanoi")).text();
    expect(travel.indexOf("Search flights to Hanoi")).toBeLessThan(travel.indexOf("Search flights to Tokyo"));
    expect(travel).toContain("&quot;destination_country&quot;:&quot;Vietnam&quot;");
    const bank = await (await get(t, "bank/fund-global-equity")).text();
    expect(bank).toContain('tailor.track("Product Viewed", {"product_id":"fund-global-equity"');
    expect((await get(t, "images/hero-sports.svg")).headers.get("content-type")).toBe("image/svg+xml");
    for (const bad of ["nope", "sports/nope", "shop/x", "images/../../etc.svg", "%3Cscript%3E"]) {
      const res = await get(t, bad);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).not.toContain("<script>alert");
    }
    expect(await (await get(t, "<script>alert(1)</script>")).text()).toContain("&lt;script&gt;");
  });

  it("is switched off with a clear page once a demo key is revoked", async () => {
    const [ws] = (await t.db.query.workspaces.findMany()).filter((w) => w.isDemo);
    const write = (await listApiKeys(t.db, ws.id)).find((k) => k.kind === "write")!;
    await revokeApiKey(t.db, ws.id, write.id);
    const res = await get(t, "");
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain("The demo site is switched off");
    expect(text).toContain("Demo site (write)</code> is revoked");
    expect(text).not.toContain(demoKeySecret(ws.id, "client"));
  });
});
