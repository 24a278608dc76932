/**
 * How visitors arrive and on what: acquisition channels with UTM tags, and devices with a
 * browser and operating system that belong together (no Safari on Android).
 */
import type { Category } from "./catalog-content";
import type { Rng } from "./prng";

export type Device = "mobile" | "desktop" | "tablet";

export interface Acquisition {
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  referrer?: string;
}

interface Channel {
  weight: number;
  source?: string;
  medium?: string;
  referrer?: string;
  /** Campaign names; an interest-specific campaign is preferred when the visitor has that interest. */
  campaigns?: readonly string[];
}

const CHANNELS: readonly Channel[] = [
  { weight: 22, source: "google", medium: "organic", referrer: "https://www.google.com/" },
  { weight: 18, source: "google", medium: "cpc", referrer: "https://www.google.com/", campaigns: ["brand-search", "generic-search"] },
  { weight: 12, source: "facebook", medium: "paid_social", referrer: "https://www.facebook.com/", campaigns: ["spring-sale", "retargeting"] },
  { weight: 8, source: "instagram", medium: "paid_social", referrer: "https://www.instagram.com/", campaigns: ["spring-sale", "new-season-fashion"] },
  { weight: 6, source: "tiktok", medium: "paid_social", referrer: "https://www.tiktok.com/", campaigns: ["creator-collab"] },
  { weight: 8, source: "partner-blog", medium: "referral", referrer: "https://news.example.org/" },
  { weight: 6, source: "newsletter", medium: "email", campaigns: ["weekly-digest"] },
  { weight: 20 }, // direct: no UTM tags and no referrer
];

/** The campaign a paid visitor with this interest most plausibly clicked. */
const INTEREST_CAMPAIGNS: Partial<Record<Category, string>> = {
  travel: "vietnam-getaway",
  finance: "fund-launch",
  fashion: "new-season-fashion",
  technology: "tech-week",
  sports: "game-day-deals",
};

/** Draws the first-touch attribution of a visitor. */
export function drawAcquisition(rng: Rng, primaryInterest: Category): Acquisition {
  const channel = rng.weighted(CHANNELS.map((c) => [c, c.weight] as const));
  if (!channel.source) return {};
  const out: Acquisition = { utm_source: channel.source, utm_medium: channel.medium };
  if (channel.campaigns) {
    const themed = channel.medium !== "email" ? INTEREST_CAMPAIGNS[primaryInterest] : undefined;
    out.utm_campaign = themed && rng.chance(0.5) ? themed : rng.pick(channel.campaigns);
  }
  if (channel.referrer) out.referrer = channel.referrer;
  return out;
}

export interface DeviceContext {
  device: Device;
  browser: string;
  os: string;
}

const DEVICES: readonly (readonly [DeviceContext, number])[] = [
  [{ device: "mobile", browser: "Mobile Safari", os: "iOS" }, 26],
  [{ device: "mobile", browser: "Chrome Mobile", os: "Android" }, 27],
  [{ device: "mobile", browser: "Samsung Internet", os: "Android" }, 4],
  [{ device: "desktop", browser: "Chrome", os: "Windows" }, 17],
  [{ device: "desktop", browser: "Edge", os: "Windows" }, 5],
  [{ device: "desktop", browser: "Firefox", os: "Windows" }, 3],
  [{ device: "desktop", browser: "Safari", os: "macOS" }, 6],
  [{ device: "desktop", browser: "Chrome", os: "macOS" }, 5],
  [{ device: "tablet", browser: "Mobile Safari", os: "iPadOS" }, 5],
  [{ device: "tablet", browser: "Chrome", os: "Android" }, 2],
];

/** Students and urban professionals lean mobile, retirees lean desktop. */
export function drawDevice(rng: Rng, lifestyle: string): DeviceContext {
  const tilt = lifestyle === "retiree" ? { mobile: 0.6, desktop: 1.8, tablet: 2 } : lifestyle === "student" ? { mobile: 1.3, desktop: 0.8, tablet: 0.6 } : { mobile: 1, desktop: 1, tablet: 1 };
  return { ...rng.weighted(DEVICES.map(([d, w]) => [d, w * tilt[d.device]] as const)) };
}
