/**
 * The personalized boxes of the demo site: plain markup with `data-tailor-slot` on the box and
 * `data-tailor-field` on the parts a variant fills. What is written here is the site's own
 * default, shown when Tailor has nothing to say or does not answer in time.
 */
import { html } from "./html";

export const heroSlot = () => html`
<section class="hero" data-tailor-slot="home-hero" data-testid="slot-home-hero">
  <div>
    <p class="eyebrow">Today</p>
    <h1 data-tailor-field="headline">News, deals and trips in one place</h1>
    <div class="body" data-tailor-field="body" data-tailor-type="rich_text"><p>Read the stories of the day, shop the editors' picks and plan your next trip.</p></div>
    <p><a class="btn" href="/demo/shop" data-tailor-field="cta"><span data-tailor-field="cta_label">Browse the shop</span> →</a></p>
  </div>
  <img data-tailor-field="image" src="/demo/images/hero-default.svg" alt="">
</section>`;

export const travelSlot = (big = false) => html`
<section class="card offer" data-tailor-slot="travel-offer" data-testid="slot-travel-offer"${big ? html` style="display:grid;grid-template-columns:1fr 1fr;gap:24px;align-items:center"` : ""}>
  <img data-tailor-field="image" src="/demo/images/travel-default.svg" alt="">
  <div>
    <p class="eyebrow">Acme Travel</p>
    <h3 data-tailor-field="headline">Where to next?</h3>
    <div class="body" data-tailor-field="body" data-tailor-type="rich_text"><p>Return flights to ten destinations.</p></div>
    <a class="btn amber" href="/demo/travel" data-tailor-field="cta"><span data-tailor-field="cta_label">Explore flights</span></a>
  </div>
</section>`;

export const bankSlot = () => html`
<section class="card offer" data-tailor-slot="bank-offer" data-testid="slot-bank-offer">
  <p class="eyebrow">Acme Bank</p>
  <h3 data-tailor-field="headline">Banking that keeps up with you</h3>
  <div class="body" data-tailor-field="body" data-tailor-type="rich_text"><p>Savings, funds and mortgages from Acme Bank.</p></div>
  <a class="btn secondary" href="/demo/bank" data-tailor-field="cta"><span data-tailor-field="cta_label">See our accounts</span></a>
</section>`;

/** One product card; `template` cards are filled from a product_list item. */
export const productCard = (p: { product_id: string; name: string; category: string; price: number } | null) => html`
<article class="product"${p ? html` data-product-id="${p.product_id}"` : ""}>
  <div class="thumb" ${p ? html`data-category="${p.category}"` : html`data-tailor-item="category" data-tailor-attr="data-category"`} aria-hidden="true"></div>
  <h3 ${p ? "" : html`data-tailor-item="name"`}>${p?.name ?? ""}</h3>
  <p class="cat" ${p ? "" : html`data-tailor-item="category" data-tailor-optional`}>${p?.category ?? ""}</p>
  <p class="price" ${p ? "" : html`data-tailor-item="price" data-tailor-format="price" data-tailor-optional`}>${p ? `$${p.price}` : ""}</p>
  <div class="actions">
    <button type="button" class="btn secondary" data-demo-product="view">View</button>
    <button type="button" class="btn secondary" data-demo-product="add">Add</button>
    <button type="button" class="btn" data-demo-product="buy">Buy</button>
  </div>
</article>`;

export const recommendationsSlot = (defaults: { product_id: string; name: string; category: string; price: number }[]) => html`
<section class="block" data-tailor-slot="recommended-products" data-testid="slot-recommended-products">
  <h2 data-tailor-field="title">Popular at Acme</h2>
  <div class="products" data-tailor-field="items">
    <template>${productCard(null)}</template>
    ${defaults.map((p) => productCard(p))}
  </div>
</section>`;
