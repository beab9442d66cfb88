/**
 * Briefing text and number formatting. The composer follows the app language; the print document and
 * the preview can force a language (the print payload carries it) through BriefingLangProvider.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { CATEGORIES, matchCategory } from '../../core/domain/categories';
import { STATUSES } from '../../core/domain/statuses';
import { briefingMessages, fmt, type BriefingMessageKey } from './messages';

export type Lang = 'pl' | 'en';

export interface BriefingI18n {
  lang: Lang;
  t(key: BriefingMessageKey, params?: Record<string, string | number>): string;
  /** Integer / decimal with locale separators. */
  n(v: number, digits?: number): string;
  /** Share 0..1 as "42%". */
  pct(share: number | null): string;
  /** Signed change "+35%" / "−12%" / "–" for null. */
  signedPct(pct: number | null): string;
  /** Signed integer "+12" / "−3". */
  signed(v: number): string;
  /** "p = 0,01" / "p < 0,001". */
  p(v: number): string;
  /** Warsaw calendar day "YYYY-MM-DD" as "31.12.2025" (pl) or "31 Dec 2025" (en). */
  day(iso: string): string;
  /** UTC ms as a Warsaw date-time. */
  dateTime(ms: number): string;
  /** Category name in the UI language (stored names are Polish KMZB names). */
  category(name: string): string;
  status(name: string): string;
}

export function makeBriefingI18n(lang: Lang): BriefingI18n {
  const locale = lang === 'pl' ? 'pl-PL' : 'en-GB';
  const fmts = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = fmts.get(digits);
    if (!f) fmts.set(digits, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
    return f;
  };
  const minus = (s: string) => s.replace(/^-/, '−');
  const n = (v: number, digits = 0) => (Number.isFinite(v) ? minus(nf(digits).format(v)) : '–');
  const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return {
    lang,
    t: (key, params) => fmt(briefingMessages[lang][key], params),
    n,
    pct: (share) => (share == null || !Number.isFinite(share) ? '–' : `${n(share * 100, Math.abs(share) < 0.1 && share !== 0 ? 1 : 0)}%`),
    signedPct: (pct) => {
      if (pct == null || !Number.isFinite(pct)) return '–';
      const r = Math.round(pct);
      return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${n(Math.abs(r))}%`;
    },
    signed: (v) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${n(Math.abs(v))}`,
    p: (v) => {
      if (!Number.isFinite(v)) return 'p = –';
      if (v < 0.001) return `p < ${n(0.001, 3)}`;
      // near 0.05 two decimals would print "0,05" for a significant 0.0497: show three significant digits there
      if (v >= 0.04 && v < 0.06) return `p = ${n(v, 4)}`;
      return `p = ${n(v, v < 0.01 ? 3 : 2)}`;
    },
    day: (iso) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      if (!m) return iso;
      return lang === 'pl' ? `${m[3]}.${m[2]}.${m[1]}` : `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
    },
    dateTime: (ms) => {
      const d = new Date(ms);
      return new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Warsaw', dateStyle: 'medium', timeStyle: 'short' }).format(d);
    },
    category: (name) => {
      if (lang === 'pl') return name;
      if (name === 'Pozostałe kategorie') return 'Other categories';
      if (name === 'Inna kategoria') return 'Other category';
      const c = CATEGORIES.find((x) => x.name === name) ?? matchCategory(name);
      return c ? c.nameEn : name;
    },
    status: (name) => {
      if (lang === 'pl') return name;
      return STATUSES.find((s) => s.name === name)?.nameEn ?? name;
    },
  };
}

const LangOverride = createContext<Lang | null>(null);

/** Force the language of the briefing pages below (print document). */
export function BriefingLangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangOverride.Provider value={lang}>{children}</LangOverride.Provider>;
}

/** Briefing strings in the forced language, else the app language. Works without the app's I18nProvider when forced. */
export function useBriefingI18n(): BriefingI18n {
  const forced = useContext(LangOverride);
  const app = useOptionalAppLang();
  const lang: Lang = forced ?? app ?? 'pl';
  return useMemo(() => makeBriefingI18n(lang), [lang]);
}

function useOptionalAppLang(): Lang | null {
  try {
    return useI18n().lang === 'en' ? 'en' : 'pl';
  } catch {
    return null;
  }
}
