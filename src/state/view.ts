/**
 * View state that is not a model parameter but still belongs in a shared link: presentation
 * mode, compare mode (run B's differing parameters), controls hidden for a classroom, the
 * scenario being narrated and the selected validation image.
 */
import { clampParam, paramKeys, schema, type ParamKey, type Params } from '../params/schema';

/** Parameters run B may change in compare mode; everything else (data, model, seed) is shared, so both runs see the same data and initial weights. */
export const COMPARABLE_KEYS = [
  'loss',
  'eps',
  'epsMode',
  'tHard',
  'a',
  'lr',
  'optimizer',
  'switchRule',
  'switchMode',
] as const satisfies readonly ParamKey[];
export type ComparableKey = (typeof COMPARABLE_KEYS)[number];
export type CompareOverrides = Partial<Pick<Params, ComparableKey>>;

export interface ViewState {
  presentation: boolean;
  /** Run B's differences from run A; null when compare mode is off. */
  compare: CompareOverrides | null;
  /** Controls hidden by a classroom link ('all' hides the whole control column). */
  hidden: ParamKey[] | 'all';
  scenario: string | null;
  /** How compare mode shows the runs: two full columns, or both runs on one chart per history panel. */
  compareLayout: CompareLayout;
}

export type CompareLayout = 'columns' | 'overlay';

export const DEFAULT_VIEW: ViewState = {
  presentation: false,
  compare: null,
  hidden: [],
  scenario: null,
  compareLayout: 'columns',
};

/** URL keys of the view (the parameters own every other key). */
export const VIEW_KEYS = {
  presentation: 'present',
  compare: 'cmp',
  hidden: 'hide',
  scenario: 'sc',
  image: 'img',
  compareLayout: 'cmpl',
} as const;
const COMPARE_PREFIX = 'b.';

const byUrlKey = new Map<string, ParamKey>(paramKeys.map((k) => [schema[k].urlKey, k]));

export interface ViewFromQuery {
  view: ViewState;
  /** null = the training batch; undefined = not in the URL. */
  selectedImage: number | null | undefined;
  problems: string[];
}

/** Reads the view from a query string; invalid entries are dropped and reported, never fatal. */
export function viewFromQuery(search: string, knownScenarios: readonly string[]): ViewFromQuery {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const view: ViewState = { ...DEFAULT_VIEW, hidden: [] };

  const flag = (key: string): boolean => {
    const v = q.get(key);
    if (v === null) return false;
    if (['1', 'true', ''].includes(v)) return true;
    if (!['0', 'false'].includes(v)) problems.push(`“${key}=${v}” should be 1 or 0; using 0`);
    return false;
  };
  view.presentation = flag(VIEW_KEYS.presentation);

  if (flag(VIEW_KEYS.compare)) {
    const overrides: Record<string, unknown> = {};
    for (const [key, raw] of q) {
      if (!key.startsWith(COMPARE_PREFIX)) continue;
      const name = byUrlKey.get(key.slice(COMPARE_PREFIX.length));
      if (!name || !(COMPARABLE_KEYS as readonly string[]).includes(name)) {
        problems.push(
          `Run B cannot differ in “${key.slice(COMPARE_PREFIX.length)}” (only ${COMPARABLE_KEYS.map((k) => schema[k].urlKey).join(', ')}); ignored`,
        );
        continue;
      }
      const { value, problem } = clampParam(name, raw);
      if (problem) problems.push(`Run B: ${problem}`);
      overrides[name] = value;
    }
    view.compare = overrides as CompareOverrides;
  } else if ([...q.keys()].some((k) => k.startsWith(COMPARE_PREFIX))) {
    problems.push('Run B parameters (b.…) are ignored without cmp=1');
  }
  view.compareLayout = compareLayoutFrom(q.get(VIEW_KEYS.compareLayout), problems);

  const hide = q.get(VIEW_KEYS.hidden);
  if (hide !== null) {
    if (hide === 'all') view.hidden = 'all';
    else {
      const hidden: ParamKey[] = [];
      for (const token of hide.split(',').filter(Boolean)) {
        const name = byUrlKey.get(token);
        if (name) hidden.push(name);
        else problems.push(`hide: “${token}” is not a control; ignored`);
      }
      view.hidden = hidden;
    }
  }

  const scenario = q.get(VIEW_KEYS.scenario);
  if (scenario !== null) {
    if (knownScenarios.includes(scenario)) view.scenario = scenario;
    else problems.push(`Unknown scenario “${scenario}”; ignored`);
  }

  let selectedImage: number | null | undefined;
  const img = q.get(VIEW_KEYS.image);
  if (img !== null) {
    if (img === 'batch') selectedImage = null;
    else {
      const n = Number(img);
      if (Number.isInteger(n) && n >= 1) selectedImage = n - 1;
      else problems.push(`img: “${img}” should be “batch” or an image number from 1; using image 1`);
    }
  }
  return { view, selectedImage, problems };
}

/**
 * The compare layout of a link. It is kept (and written) with compare mode off too, so that the
 * layout chosen survives turning compare off and on, and the store always equals its link.
 */
function compareLayoutFrom(raw: string | null, problems: string[]): CompareLayout {
  if (raw === null || raw === 'columns') return 'columns';
  if (raw === 'overlay') return 'overlay';
  problems.push(`${VIEW_KEYS.compareLayout}: “${raw}” should be “columns” or “overlay”; using columns`);
  return 'columns';
}

/** Query entries for the view; defaults are left out so links stay short. */
export function viewQueryEntries(view: ViewState, selectedImage: number | null): [string, string][] {
  const out: [string, string][] = [];
  if (view.presentation) out.push([VIEW_KEYS.presentation, '1']);
  if (view.compare) {
    out.push([VIEW_KEYS.compare, '1']);
    for (const key of COMPARABLE_KEYS) {
      const v = view.compare[key];
      if (v !== undefined) out.push([COMPARE_PREFIX + schema[key].urlKey, String(v)]);
    }
  }
  if (view.compareLayout === 'overlay') out.push([VIEW_KEYS.compareLayout, 'overlay']);
  if (view.hidden === 'all') out.push([VIEW_KEYS.hidden, 'all']);
  else if (view.hidden.length) out.push([VIEW_KEYS.hidden, view.hidden.map((k) => schema[k].urlKey).join(',')]);
  if (view.scenario) out.push([VIEW_KEYS.scenario, view.scenario]);
  if (selectedImage === null) out.push([VIEW_KEYS.image, 'batch']);
  else if (selectedImage > 0) out.push([VIEW_KEYS.image, String(selectedImage + 1)]);
  return out;
}

/** True for query keys the view owns (so the parameter reader does not call them unknown). */
export const isViewKey = (key: string): boolean =>
  (Object.values(VIEW_KEYS) as string[]).includes(key) || key.startsWith(COMPARE_PREFIX) || key === 'backends';
