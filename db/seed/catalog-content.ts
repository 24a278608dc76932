/**
 * What the demo site offers: articles in six categories, a small shop, bank products and
 * flights. One site carries all three demo stories (media, retail, bank/travel) so a single
 * workspace can show every kind of segment.
 */

export const SITE_URL = "https://www.example.com";

export const CATEGORIES = ["sports", "finance", "travel", "fashion", "technology", "food"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Article {
  title: string;
  path: string;
}

const ARTICLE_TITLES: Record<Category, readonly string[]> = {
  sports: ["Champions League: five things we learned", "Marathon training plan for beginners", "The best running shoes of the year", "NBA playoffs preview", "How to watch the Grand Prix", "Tennis: a new generation takes over", "Cycling gear for winter rides", "Inside the transfer window"],
  finance: ["Index funds explained", "How to build an emergency fund", "Mortgage rates this week", "Five mistakes new investors make", "Is now a good time to refinance?", "Saving for retirement in your thirties", "What a rate cut means for savers", "Understanding your credit score"],
  travel: ["48 hours in Hanoi", "Ha Long Bay by boat", "Lisbon on a budget", "Best beaches in Bali", "Tokyo food tour guide", "A week in the Scottish Highlands", "Packing light for long trips", "Hidden gems of Da Nang"],
  fashion: ["Autumn trends to try now", "The perfect white sneaker", "Capsule wardrobe essentials", "How to style a trench coat", "Sustainable brands to know", "Streetwear drops this month", "Denim fits, explained", "Accessories that elevate any outfit"],
  technology: ["Best noise-cancelling headphones", "Laptop buying guide", "Smartphone camera shootout", "Is the new smartwatch worth it?", "Home Wi-Fi that actually works", "AI tools for everyday work", "Mechanical keyboards for beginners", "Tablet vs laptop for students"],
  food: ["Weeknight pasta in 20 minutes", "The ultimate pho recipe", "Coffee brewing methods compared", "Meal prep for a busy week", "Best street food in Saigon", "Baking sourdough at home", "Plant-based dinners everyone likes", "Five-minute breakfasts"],
};

function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/(^-|-$)/g, "");
}

export const ARTICLES: Record<Category, readonly Article[]> = Object.fromEntries(
  CATEGORIES.map((c) => [c, ARTICLE_TITLES[c].map((title) => ({ title, path: `/${c}/${slugify(title)}` }))]),
) as unknown as Record<Category, readonly Article[]>;

export interface Product {
  product_id: string;
  name: string;
  category: Category;
  price: number;
}

/** Retail categories: finance has bank products instead of a shop shelf. */
export const RETAIL_CATEGORIES = ["sports", "fashion", "technology", "food", "travel"] as const satisfies readonly Category[];

const SHELF: Record<(typeof RETAIL_CATEGORIES)[number], readonly (readonly [string, number])[]> = {
  sports: [["Trail Running Shoes", 129], ["Yoga Mat", 39], ["Team Jersey", 89], ["Fitness Tracker", 149], ["Tennis Racket", 179]],
  fashion: [["Trench Coat", 219], ["White Sneakers", 95], ["Slim Fit Jeans", 79], ["Leather Tote", 165], ["Wool Scarf", 45]],
  technology: [["Noise-Cancelling Headphones", 299], ["13-inch Laptop", 1199], ["Smartwatch", 349], ["Mechanical Keyboard", 129], ["Wireless Charger", 39]],
  food: [["Single-Origin Coffee Beans", 18], ["Pour-Over Kettle", 59], ["Cast Iron Skillet", 49], ["Spice Gift Box", 35], ["Chef's Knife", 89]],
  travel: [["Carry-On Suitcase", 249], ["Travel Backpack", 129], ["Packing Cubes", 29], ["Neck Pillow", 25], ["Universal Adapter", 35]],
};

export const PRODUCTS: Record<(typeof RETAIL_CATEGORIES)[number], readonly Product[]> = Object.fromEntries(
  RETAIL_CATEGORIES.map((c, ci) => [
    c,
    // Frozen: event properties share these objects (see sessions.ts).
    SHELF[c].map(([name, price], i) => Object.freeze({ product_id: `sku-${1000 + ci * 100 + i}`, name, category: c, price })),
  ]),
) as unknown as Record<(typeof RETAIL_CATEGORIES)[number], readonly Product[]>;

export const SEARCH_QUERIES: Record<Category, readonly string[]> = {
  sports: ["running shoes", "yoga mat", "fitness tracker", "team jersey"],
  finance: ["index funds", "mortgage rates", "high yield savings", "retirement fund"],
  travel: ["carry on suitcase", "travel backpack", "flights to hanoi", "packing cubes"],
  fashion: ["trench coat", "white sneakers", "jeans", "leather bag"],
  technology: ["headphones", "laptop", "smartwatch", "keyboard"],
  food: ["coffee beans", "cast iron pan", "chef knife", "pho recipe"],
};

export type BankProductType = "mutual_fund" | "mortgage" | "savings";

export interface BankProduct {
  product_id: string;
  name: string;
  category: "finance";
  product_type: BankProductType;
}

const bankProducts: Record<BankProductType, readonly BankProduct[]> = {
  mutual_fund: [
    { product_id: "fund-global-equity", name: "Global Equity Fund", category: "finance", product_type: "mutual_fund" },
    { product_id: "fund-green-energy", name: "Green Energy Fund", category: "finance", product_type: "mutual_fund" },
    { product_id: "fund-balanced", name: "Balanced Income Fund", category: "finance", product_type: "mutual_fund" },
  ],
  mortgage: [
    { product_id: "mortgage-fixed-5y", name: "5-Year Fixed Mortgage", category: "finance", product_type: "mortgage" },
    { product_id: "mortgage-first-home", name: "First Home Mortgage", category: "finance", product_type: "mortgage" },
  ],
  savings: [
    { product_id: "savings-easy-access", name: "Easy Access Saver", category: "finance", product_type: "savings" },
    { product_id: "savings-fixed-1y", name: "1-Year Fixed Saver", category: "finance", product_type: "savings" },
  ],
};

export const BANK_PRODUCTS = Object.fromEntries(
  Object.entries(bankProducts).map(([type, list]) => [type, list.map((p) => Object.freeze(p))]),
) as unknown as Record<BankProductType, readonly BankProduct[]>;

export interface Destination {
  city: string;
  country: string;
  weight: number;
  /** Typical return fare in USD. */
  fare: number;
}

export const DESTINATIONS: readonly Destination[] = [
  { city: "Hanoi", country: "Vietnam", weight: 6, fare: 980 },
  { city: "Ho Chi Minh City", country: "Vietnam", weight: 4, fare: 940 },
  { city: "Tokyo", country: "Japan", weight: 4, fare: 1150 },
  { city: "Bali", country: "Indonesia", weight: 3, fare: 890 },
  { city: "Lisbon", country: "Portugal", weight: 3, fare: 620 },
  { city: "Paris", country: "France", weight: 3, fare: 710 },
  { city: "New York", country: "United States", weight: 3, fare: 650 },
  { city: "Sydney", country: "Australia", weight: 2, fare: 1380 },
  { city: "Cancún", country: "Mexico", weight: 2, fare: 540 },
  { city: "Reykjavik", country: "Iceland", weight: 1, fare: 760 },
];

/** Marketing e-mails: a weekly digest every Tuesday plus themed promotions every third Thursday. */
export const DIGEST_CAMPAIGN = "weekly-digest";
export const PROMO_CAMPAIGNS: readonly { campaign: string; category: Category }[] = [
  { campaign: "vietnam-getaway", category: "travel" },
  { campaign: "fund-launch", category: "finance" },
  { campaign: "new-season-fashion", category: "fashion" },
  { campaign: "tech-week", category: "technology" },
  { campaign: "game-day-deals", category: "sports" },
  { campaign: "kitchen-favourites", category: "food" },
];
