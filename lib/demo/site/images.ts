/** Illustrations of the demo site (the variants' image fields point at /demo/images/<name>.svg). */

const ART: Record<string, { from: string; to: string; shapes: string }> = {
  "hero-default": {
    from: "#fde68a", to: "#f59e0b",
    shapes: `<rect x="90" y="90" width="250" height="170" rx="14" fill="#fff" opacity=".9"/><rect x="115" y="120" width="150" height="14" rx="7" fill="#1c1917"/><rect x="115" y="150" width="200" height="10" rx="5" fill="#a8a29e"/><rect x="115" y="170" width="180" height="10" rx="5" fill="#a8a29e"/><rect x="115" y="210" width="90" height="26" rx="13" fill="#1c1917"/><circle cx="470" cy="170" r="90" fill="#fff" opacity=".35"/><path d="M430 210l40-70 40 70z" fill="#1c1917" opacity=".85"/>`,
  },
  "hero-sports": {
    from: "#86efac", to: "#15803d",
    shapes: `<circle cx="320" cy="190" r="110" fill="#fff"/><path d="M320 80l30 60-30 40-30-40zM210 190l50-25 30 45-30 50zM430 190l-50-25-30 45 30 50zM260 290l30-40h60l30 40" fill="#1c1917" opacity=".85"/><rect x="0" y="330" width="640" height="70" fill="#14532d" opacity=".5"/>`,
  },
  "hero-finance": {
    from: "#bfdbfe", to: "#1d4ed8",
    shapes: `<rect x="120" y="250" width="60" height="90" rx="6" fill="#fff"/><rect x="220" y="200" width="60" height="140" rx="6" fill="#fff"/><rect x="320" y="150" width="60" height="190" rx="6" fill="#fff"/><rect x="420" y="90" width="60" height="250" rx="6" fill="#fff"/><path d="M110 230L250 170 350 120 500 60" stroke="#fbbf24" stroke-width="10" fill="none" stroke-linecap="round"/>`,
  },
  "travel-vietnam": {
    from: "#fbcfe8", to: "#be185d",
    shapes: `<circle cx="470" cy="110" r="50" fill="#fde68a"/><path d="M0 330l120-150 90 110 110-170 150 210z" fill="#831843" opacity=".7"/><path d="M120 300c40-20 80 20 120 0s80 20 120 0 80 20 120 0" stroke="#fff" stroke-width="6" fill="none"/><path d="M250 120l60 20 60-50 10 10-50 60 40 40-10 10-50-30-60 30z" fill="#fff"/>`,
  },
  "travel-default": {
    from: "#a5f3fc", to: "#0e7490",
    shapes: `<circle cx="320" cy="200" r="120" fill="#fff" opacity=".85"/><path d="M200 200h240M320 80v240M230 130c60 40 120 40 180 0M230 270c60-40 120-40 180 0" stroke="#0e7490" stroke-width="6" fill="none"/><path d="M420 90l70 20 60-50 12 12-50 60 40 40-12 12-50-30-60 30z" fill="#1c1917"/>`,
  },
};

/** The SVG text of an illustration, or null for an unknown name. */
export function demoImage(name: string): string | null {
  const art = ART[name];
  if (!art) return null;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400" width="640" height="400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${art.from}"/><stop offset="1" stop-color="${art.to}"/></linearGradient></defs><rect width="640" height="400" fill="url(#g)"/>${art.shapes}</svg>`;
}
