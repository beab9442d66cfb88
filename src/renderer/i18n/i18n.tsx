import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { messages, plurals, type Lang, type MessageKey, type PluralForms, type PluralKey } from './messages';
import { translator, type Translate } from '../../shared/i18n';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey): string;
  /** Locale-aware number formatting (Polish uses a space for thousands). */
  n(value: number): string;
  /** The noun form that goes with a count ("1 rejon", "3 rejony", "5 rejonów"). */
  p(key: PluralKey, count: number): string;
  /** The one message layer (src/shared/i18n): a code with parameters, or a Msg from the backend. */
  tm: Translate;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('rejon.lang') === 'en' ? 'en' : 'pl'));
  const value = useMemo<I18n>(() => {
    const fmt = new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB');
    const rules = new Intl.PluralRules(lang === 'pl' ? 'pl-PL' : 'en-GB');
    return {
      lang,
      setLang: (l) => {
        localStorage.setItem('rejon.lang', l);
        document.documentElement.lang = l;
        setLangState(l);
      },
      t: (key) => messages[lang][key],
      n: (v) => fmt.format(v),
      tm: translator(lang),
      p: (key, count) => {
        const forms: PluralForms = plurals[lang][key];
        return forms[rules.select(count)] ?? forms.other;
      },
    };
  }, [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
