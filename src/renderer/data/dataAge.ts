/**
 * How old the workspace's data are: whole Warsaw calendar days between the day of the last report and today
 * (issue 15: "last N days" count back from today, and the data's age is shown wherever a period is chosen).
 */
import { warsawParts } from '../../core/domain/time';

/** Warsaw calendar days from the day of `lastMs` to the day of `nowMs` (0 = the same day; never negative). */
export function dataAgeDays(lastMs: number, nowMs: number): number {
  const a = warsawParts(lastMs);
  const b = warsawParts(nowMs);
  const days = Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
  return Math.max(0, days);
}
