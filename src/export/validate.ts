/**
 * Small readers for untrusted JSON: each takes a value and its path in the file and either
 * returns the typed value or throws a FileProblem whose message is one specific sentence.
 */
import { decodeArray, type FloatDtype } from './binary';

export class FileProblem extends Error {}

export type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'string') return v.length > 40 ? 'a long string' : `the string “${v}”`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export function fail(path: string, should: string, v: unknown): never {
  throw new FileProblem(`${path} should be ${should}, but it is ${describe(v)}.`);
}

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Obj;
}

export function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'a list', v);
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v;
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'true or false', v);
  return v;
}

/** JSON has no NaN, ±Infinity or −0: the writer spells them as these strings. */
const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

export function specialNumberText(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return null;
}

export function num(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v in SPECIAL) return SPECIAL[v];
  return fail(path, 'a number', v);
}

export function numOrNull(v: unknown, path: string): number | null {
  return v === null ? null : num(v, path);
}

export function int(v: unknown, path: string, min = 0): number {
  const n = num(v, path);
  if (!Number.isInteger(n) || n < min) fail(path, `a whole number ≥ ${min}`, v);
  return n;
}

export function oneOf<T extends string | number>(v: unknown, path: string, options: readonly T[]): T {
  if (!options.includes(v as T)) fail(path, `one of ${options.join(', ')}`, v);
  return v as T;
}

/** A typed array written by encodeArray, of the given element type and, if given, length. */
export function floats(v: unknown, path: string, dtype: 'float32', length?: number): Float32Array;
export function floats(v: unknown, path: string, dtype: 'float64', length?: number): Float64Array;
export function floats(v: unknown, path: string, dtype: FloatDtype, length?: number): Float32Array | Float64Array {
  const o = obj(v, path);
  if (o.dtype !== dtype) fail(`${path}.dtype`, `“${dtype}”`, o.dtype);
  const base64 = str(o.base64, `${path}.base64`);
  let a: Float32Array | Float64Array;
  try {
    a = decodeArray({ dtype, base64 });
  } catch (err) {
    throw new FileProblem(`${path} is corrupt: ${err instanceof Error ? err.message : String(err)}.`);
  }
  if (length !== undefined && a.length !== length)
    throw new FileProblem(`${path} has ${a.length} values, but ${length} were expected.`);
  return a;
}

/** An object whose listed keys are all numbers (specials allowed). */
export function numbers<K extends string>(v: unknown, path: string, keys: readonly K[]): Record<K, number> {
  const o = obj(v, path);
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = num(o[k], `${path}.${k}`);
  return out;
}
