/** Number formats shared by the panels: plain digits (no grouping) so a shown value parses back. */

/** A value to `digits` significant digits; non-finite values as JavaScript prints them. */
export const sigDigits = (v: number, digits: number): string =>
  Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v);

export const fmt4 = (v: number): string => sigDigits(v, 4);
export const fmt3 = (v: number): string => sigDigits(v, 3);

/** part/whole as a whole percentage, '—' when there is no whole. */
export const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');

/** A share in [0, 1] as a percentage to one decimal (the gradient-share tables). */
export const sharePercent = (share: number): string => `${(100 * share).toFixed(1)}%`;

/** A count with the reader's digit grouping, as toLocaleString() writes it, from one shared formatter (it runs per slider input). */
const grouping = new Intl.NumberFormat();
export const grouped = (count: number): string => grouping.format(count);
