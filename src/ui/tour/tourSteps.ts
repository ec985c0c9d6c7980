/**
 * The guided tour, in order: Fig. 1 (hard vs soft counts), Fig. 2, Eq. 9–12 and Algorithm 1 of
 * the paper's appendix, each pointed at the panel that shows it. Texts follow docs/design.md §1 exactly
 * (e.g. the main FP term is the background pixels with p > t, not the top f).
 *
 * Light markup in `title` and `text`: `_{…}` is a subscript, `^{…}` a superscript.
 */

/** Where the card goes relative to the spotlight, when it fits there. */
export type TourPlacement = 'right' | 'left' | 'bottom' | 'top';

export interface TourStep {
  /** Stable id (also written to the card as data-step). */
  id: string;
  /**
   * data-testid(s) to spotlight: the spotlight covers the union of those on the page. Empty: a
   * centred card with no spotlight (the welcome).
   */
  targets: readonly string[];
  /** data-testid(s) outlined besides the spotlight, e.g. the slider the text asks you to move. */
  also?: readonly string[];
  title: string;
  /** Two to four sentences. */
  text: string;
  placement?: TourPlacement;
  /** What the step would point at, shown in a centred card when none of `targets` is on the page. */
  missing?: string;
}

export const tourSteps: readonly TourStep[] = [
  {
    id: 'welcome',
    targets: [],
    title: 'Welcome to the Balance-loss lab',
    text:
      'A loss counts errors softly, a test metric counts them hard, and under class imbalance the two disagree. ' +
      'This lab splits soft FP and FN into a main term that does not depend on the class ratio and a bias term that does (Eq. 9–10), ' +
      'and trains a small U-Net in this tab with the two-stage Balance loss, which gives that bias less weight in the loss: on the same predictions it spends less of its gradient on the tail of small background predictions than BCE would. ' +
      'The concept explorer at the top needs no training; the live panels further down follow a real run.',
  },
  {
    id: 'fig1',
    targets: ['eq-9'],
    placement: 'bottom',
    title: 'Fig. 1 · hard vs soft counts',
    text:
      'At test time errors are counted hard (Eq. 1–2): FP_{hard} is the number of background pixels with p > t, FN_{hard} the number of foreground pixels with 1 − p ≥ t. ' +
      'A loss sees soft counts instead: FP_{soft} = Σ_{bg} p adds up the prediction of every background pixel, however small, and FN_{soft} = Σ_{fg} (1 − p). ' +
      'In the second line of Eq. 9, FP_{hard} is the count multiplying the first term; FP_{soft} is the total at the end of the last line.',
    missing: 'the equations panel of the concept explorer (Eq. 9).',
  },
  {
    id: 'fig2',
    targets: ['concept-sorted'],
    placement: 'right',
    title: 'Fig. 2 · background predictions, sorted',
    text:
      'Every background pixel’s p, sorted from largest to smallest. The rank axis opens in two linear segments: ranks 1–2f widened, then the long tail, with a break between; areas are to scale within each segment, not across it (the legend says how much the head is widened). Switch it to linear and the area under the curve is FP_{soft}; the log axis makes no area claim. ' +
      'The curve crosses the dashed threshold t at rank FP_{hard}: the pixels left of the crossing are the hard false positives. ' +
      'The green marker at rank f, the number of foreground pixels, is sort_{des}(p^{bg})_{f}, the f-th largest background prediction.',
    missing: 'the Fig. 2 panel of the concept explorer.',
  },
  {
    id: 'eq9',
    targets: ['eq-9'],
    also: ['concept-sorted'],
    placement: 'top',
    title: 'Eq. 9 · FP_{soft} = main + bias',
    text:
      'Eq. 9 splits the soft count at t. The main term e_{bg}^{>t}·FP_{hard} sums the pixels with p > t (dark orange, left of the crossing): real errors, and at t = 0.5 exactly the pixels the test metric counts (it cuts at p > 0.5 whatever t is). ' +
      'The bias term e_{bg}^{≤t}·(b − FP_{hard}) sums the long tail of small predictions (light orange). ' +
      'It runs over b − FP_{hard} pixels, so it grows with the background size b.',
    missing: 'Eq. 9 in the equations panel of the concept explorer.',
  },
  {
    id: 'ratio',
    targets: ['panel-bars'],
    also: ['slider-conceptRatio'],
    placement: 'left',
    title: 'Move the class ratio',
    text:
      'Drag the outlined “Explorer b/f” slider to add or remove background pixels. ' +
      'The added pixels are easy ones far from the object, so the FP bias bar grows about linearly with b, while FP main stays put as long as none of them reaches t. ' +
      'Re-weighting FP against FN (WCE, Tversky) scales main and bias together: the weight a background pixel gets does not depend on whether it lies above t, so such weights cannot single out the bias.',
    missing: 'the main-vs-bias bars of the concept explorer.',
  },
  {
    id: 'eq10',
    targets: ['eq-10'],
    placement: 'bottom',
    title: 'Eq. 10 · the same split for FN',
    text:
      'FN_{soft} splits the same way over the f foreground pixels: main = e_{fg}^{≤t}·FN_{hard} (pixels with 1 − p ≥ t, the missed ones), bias = e_{fg}^{>t}·(f − FN_{hard}) (small errors on pixels that were found). ' +
      'This bias runs over at most f pixels, the minority class, so imbalance inflates the FP side only: FP_{soft} and FN_{soft} can differ even when FP_{hard} = FN_{hard}.',
    missing: 'Eq. 10 in the equations panel of the concept explorer.',
  },
  {
    id: 'eq11',
    targets: ['eq-11', 'eq-12'],
    placement: 'top',
    title: 'Eq. 11–12 · Inter-CBL’s ε',
    text:
      'Inter-CBL keeps full weight on the f largest background predictions (the hard set “bgwf”, left of the green marker) and weights the other b − f easy pixels by ε. ' +
      'If sort_{des}(p^{bg})_{f} < t (Eq. 11), every pixel above t is in the hard set: the main term is untouched and only the bias is weighted down. ' +
      'If sort_{des}(p^{bg})_{f} ≥ t (Eq. 12), ε can also scale pixels of the main term (those above t beyond rank f). ' +
      'In this lab an Inter-CBL run from scratch reaches that case in bursts of a few steps within its first few dozen (a unit test runs it).',
    missing: 'Eq. 11 or 12 in the equations panel of the concept explorer.',
  },
  {
    id: 'pushes',
    targets: ['concept-gradient'],
    placement: 'top',
    title: 'Where each loss pushes',
    text:
      'What differs between the losses by construction is where their gradient goes. Each row splits Σ|∂L/∂z| of one loss over four groups of pixels at t: foreground main and bias, background main and bias. ' +
      'On the explorer’s data (1:50 by default) BCE spends most of its push on background-bias pixels, the long tail of small predictions; Intra-CBL averages within groups and Inter-CBL gives the easy background ε of a hard pixel’s weight, so the CBL rows spend far less there. ' +
      'This is a property of the loss on these predictions: it says where the next step pushes, not what a run will end with.',
    missing: 'the “Where the loss pushes” panel of the concept explorer.',
  },
  {
    id: 'sliders',
    targets: ['value-t', 'slider-t', 'slider-eps', 'select-epsMode'],
    placement: 'right',
    title: 'The t and ε sliders',
    text:
      't is the threshold of Eq. 1–2: moving it shifts the crossing in Fig. 2 and moves pixels between main and bias, while FP_{soft} itself does not change. ' +
      'ε weights the easy background in Eq. 11–12. ' +
      'With “ε source” set to the authors’ code, each easy background pixel weighs f/N of a hard one, as in their released code; choose “slider value” to set ε yourself.',
    missing: 'the t and ε controls (hidden in presentation mode).',
  },
  {
    id: 'live-fig2',
    targets: ['train-sorted-fp'],
    also: ['train-sorted-fn', 'btn-play'],
    placement: 'right',
    title: 'Live training · Fig. 2 on a real U-Net',
    text:
      'The same sorted background predictions, now from the U-Net training in this tab: one validation image, or the last training batch pooled into one set (click an image to choose). ' +
      'The outlined panel of foreground errors 1 − p, sorted, does the same for Eq. 10. ' +
      'Press ▶ Train or Step and watch the crossing and the tail move as the network learns; in stage 2 the ε-weighted tail appears as a dashed pink curve.',
    missing:
      'the live Fig. 2 panel of the training section. It appears once the training engine has started; then press ▶ Train or Step.',
  },
  {
    id: 'history',
    targets: ['panel-history'],
    also: ['panel-loss'],
    placement: 'right',
    title: 'Main vs bias over training',
    text:
      'The four terms of Eq. 9–10 on the validation images at every logged step, recomputed for the current t from stored histograms, so moving t redraws the whole history. ' +
      'Under imbalance FP bias can be 100× FP main: “log y” shows both. ' +
      'A vertical line marks the switch to stage 2; the loss and metrics panel tracks Dice, IoU and the hard FP and FN counts.',
    missing: 'the main-vs-bias history panel of the training section.',
  },
  {
    id: 'algorithm1',
    targets: ['panel-stage', 'switch-auto', 'switch-now', 'switch-never', 'switch-fromStart'],
    placement: 'left',
    title: 'Algorithm 1 · the two-stage switch',
    text:
      'Stage 1 trains with Intra-CBL alone. ' +
      'After each step, Algorithm 1 tests each of the n images in the batch: numF counts those whose foreground passes the t_{h} test, numB those whose background does (in the authors’ code, the f-th largest background p is at most 1 − t_{h}; that implies Eq. 11, sort_{des}(p^{bg})_{f} < t, only when 1 − t_{h} < t, as at the defaults t_{h} = 0.9, t = 0.5). ' +
      'When both reach n/2 the run switches, for good, to the Balance loss a·Intra-CBL + (1 − a)·Inter-CBL. ' +
      'The buttons override the switch: now, never, or from the start, which shows Eq. 12’s failure mode.',
    missing: 'the two-stage schedule panel of the training section. It appears with the first snapshot of the run.',
  },
];

/** The data-testid selector of one id. */
export function testIdSelector(id: string): string {
  return `[data-testid="${id.replace(/["\\]/g, '\\$&')}"]`;
}
