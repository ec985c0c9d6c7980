/** Small geometric helpers shared by the tissue and lesion renderers. */

/** Hermite smoothstep of t clamped to [0, 1]: C1 soft edges without visible banding. */
export function smooth01(t: number): number {
  const c = t <= 0 ? 0 : t >= 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

export interface Ellipse {
  cx: number;
  cy: number;
  /** Semi-axes in px. */
  a: number;
  b: number;
  /** Rotation as cos/sin, so rendering needs no trigonometry per pixel. */
  cos: number;
  sin: number;
}

/**
 * Approximate signed distance in px (negative inside): f / |∇f| with f = (u/a)² + (v/b)² − 1.
 * Exact to first order at the outline, which is all soft edges need; monotone elsewhere.
 */
export function ellipseSd(e: Ellipse, x: number, y: number): number {
  // Inlined rotation (no tuple): this runs for every pixel of every image.
  const dx = x - e.cx;
  const dy = y - e.cy;
  const u = dx * e.cos + dy * e.sin;
  const v = dy * e.cos - dx * e.sin;
  const ia = 1 / (e.a * e.a);
  const ib = 1 / (e.b * e.b);
  const f = u * u * ia + v * v * ib - 1;
  const g = 2 * Math.sqrt(u * u * ia * ia + v * v * ib * ib);
  return f / Math.max(g, 1e-9);
}

/** True when a disc of radius r centred at (x, y) lies inside the ellipse shrunk by `margin`. */
export function discInside(e: Ellipse, x: number, y: number, r: number, margin: number): boolean {
  const a = e.a - r - margin;
  const b = e.b - r - margin;
  if (a <= 0 || b <= 0) return false;
  const dx = x - e.cx;
  const dy = y - e.cy;
  const u = dx * e.cos + dy * e.sin;
  const v = dy * e.cos - dx * e.sin;
  return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
}
