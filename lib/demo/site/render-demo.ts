/**
 * Serves the demo site: plain HTML pages (no React on them, exactly what a customer's site is to
 * Tailor), keyed with the demo workspace's derived keys. Without a demo workspace or with revoked
 * keys it explains why there is no demo instead.
 */
import "server-only";
import type { Database } from "@/db/client";
import { findDemoWorkspace, getDemoKeys, type DemoKey } from "../demo-keys";
import { html, raw, type Raw } from "./html";
import { demoImage } from "./images";
import { demoDocument, type DemoDocument } from "./layout";
import { articlePage, bankPage, homePage, isCategory, shopPage, travelPage } from "./pages";
import { DEMO_CSS } from "./styles";

const HTML_HEADERS = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };

function page(path: string[], search: URLSearchParams): DemoDocument | null {
  const [section, rest, ...extra] = path;
  if (extra.length > 0) return null;
  if (section === undefined) return homePage();
  if (section === "shop" && rest === undefined) return shopPage();
  if (section === "bank") return bankPage(rest ?? null);
  if (section === "travel" && rest === undefined) return travelPage(search.get("to"));
  if (isCategory(section)) return articlePage(section, rest ?? null);
  return null;
}

function notice(title: string, body: Raw, status: number): Response {
  const doc = `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Acme demo</title><style>${raw(DEMO_CSS)}</style></head>
<body><div class="notice" data-testid="demo-notice"><p class="eyebrow">Tailor demo site</p><h1>${title}</h1>${body}</div></body></html>`}`;
  return new Response(doc, { status, headers: HTML_HEADERS });
}

function keyProblem(keys: DemoKey[]): Raw {
  const list = keys.map((k) => html`<li><code>Demo site (${k.kind})</code> is ${k.state === "revoked" ? "revoked" : "missing"}</li>`);
  return html`<p>The demo site sends events with the demo workspace's write key and asks for decisions with its client key. Those keys are derived from this server's secret, and right now:</p><ul>${list}</ul>
<p>A revoked demo key stays revoked (revoking it in <a href="/settings">Settings → API keys</a> is how an owner turns the demo site off). Missing keys are created when the demo is loaded into an empty database (<code>npm run dev</code>); if the server secret (<code>BETTER_AUTH_SECRET</code> or <code>.data/auth-secret</code>) changed since, the derived keys no longer match the stored ones.</p>`;
}

/** The response for GET /demo/<path…>. */
export async function renderDemo(db: Database, path: string[], search: URLSearchParams): Promise<Response> {
  if (path[0] === "images" && path.length === 2) {
    const svg = demoImage(path[1].replace(/\.svg$/, ""));
    if (svg) return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=3600" } });
    return new Response("Not found", { status: 404 });
  }
  const workspace = await findDemoWorkspace(db);
  if (!workspace) {
    return notice("There is no demo workspace here", html`<p>This Tailor install has no demo data, so there is no demo site to show. The demo workspace <em>Acme News &amp; Shop</em> is loaded when <code>npm run dev</code> starts on an empty database; production installs never get one.</p><p><a href="/">Back to Tailor</a></p>`, 404);
  }
  const keys = await getDemoKeys(db, workspace.id);
  const broken = [keys.write, keys.client].filter((k) => k.state !== "ok");
  if (broken.length > 0) return notice("The demo site is switched off", keyProblem(broken), 503);
  const doc = page(path, search);
  if (!doc) {
    return notice("No such page", html`<p>The demo site has no page at <code>/demo/${path.join("/")}</code>.</p><p><a href="/demo">Go to the demo home page</a></p>`, 404);
  }
  return new Response(demoDocument(doc, { write: keys.write.secret, client: keys.client.secret }), { headers: HTML_HEADERS });
}
