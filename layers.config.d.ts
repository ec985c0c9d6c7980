/** Types of layers.config.js (plain JS so that eslint.config.js can load it without a build). */
export declare const LAYERS: Record<
  'core' | 'model' | 'data' | 'params' | 'engine' | 'state' | 'experiments' | 'panels' | 'export' | 'ui',
  readonly string[]
>;
export declare function layerRules(): object[];
