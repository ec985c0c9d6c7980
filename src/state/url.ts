import { clampParams, DEFAULT_PARAMS, paramKeys, schema, type ParamKey, type Params } from './schema';

/** Reads parameters from a query string; bad values are clamped and every problem reported. */
export function paramsFromQuery(search: string): { params: Params; problems: string[] } {
  const query = new URLSearchParams(search);
  const raw: Partial<Record<ParamKey, unknown>> = {};
  const known = new Set<string>();
  for (const key of paramKeys) {
    known.add(schema[key].urlKey);
    const value = query.get(schema[key].urlKey);
    if (value !== null) raw[key] = value;
  }
  const { params, problems } = clampParams(raw);
  for (const key of query.keys()) if (!known.has(key) && !['view', 'img', 'backends'].includes(key)) problems.push(`Unknown URL parameter “${key}” ignored`);
  return { params: { ...DEFAULT_PARAMS, ...params }, problems };
}

/** Writes only the parameters that differ from the defaults, so links stay short. */
export function queryFromParams(params: Params): string {
  const query = new URLSearchParams();
  for (const key of paramKeys) {
    if (params[key] !== DEFAULT_PARAMS[key]) query.set(schema[key].urlKey, String(params[key]));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
