/**
 * Lighthouse 12's mobile screen (a Moto G Power: 412 × 823 CSS px at DPR 1.75, touch), for the
 * load benchmarks that open the page as Lighthouse's phone profile sees it.
 */
export const LIGHTHOUSE_PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
} as const;
