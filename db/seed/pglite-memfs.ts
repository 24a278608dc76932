/**
 * In-memory PGlite (`memory://`) keeps its files in Emscripten's MEMFS, whose
 * `resizeFileStorage` reallocates a file to the exact new size and copies it whole. PostgreSQL
 * extends relation and WAL files by truncate-to-size, so loading half a million events copied
 * hundreds of megabytes hundreds of times (a 500k-event COPY: 77 s unpatched, 26 s patched).
 *
 * This makes every growth geometric, and grows small files faster than MEMFS does.
 * File contents and sizes stay byte-for-byte the same; only spare capacity is kept. Shrinking
 * keeps the original behaviour. Instances without MEMFS, or already patched, are left alone.
 */
import type { PGlite } from "@electric-sql/pglite";

interface MemfsNode {
  contents: Uint8Array;
  usedBytes: number;
}

interface Memfs {
  resizeFileStorage(node: MemfsNode, newSize: number): void;
  expandFileStorage(node: MemfsNode, newCapacity: number): void;
  __tailorGeometricGrowth?: boolean;
}

/**
 * Doubling up to 64 MB covers the 16 MB WAL segments, which are created and filled over and
 * over during a load (MEMFS's own 1.125 above 1 MB copied each segment ~25 times); relation
 * files (at most 1 GB per segment) grow by a quarter so spare capacity stays modest.
 */
function growthFactor(current: number): number {
  return current < 64 * 1024 * 1024 ? 2 : 1.25;
}

/** Patches the MEMFS of this PGlite instance (a no-op when its internals are not as expected). */
export function enableGeometricFileGrowth(pg: PGlite): void {
  const memfs = (pg as unknown as { Module?: { MEMFS?: Memfs } }).Module?.MEMFS;
  if (!memfs || memfs.__tailorGeometricGrowth) return;
  if (typeof memfs.resizeFileStorage !== "function" || typeof memfs.expandFileStorage !== "function") return;
  const exact = memfs.resizeFileStorage.bind(memfs);
  memfs.expandFileStorage = (node, newCapacity) => {
    const current = node.contents.length;
    if (current >= newCapacity) return;
    const capacity = Math.max(newCapacity, Math.floor(current * growthFactor(current)), 256);
    const old = node.contents.subarray(0, node.usedBytes);
    node.contents = new Uint8Array(capacity);
    node.contents.set(old);
  };
  memfs.resizeFileStorage = (node, newSize) => {
    if (newSize <= node.usedBytes) return exact(node, newSize);
    memfs.expandFileStorage(node, newSize);
    node.contents.fill(0, node.usedBytes, newSize); // bytes past the old end must read as zeros
    node.usedBytes = newSize;
  };
  memfs.__tailorGeometricGrowth = true;
}
