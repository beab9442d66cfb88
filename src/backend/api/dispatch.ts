import { isMethodName, parseInput, RejonError, type MethodName, type RejonApi, type WireError } from '../../shared/contract';
import { isReadonlyError, READ_ONLY_TEXT, WorkspaceError } from '../store/workspace';
import { msg } from '../../core/message';

/**
 * The single entry point used by every transport: checks the method name, validates the input
 * with the contract's zod schema, calls the implementation, and maps errors to the wire shape.
 */
export async function dispatch(api: RejonApi, method: unknown, rawInput: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new RejonError('not-found', `Unknown method ${String(method).slice(0, 80)}.`);
  const input = parseInput(method, rawInput);
  const fn = api[method] as (i: unknown) => Promise<unknown>;
  return fn(input);
}

/** A write to a workspace opened read-only (read-only file, folder or medium): refused with a clear message. */
export function workspaceReadOnly(): RejonError {
  return new RejonError('workspace', READ_ONLY_TEXT, undefined, msg('security.workspace.readOnly'));
}

export function toWireError(e: unknown): WireError {
  if (e instanceof RejonError) return e.toWire();
  if (isReadonlyError(e)) return workspaceReadOnly().toWire();
  if (e instanceof WorkspaceError) return { code: 'workspace', message: e.message, msg: e.msg };
  const err = e as Error;
  return { code: 'internal', message: err?.message ?? String(e) };
}

export type { MethodName };
