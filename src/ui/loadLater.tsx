/**
 * What the first screen does not need waits (issue 19, "A light page"): sections the user opens
 * load their code when first opened, and the training section renders after the first paint,
 * so the concept explorer paints first. The service worker precaches every chunk, so this works
 * offline as well (vite.config.ts).
 */
import { lazy, startTransition, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { afterFirstPaint } from '../engine/firstPaint';

/** A named export of a module, loaded on first render (React.lazy wants a default export). */
function lazyNamed<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return function LoadedWhenShown() {
    return (
      <Suspense fallback={null}>
        <Lazy />
      </Suspense>
    );
  };
}

export const ImportSection = lazyNamed(() => import('./ImportSection'), 'ImportSection');
export const ExperimentSection = lazyNamed(() => import('./experiments/ExperimentSection'), 'ExperimentSection');
export const AnalysisSection = lazyNamed(() => import('./AnalysisSection'), 'AnalysisSection');
export const CompareSection = lazyNamed(() => import('./CompareSection'), 'CompareSection');
export const HelpOverlay = lazyNamed(() => import('./HelpOverlay'), 'HelpOverlay');

/** Renders `children` once the page has painted, as an interruptible transition. */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let live = true;
    void afterFirstPaint().then(() => {
      if (live) startTransition(() => setPainted(true));
    });
    return () => {
      live = false;
    };
  }, []);
  return painted ? children : null;
}
