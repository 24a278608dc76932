/** Deterministic 0–99 bucket of a string (32-bit FNV-1a over UTF-16 code units), as GrowthBook does for splits. */
export function bucketOf(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A second round spreads keys that differ only in their last characters.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) % 100;
}
