/**
 * Resolves once the page has painted its first content (the `first-contentful-paint` entry), so
 * the training worker and its TensorFlow.js download wait behind the first screen (issue 19, "A
 * light page"; docs/architecture.md, data flow). A hidden tab may never paint: it starts anyway
 * after `hiddenFallbackMs`. Main thread only.
 */
let painted: Promise<void> | null = null;

function hasPaintTiming(): boolean {
  return typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint');
}

export function afterFirstPaint(hiddenFallbackMs = 3000): Promise<void> {
  painted ??= new Promise<void>((resolve) => {
    // A task after the paint entry: whatever the paint's frame still runs goes first.
    const done = () => setTimeout(resolve, 0);
    if (!hasPaintTiming()) {
      requestAnimationFrame(() => done());
      return;
    }
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      done();
    });
    observer.observe({ type: 'paint', buffered: true });
    const fallback = () => {
      if (document.visibilityState !== 'hidden') return;
      observer.disconnect();
      resolve();
    };
    setTimeout(fallback, hiddenFallbackMs);
    document.addEventListener('visibilitychange', fallback, { once: true });
  });
  return painted;
}
