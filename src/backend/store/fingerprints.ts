/**
 * A set of strings kept as 64-bit fingerprints (two independent 32-bit hashes) in typed arrays, for the first load
 * of a large file: ~16 bytes per entry at most (half-full open addressing) instead of ~55 bytes of a Set<string>
 * plus the strings it keeps alive (1M source ids: 16 MB instead of ~55 MB live, ~100 MB of heap to grow into).
 * `has` may answer true for a string never added (probability ~ n / 2^64); callers treat "maybe seen" as
 * "look it up in the table", so a false positive costs one lookup and never a wrong result.
 */
export class FingerprintSet {
  private hi: Int32Array;
  private lo: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    this.hi = new Int32Array(n);
    this.lo = new Int32Array(n);
    this.mask = n - 1;
  }

  get size(): number {
    return this.count;
  }

  has(s: string): boolean {
    const h1 = hash1(s);
    const h2 = hash2(s);
    for (let i = h1 & this.mask; ; i = (i + 1) & this.mask) {
      const a = this.hi[i];
      const b = this.lo[i];
      if (a === 0 && b === 0) return false;
      if (a === h1 && b === h2) return true;
    }
  }

  add(s: string): void {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    if (this.insert(hash1(s), hash2(s))) this.count++;
  }

  private insert(h1: number, h2: number): boolean {
    for (let i = h1 & this.mask; ; i = (i + 1) & this.mask) {
      const a = this.hi[i];
      const b = this.lo[i];
      if (a === 0 && b === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        return true;
      }
      if (a === h1 && b === h2) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Int32Array(hi.length * 2);
    this.lo = new Int32Array(lo.length * 2);
    this.mask = this.hi.length - 1;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i], lo[i]);
  }
}

/** FNV-1a over UTF-16 code units, then a finalising mix. */
function hash1(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/** A second, independent hash (murmur3-style mixing, other seed); never 0, so (0, 0) marks an empty slot. */
function hash2(s: string): number {
  let h = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h | 0;
}
