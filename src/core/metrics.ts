import { isForeground } from './decompose';

export interface SegmentationMetrics {
  tp: number;
  fp: number;
  fn: number;
  dice: number;
  iou: number;
  precision: number;
  recall: number;
}

/** 0/0 means nothing to find and nothing found: a perfect score, by convention. */
const ratio = (num: number, den: number): number => (den > 0 ? num / den : 1);

/** Dice, IoU, precision and recall from hard counts (also used on histogram-derived counts). */
export function scoresFromCounts(tp: number, fp: number, fn: number): SegmentationMetrics {
  return {
    tp,
    fp,
    fn,
    dice: ratio(2 * tp, 2 * tp + fp + fn),
    iou: ratio(tp, tp + fp + fn),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
  };
}

/** Hard-count metrics at threshold t, with the same comparisons as Eq. 1–2. */
export function metrics(p: ArrayLike<number>, y: ArrayLike<number>, t: number): SegmentationMetrics {
  if (p.length !== y.length) throw new RangeError(`p has ${p.length} values but y has ${y.length}`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < p.length; i++) {
    if (isForeground(y[i])) {
      if (1 - p[i] >= t) fn++;
      else tp++;
    } else if (p[i] > t) {
      fp++;
    }
  }
  return scoresFromCounts(tp, fp, fn);
}
