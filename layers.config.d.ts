/** Types of layers.config.js (plain JS so that eslint.config.js can load it without a build). */
export type Folder =
  'core' | 'losses' | 'model' | 'data' | 'params' | 'engine' | 'state' | 'experiments' | 'panels' | 'export' | 'ui';
export declare const LAYERS: Record<Folder, readonly string[]>;
/** The folders whose code runs on the page (main thread); src/main.tsx is page code too. */
export declare const PAGE: readonly Folder[];
/** Package patterns only the workers may load. */
export declare const WORKER_ONLY_PACKAGES: readonly string[];
export declare function layerRules(): object[];
