/**
 * Errors across a worker boundary: what the job manager and the API read of an error (name, message, the message
 * code `msg`, the SQLite `code`) survives the structured clone; the class does not, and is not needed past it.
 */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  msg?: unknown;
}

export function serializeError(e: unknown): SerializedError {
  const err = e as { name?: unknown; message?: unknown; code?: unknown; msg?: unknown };
  return {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    ...(err?.msg !== undefined ? { msg: err.msg } : {}),
  };
}

export function deserializeError(s: SerializedError): Error {
  const e = new Error(s.message) as Error & { code?: string; msg?: unknown };
  e.name = s.name;
  if (s.code !== undefined) e.code = s.code;
  if (s.msg !== undefined) e.msg = s.msg;
  return e;
}
