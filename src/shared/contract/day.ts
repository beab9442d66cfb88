import { z } from 'zod';
import { isValidDay } from '../../core/briefing/periods';

/** Earliest and latest calendar day any method accepts: KMZB started in 2016; far-off years are typos or probes. */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '2100-12-31';

/** A real calendar day YYYY-MM-DD in [FIRST_DAY, LAST_DAY] (`0000-01-01`, `9999-12-31`, `2024-02-30` are refused). */
export function isDayInRange(s: string): boolean {
  return isValidDay(s) && s >= FIRST_DAY && s <= LAST_DAY;
}

/** Warsaw calendar day in method inputs: a 400 naming the field for anything else. */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isDayInRange, `expected a real calendar day between ${FIRST_DAY} and ${LAST_DAY}`);
