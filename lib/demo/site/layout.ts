/**
 * The document around every demo page: the site's own CSS, the tailor.js script tag (the only
 * connection to Tailor), the masthead with the greeting slot, and the demo's visitor bar.
 */
import { DEMO_PERSONAS } from "@/db/seed/personas";
import { BANK_PRODUCTS, PRODUCTS } from "@/db/seed/catalog-content";
import { DEMO_SCRIPT } from "./demo-script";
import { html, jsonForScript, raw, type Raw } from "./html";
import { DEMO_CSS } from "./styles";

export interface DemoKeys {
  write: string;
  client: string;
}

export interface DemoDocument {
  title: string;
  /** Which nav item is current. */
  section: "home" | "sports" | "finance" | "travel" | "shop" | "bank" | "other";
  body: Raw;
  /** Calls to make right after tailor.js loads, instead of the automatic page view. */
  onLoad?: { page?: { category: string; name: string; properties: Record<string, unknown> }; track?: { event: string; properties: Record<string, unknown> } };
}

const NAV: [DemoDocument["section"], string, string][] = [
  ["home", "Home", "/demo"],
  ["sports", "Sports", "/demo/sports"],
  ["finance", "Money", "/demo/finance"],
  ["travel", "Travel", "/demo/travel"],
  ["shop", "Shop", "/demo/shop"],
  ["bank", "Bank", "/demo/bank"],
];

/** Every product a demo button can send, by id (the page script reads it for event properties). */
function catalog(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const list of Object.values(PRODUCTS)) for (const p of list) out[p.product_id] = { ...p };
  for (const list of Object.values(BANK_PRODUCTS)) for (const p of list) out[p.product_id] = { ...p };
  return out;
}

function personaLabel(description: string): string {
  return description.split(":")[0];
}

function onLoadScript(onLoad: DemoDocument["onLoad"]): Raw {
  if (!onLoad) return raw("");
  const calls: string[] = [];
  if (onLoad.page) calls.push(`tailor.page(${JSON.stringify(onLoad.page.category)}, ${JSON.stringify(onLoad.page.name)}, ${JSON.stringify(onLoad.page.properties)});`);
  if (onLoad.track) calls.push(`tailor.track(${JSON.stringify(onLoad.track.event)}, ${JSON.stringify(onLoad.track.properties)});`);
  return raw(`<script>${calls.join("\n").replace(/</g, "\\u003c")}</script>`);
}

/** A whole demo page as HTML text. */
export function demoDocument(doc: DemoDocument, keys: DemoKeys): string {
  const custom = Boolean(doc.onLoad);
  const personas = DEMO_PERSONAS.filter((p) => p.userId);
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.title} · Acme News &amp; Shop</title>
<link rel="icon" href="data:,">
<style>${raw(DEMO_CSS)}</style>
<script src="/tailor.js" data-write-key="${keys.write}" data-client-key="${keys.client}"${raw(custom ? ' data-auto-page="false"' : "")}></script>
${onLoadScript(doc.onLoad)}
</head>
<body>
<header class="masthead"><div class="wrap">
  <a class="brand" href="/demo">Acme <span>News</span> &amp; Shop</a>
  <nav class="nav" aria-label="Sections">${NAV.map(([key, label, href]) => html`<a href="${href}"${raw(doc.section === key ? ' aria-current="page"' : "")}>${label}</a>`)}</nav>
</div></header>
<div class="wrap">
  <p class="greeting" data-tailor-slot="greeting" data-testid="slot-greeting"><span data-tailor-field="text">Welcome to Acme News &amp; Shop</span></p>
  <main>${doc.body}</main>
  <footer>Acme News &amp; Shop is Tailor's demo site. Every personalized box on it is a <code>data-tailor-slot</code> element filled by <code>/tailor.js</code>; the buttons send real events to the demo workspace.</footer>
</div>
<aside class="visitor-bar" aria-label="Demo visitor" data-testid="visitor-bar"><div class="wrap">
  <span id="demo-who" data-testid="demo-who">Loading…</span>
  <span class="group">
    <label for="demo-persona">Identify as</label>
    <select id="demo-persona">${personas.map((p) => html`<option value="${p.userId!}">${p.userId!} · ${personaLabel(p.description)}</option>`)}</select>
    <button type="button" id="demo-identify">Identify</button>
    <button type="button" id="demo-reset">Reset visitor</button>
  </span>
  <span class="group">Simulate:
    <button type="button" data-demo-read data-demo-props="${JSON.stringify(SIMULATED.sports)}">Read a sports article</button>
    <button type="button" data-demo-read data-demo-props="${JSON.stringify(SIMULATED.finance)}">Read a finance article</button>
  </span>
  <span class="status" id="demo-status" role="status" aria-live="polite"></span>
  <span class="decisions" id="demo-decisions" data-testid="demo-decisions"></span>
</div></aside>
<script type="application/json" id="demo-catalog">${jsonForScript(catalog())}</script>
<script>${raw(DEMO_SCRIPT)}</script>
</body>
</html>`}`;
}

/** The articles the visitor bar "reads" without leaving the page (a `page` call, as on an article). */
const SIMULATED = {
  sports: { category: "sports", title: "Champions League: five things we learned", path: "/demo/sports/champions-league-five-things-we-learned" },
  finance: { category: "finance", title: "Index funds explained", path: "/demo/finance/index-funds-explained" },
};
