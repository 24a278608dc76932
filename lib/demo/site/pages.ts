/**
 * The pages of the demo site "Acme News & Shop", from the seed's own catalog (articles, shop,
 * bank products, flights), so the events the buttons send look exactly like the seeded history.
 */
import { ARTICLES, BANK_PRODUCTS, CATEGORIES, DESTINATIONS, PRODUCTS, type Article, type Category } from "@/db/seed/catalog-content";
import type { DemoDocument } from "./layout";
import { html } from "./html";
import { bankSlot, heroSlot, productCard, recommendationsSlot, travelSlot } from "./slots";

const BESTSELLERS = [PRODUCTS.sports[0], PRODUCTS.technology[0], PRODUCTS.food[0], PRODUCTS.fashion[1]];
const demoPath = (article: Article) => `/demo${article.path}`;

function storyCard(category: Category, article: Article) {
  return html`<div class="story"><span class="tag ${category}">${category}</span><h3><a href="${demoPath(article)}">${article.title}</a></h3></div>`;
}

export function homePage(): DemoDocument {
  const stories: [Category, Article][] = [
    ["sports", ARTICLES.sports[0]], ["finance", ARTICLES.finance[0]], ["sports", ARTICLES.sports[3]],
    ["travel", ARTICLES.travel[0]], ["finance", ARTICLES.finance[3]], ["technology", ARTICLES.technology[0]],
  ];
  return {
    title: "Home",
    section: "home",
    body: html`
${heroSlot()}
<div class="grid">
  <section aria-labelledby="latest"><h2 id="latest">Latest stories</h2><div class="stories">${stories.map(([c, a]) => storyCard(c, a))}</div></section>
  <div class="aside">${travelSlot()}${bankSlot()}</div>
</div>
${recommendationsSlot(BESTSELLERS)}`,
  };
}

const PARAGRAPHS: Record<Category, string[]> = {
  sports: ["It was the kind of week that reminds you why you watch. Late goals, a record broken on the track and a transfer saga that finally ended at midnight.", "Our reporters were there for all of it. Here is what mattered, what did not, and what to watch next weekend."],
  finance: ["Rates moved again this week, and with them the sums that decide what your savings earn and what your mortgage costs.", "We asked three advisers what it means for ordinary savers, and how to keep costs low when you start investing."],
  travel: ["Some cities reward a plan; others reward getting lost. This one does both, and it is cheaper to reach than it has been in years.", "Our editor spent a week there with a small bag and a long list. These are the places worth your time."],
  fashion: ["The new season is quieter than the last: fewer logos, better fabrics and shapes you will still wear in three years.", "We tried the pieces everyone is talking about and kept the ones that earned a place in a small wardrobe."],
  technology: ["Good gadgets disappear into your day. We used this year's contenders for a month to find the ones that do.", "Battery life, comfort and the software updates you will still get in two years mattered more than spec sheets."],
  food: ["The best weeknight food is fast, forgiving and made from what is already in the cupboard.", "These are the recipes our kitchen keeps coming back to, with the shortcuts that do not cost flavour."],
};

/** One article of a category; the section page (`/demo/sports`) shows the newest. */
export function articlePage(category: Category, slug: string | null): DemoDocument | null {
  const list = ARTICLES[category];
  const article = slug === null ? list[0] : list.find((a) => a.path === `/${category}/${slug}`);
  if (!article) return null;
  const others = list.filter((a) => a !== article).slice(0, 5);
  const aside = category === "finance" ? bankSlot() : category === "travel" ? travelSlot() : html`<section class="card"><h3>Acme Shop</h3><p>Gear picked by our editors, delivered tomorrow.</p><a class="btn secondary" href="/demo/shop">Visit the shop</a></section>`;
  return {
    title: article.title,
    section: category === "sports" || category === "finance" ? category : "other",
    // An article tells Tailor its category, as the seeded history does (Page Viewed, properties.category).
    onLoad: { page: { category, name: article.title, properties: { title: article.title, path: demoPath(article) } } },
    body: html`
<div class="grid">
  <article class="post" data-testid="article">
    <span class="tag ${category}">${category}</span>
    <h1>${article.title}</h1>
    <p class="meta">By the Acme ${category} desk · 4 min read</p>
    ${PARAGRAPHS[category].map((p) => html`<p>${p}</p>`)}
    <p>Read on for the full story, the numbers behind it, and what our readers said.</p>
  </article>
  <div class="aside">
    <section class="card"><h3>More ${category}</h3><ul class="more">${others.map((a) => html`<li><a href="${demoPath(a)}">${a.title}</a></li>`)}</ul></section>
    ${aside}
  </div>
</div>
${recommendationsSlot(BESTSELLERS)}`,
  };
}

function departureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function travelPage(to: string | null): DemoDocument {
  const wanted = DESTINATIONS.find((d) => d.city.toLowerCase() === (to ?? "").toLowerCase()) ?? null;
  const list = wanted ? [wanted, ...DESTINATIONS.filter((d) => d !== wanted)] : DESTINATIONS;
  const trip = (d: (typeof DESTINATIONS)[number]) => ({ origin: "New York", destination: d.city, destination_country: d.country, departure_date: departureDate(30), passengers: 1 });
  return {
    title: "Travel",
    section: "travel",
    body: html`
${travelSlot(true)}
<section class="block" aria-labelledby="flights">
  <h2 id="flights">Flights from New York</h2>
  <div class="flights">${list.map(
    (d) => html`<div class="flight" data-testid="flight-${d.city.toLowerCase().replace(/\s+/g, "-")}">
      <div><strong>${d.city}</strong><div class="cat">${d.country} · return, 1 passenger · departs ${departureDate(30)}</div></div>
      <div class="fare">$${d.fare}</div>
      <div class="actions">
        <button type="button" class="btn secondary" data-demo-track="Flight Searched" data-demo-toast="Searched flights to ${d.city}" data-demo-props="${JSON.stringify(trip(d))}">Search flights to ${d.city}</button>
        <button type="button" class="btn amber" data-demo-track="Flight Booked" data-demo-toast="Booked a flight to ${d.city}" data-demo-props="${JSON.stringify({ ...trip(d), revenue: d.fare, currency: "USD" })}">Book ${d.city} flight</button>
      </div>
    </div>`,
  )}</div>
</section>`,
  };
}

export function shopPage(): DemoDocument {
  return {
    title: "Shop",
    section: "shop",
    body: html`
${recommendationsSlot(BESTSELLERS)}
${Object.entries(PRODUCTS).map(([category, items]) => html`<section class="shelf" aria-label="${category}"><h3>${category}</h3><div class="products">${items.map((p) => productCard(p))}</div></section>`)}`,
  };
}

const BANK_TEXT: Record<string, string> = {
  mutual_fund: "A diversified fund managed by Acme's investment team. Start from $50 a month; no entry fee.",
  mortgage: "A mortgage with a rate that stays put, so you know your payments for years to come.",
  savings: "A savings account that pays interest from day one, with your money a tap away.",
};

export function bankPage(productId: string | null): DemoDocument | null {
  const all = Object.values(BANK_PRODUCTS).flat();
  if (productId === null) {
    return {
      title: "Bank",
      section: "bank",
      body: html`
<div class="grid">
  <section><h2>Acme Bank</h2><div class="stories">${all.map((p) => html`<div class="story"><span class="tag finance">${p.product_type.replace("_", " ")}</span><h3><a href="/demo/bank/${p.product_id}">${p.name}</a></h3><p>${BANK_TEXT[p.product_type]}</p></div>`)}</div></section>
  <div class="aside">${bankSlot()}</div>
</div>`,
    };
  }
  const product = all.find((p) => p.product_id === productId);
  if (!product) return null;
  return {
    title: product.name,
    section: "bank",
    // A product page reports the view, with the properties the seed uses (product_type, category…).
    onLoad: { track: { event: "Product Viewed", properties: { ...product } } },
    body: html`
<div class="grid">
  <article class="post"><span class="tag finance">${product.product_type.replace("_", " ")}</span><h1>${product.name}</h1><p>${BANK_TEXT[product.product_type]}</p>
    <p><button type="button" class="btn" data-demo-track="Product Added" data-demo-toast="Application started" data-demo-props="${JSON.stringify(product)}">Apply now</button></p></article>
  <div class="aside">${bankSlot()}<section class="card"><h3>Other products</h3><ul class="more">${all.filter((p) => p !== product).map((p) => html`<li><a href="/demo/bank/${p.product_id}">${p.name}</a></li>`)}</ul></section></div>
</div>`,
  };
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
