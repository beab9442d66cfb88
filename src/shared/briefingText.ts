/**
 * Briefing text in a language: the generated summaries (message codes from core/briefing/summary.ts) and hotspot
 * hours turned into sentences. Used by the print pages, the CLI and the tests, so they all read the same text.
 */
import type { Msg } from '../core/message';
import type { BriefingSummary } from '../core/briefing/summary';
import { CATEGORIES, matchCategory } from '../core/domain/categories';
import { translate, type Lang } from './i18n';

/** A category name inside a sentence: Polish lower-cased first letter, English name in English. */
export function categoryInSentence(lang: Lang, name: string): string {
  if (lang === 'en') {
    const c = CATEGORIES.find((x) => x.name === name) ?? matchCategory(name);
    const en = c ? c.nameEn : name === 'Inna kategoria' ? 'other category' : name;
    return en.length > 0 ? en[0].toLowerCase() + en.slice(1) : en;
  }
  return name.length > 0 ? name[0].toLocaleLowerCase('pl') + name.slice(1) : name;
}

function sentence(lang: Lang, m: Msg, where: string): string {
  const params: Record<string, string | number | boolean | null | undefined> = { ...(m.params ?? {}), where };
  for (const k of ['cat1', 'cat2'] as const) if (typeof params[k] === 'string') params[k] = categoryInSentence(lang, params[k] as string);
  return translate(lang, { code: m.code, params });
}

/** The summary as one paragraph. */
export function summaryText(lang: Lang, s: BriefingSummary): string {
  const where = translate(lang, s.where);
  return s.sentences.map((m) => sentence(lang, m, where)).join(' ');
}

/** Each sentence apart (tests compare them with the tables). */
export function summarySentences(lang: Lang, s: BriefingSummary): string[] {
  const where = translate(lang, s.where);
  return s.sentences.map((m) => sentence(lang, m, where));
}

/** Method notes of the hotspot analysis (too few reports, an engine refusal), as a sentence of their own. */
export function methodNotesText(lang: Lang, notes: Msg[]): string {
  // the caller ends the sentence: a note's own final full stop (an engine refusal's advice) is left out
  const text = notes.map((m) => translate(lang, m).replace(/\.$/, '')).join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const WEEKDAY_CODES: Record<string, string> = {
  mon: 'briefing.weekday.mon', tue: 'briefing.weekday.tue', wed: 'briefing.weekday.wed', thu: 'briefing.weekday.thu',
  fri: 'briefing.weekday.fri', sat: 'briefing.weekday.sat', sun: 'briefing.weekday.sun',
};

/** A hotspot's hours (core hoursLabel): "18:00–22:00, pt–sb" / "18:00–22:00, Fri–Sat". */
export function hoursText(lang: Lang, m: Msg): string {
  const d1 = m.params?.d1, d2 = m.params?.d2;
  if (typeof d1 !== 'string' || typeof d2 !== 'string') return translate(lang, m);
  const days = `${translate(lang, WEEKDAY_CODES[d1] ?? d1)}–${translate(lang, WEEKDAY_CODES[d2] ?? d2)}`;
  return translate(lang, { code: m.code, params: { ...m.params, days } });
}
