import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { analysisMessages, fmt, type AnalysisMessageKey } from './messages';

export interface AnalysisI18n {
  lang: 'pl' | 'en';
  /** Message with `{name}` placeholders filled. */
  t(key: AnalysisMessageKey, params?: Record<string, string | number>): string;
  /** Locale number (Polish: space thousands, decimal comma), at most `digits` decimals. */
  n(v: number, digits?: number): string;
}

export function useAnalysisI18n(): AnalysisI18n {
  const { lang } = useI18n();
  return useMemo(() => {
    const l = lang === 'en' ? 'en' : 'pl';
    const formats = new Map<number, Intl.NumberFormat>();
    const nf = (digits: number) => {
      let f = formats.get(digits);
      if (!f) formats.set(digits, (f = new Intl.NumberFormat(l === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: digits })));
      return f;
    };
    return {
      lang: l,
      t: (key, params) => fmt(analysisMessages[l][key], params),
      n: (v, digits = 0) => nf(digits).format(v),
    };
  }, [lang]);
}
