import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { fmt, importMessages, type ImportMessageKey } from './messages';
import { formatWarsaw } from '../../core/domain/time';

export interface ImportI18n {
  lang: 'pl' | 'en';
  /** Message with `{name}` placeholders filled. */
  t(key: ImportMessageKey, params?: Record<string, string | number>): string;
  /** Locale number (Polish: space thousands). */
  n(v: number): string;
  /** Warsaw local date-time "YYYY-MM-DD HH:mm". */
  d(utcMs: number): string;
  /** Count with the right noun form: "1 wiersz", "3 wiersze", "5 wierszy". */
  rows(count: number): string;
}

const ROW_FORMS: Record<'pl' | 'en', Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  pl: { one: 'wiersz', few: 'wiersze', many: 'wierszy', other: 'wiersza' },
  en: { one: 'row', other: 'rows' },
};

export function useImportI18n(): ImportI18n {
  const { lang } = useI18n();
  return useMemo(() => {
    const l = lang === 'en' ? 'en' : 'pl';
    const nf = new Intl.NumberFormat(l === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 0 });
    const rules = new Intl.PluralRules(l === 'pl' ? 'pl-PL' : 'en-GB');
    return {
      lang: l,
      t: (key, params) => fmt(importMessages[l][key], params),
      n: (v) => nf.format(v),
      d: (ms) => formatWarsaw(ms),
      rows: (c) => {
        const forms = ROW_FORMS[l];
        return `${nf.format(c)} ${forms[rules.select(c)] ?? forms.other}`;
      },
    };
  }, [lang]);
}
