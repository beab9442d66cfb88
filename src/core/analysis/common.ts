/**
 * Shared plumbing for the analysis engine (src/core/analysis).
 *
 * Everything in this folder is pure TypeScript: no Node-only modules, no DOM, no Electron, so it runs in a
 * Web Worker, in the Electron main/utility process and in vitest alike.
 *
 * Conventions:
 * - Coordinates are EPSG:2180 metres in Float64Array (x = easting, y = northing); callers convert.
 * - Times are UTC epoch milliseconds in Float64Array.
 * - Long functions take {@link RunOptions}. Cancellation is cooperative and synchronous: the function polls
 *   `signal.aborted` every few thousand items and throws an Error named 'AbortError'. Because the functions are
 *   synchronous, a signal can only flip while they run if it is flipped from inside `onProgress` (for example by
 *   reading a SharedArrayBuffer flag set by another thread); otherwise terminate the worker.
 * - Results are plain objects that record every parameter actually used (including automatically chosen
 *   defaults and seeds) under `params`, so that a stored result can be re-run. They contain typed arrays:
 *   postMessage / structured clone keeps them as is; for JSON use {@link toSerializable} / {@link fromSerializable}.
 */

export interface RunOptions {
  /** Called with a fraction in [0, 1]; monotone non-decreasing, 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Polled periodically; when aborted the function throws an Error with name 'AbortError'. */
  signal?: AbortSignal;
}

export function abortError(): Error {
  const e = new Error('The analysis was aborted.');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Progress reporter for a sequence of weighted phases. `phase(i)` returns a (fraction) callback mapping local
 * progress of phase i into the global [0, 1] range; calls are throttled to changes of at least 0.5%.
 */
export class Progress {
  private readonly starts: number[] = [];
  private readonly spans: number[] = [];
  private last = -1;
  constructor(private readonly opts: RunOptions | undefined, weights: number[]) {
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    let acc = 0;
    for (const w of weights) {
      this.starts.push(acc / total);
      this.spans.push(w / total);
      acc += w;
    }
  }
  report(phase: number, local: number): void {
    throwIfAborted(this.opts?.signal);
    const cb = this.opts?.onProgress;
    if (!cb) return;
    const f = Math.min(1, this.starts[phase] + this.spans[phase] * Math.min(1, Math.max(0, local)));
    if (f - this.last >= 0.005 || f === 1) {
      this.last = f;
      cb(f);
    }
  }
  done(): void {
    throwIfAborted(this.opts?.signal);
    if (this.last < 1) {
      this.last = 1;
      this.opts?.onProgress?.(1);
    }
  }
}

export function assertSameLength(name: string, a: ArrayLike<number>, n: number): void {
  if (a.length !== n) throw new Error(`${name} has ${a.length} elements, expected ${n}.`);
}

export function assertPositive(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`${name} must be a positive finite number (got ${v}).`);
}

type Typed =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

const TYPED_CTORS: Record<string, new (data: number[]) => Typed> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
};

/**
 * Convert a result (any nesting of objects/arrays/typed arrays) into something JSON.stringify keeps losslessly:
 * typed arrays become `{ $typed: 'Float64Array', data: number[] }`; non-finite numbers become `{ $num: 'NaN' | 'Infinity' | '-Infinity' }`.
 */
export function toSerializable(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    return { $typed: name, data: Array.from(value as Typed, (v) => (Number.isFinite(v) ? v : (toSerializable(v) as number))) };
  }
  if (Array.isArray(value)) return value.map(toSerializable);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toSerializable(v);
    return out;
  }
  return value;
}

/** Inverse of {@link toSerializable}. */
export function fromSerializable<T = unknown>(value: unknown): T {
  const rec = (v: unknown): unknown => {
    if (v === null || v === undefined) return v;
    if (Array.isArray(v)) return v.map(rec);
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
      if (typeof o.$typed === 'string' && Array.isArray(o.data)) {
        const Ctor = TYPED_CTORS[o.$typed];
        if (!Ctor) throw new Error(`Unknown typed array ${o.$typed}`);
        return new Ctor((o.data as unknown[]).map((x) => rec(x) as number));
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = rec(x);
      return out;
    }
    return v;
  };
  return rec(value) as T;
}
