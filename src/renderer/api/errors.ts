/**
 * The text of an error for the user: the backend's message code translated when it sent one (RejonError.msg: file
 * refusals, limits, read-only workspace, tile servers), else the error's own text.
 */
import { isMsg } from '../../core/message';
import type { Translate } from '../../shared/i18n';

export function errorText(e: unknown, tm: Translate): string {
  const m = (e as { msg?: unknown } | null)?.msg;
  if (isMsg(m)) return tm(m);
  return e instanceof Error ? e.message : String(e);
}
