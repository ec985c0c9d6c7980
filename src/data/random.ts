/**
 * Seeded PRNG for the synthetic dataset.
 *
 * Why hand-written: the dataset must be bit-identical in Node (tests, bench) and in Chromium (app),
 * so the generator uses only 32-bit integer ops (Math.imul, shifts, xor), which are exact, and the
 * normal sampler only IEEE arithmetic plus Math.sqrt (exact) and Math.log, which V8 computes with
 * its own fdlibm port, identically on every platform.
 */

/** One step of the splitmix32-style finaliser; spreads nearby seeds over the whole 32-bit range. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A 32-bit seed for an independent sub-stream, e.g. deriveSeed(seed, split, imageIndex).
 * Each image gets its own stream so that changing one count never shifts another image's draws.
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  // Fold in the high word too, so safe-integer seeds that differ only above bit 32 still differ.
  let h = mix32((seed >>> 0) ^ mix32(Math.floor(seed / 4294967296) >>> 0));
  for (const p of path) h = mix32(h ^ mix32(p >>> 0));
  return h;
}

/** mulberry32: tiny, fast, passes the usual smoke tests; plenty for procedural images. */
export class Rng {
  private state: number;
  /** Box-Muller yields pairs; the second value is kept for the next normal() call. */
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /**
   * Standard normal via the polar form of Box-Muller (Marsaglia): no trigonometry, about twice as
   * fast as the basic form, which matters at two draws per pixel. Rejection keeps it exact.
   */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const k = Math.sqrt((-2 * Math.log(q)) / q);
    this.spare = v * k;
    return u * k;
  }

  /** Integer uniform in [lo, hi], both ends inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }
}
