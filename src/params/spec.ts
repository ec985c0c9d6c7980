/**
 * The shape of one parameter's declaration in the schema (schema.ts): what every slider, select,
 * URL key and clamp is derived from (docs/design.md §2).
 */

interface ParamBase {
  label: string;
  /** The paper's symbol, shown in tooltips and equations (TeX). */
  symbol?: string;
  /** Short key in the shared URL. */
  urlKey: string;
  /** One sentence for the tooltip. */
  help: string;
  /** Changing it needs a fresh run (new data, model or batch shape); otherwise it is live. */
  resets: boolean;
}

export interface NumberParam extends ParamBase {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  scale: 'linear' | 'log';
  /** Step of the slider (linear) or number of decimals shown (log). */
  step: number;
  integer?: boolean;
}

export interface ChoiceParam<T extends string = string> extends ParamBase {
  kind: 'choice';
  default: T;
  options: readonly { value: T; label: string }[];
}

export type ParamSpec = NumberParam | ChoiceParam;

export const num = (spec: Omit<NumberParam, 'kind'>): NumberParam => ({ kind: 'number', ...spec });

export function choice<T extends string>(spec: Omit<ChoiceParam<T>, 'kind'>): ChoiceParam<T> {
  return { kind: 'choice', ...spec };
}
