import { RejonError } from '../../shared/contract';
import type { Translate } from '../../shared/i18n';

/** An API error as the user reads it: the backend's message code translated, else its text. */
export function errorText(tm: Translate, e: unknown): string {
  if (e instanceof RejonError && e.msg) return tm(e.msg);
  return e instanceof Error ? e.message : String(e);
}
