/**
 * Nesting depth of a method input, checked before validation: a deeply nested value (a JSON body of 100,000 "["
 * parses fine) would otherwise reach recursive code (JSON.stringify of a setting, structured clone) and fail with
 * "Maximum call stack size exceeded" as an internal error. Iterative, so the check itself cannot overflow.
 */
export const MAX_INPUT_DEPTH = 64;

/** Path (dotted, shortened) of the first place nested deeper than `max`, or null. */
export function tooDeepPath(value: unknown, max = MAX_INPUT_DEPTH): string | null {
  const stack: { v: unknown; depth: number; path: string[] }[] = [{ v: value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) {
      const shown = path.length > 6 ? [...path.slice(0, 6), '…'] : path;
      return shown.join('.') || '(input)';
    }
    const push = (k: string, x: unknown) => {
      if (x !== null && typeof x === 'object') stack.push({ v: x, depth: depth + 1, path: path.length < 7 ? [...path, k] : path });
    };
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) push(String(i), v[i]);
    else if (!ArrayBuffer.isView(v)) for (const k of Object.keys(v)) push(k, (v as Record<string, unknown>)[k]);
  }
  return null;
}
