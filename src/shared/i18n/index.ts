/**
 * The one i18n layer: message codes (src/core/message.ts) with ICU MessageFormat patterns
 * (intl-messageformat: plurals, numbers, selects) in a Polish and an English catalogue.
 * Used by the renderer (UI and print pages), the backend (PDF texts, CLI output) and tests.
 *
 * Catalogues live per feature in ./catalog/<feature>.ts, each `{ pl: {...}, en: {...} }` with the
 * same keys; add a feature file to CATALOGS below. Polish is the default language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { isMsg, type Msg, type MsgParams } from '../../core/message';
import { CATALOGS } from './catalog';

export type Lang = 'pl' | 'en';
export const LANGS: readonly Lang[] = ['pl', 'en'];
export const LOCALE: Record<Lang, string> = { pl: 'pl-PL', en: 'en-GB' };

type Catalog = Record<string, string>;

function merge(lang: Lang): Catalog {
  const out: Catalog = {};
  for (const [feature, cat] of Object.entries(CATALOGS)) {
    for (const [key, pattern] of Object.entries(cat[lang])) {
      if (key in out) throw new Error(`i18n: message ${key} defined twice (feature ${feature})`);
      out[key] = pattern;
    }
  }
  return out;
}

const merged: Record<Lang, Catalog> = { pl: merge('pl'), en: merge('en') };
const compiled: Record<Lang, Map<string, IntlMessageFormat>> = { pl: new Map(), en: new Map() };

/** Every code of a language's catalogue (for tests). */
export function messageCodes(lang: Lang): string[] {
  return Object.keys(merged[lang]);
}

export function hasMessage(code: string, lang: Lang = 'pl'): boolean {
  return Object.prototype.hasOwnProperty.call(merged[lang], code);
}

/** The raw pattern of a code (for tests that look for catalogue text on screen). */
export function messagePattern(lang: Lang, code: string): string | undefined {
  return merged[lang][code];
}

function formatter(lang: Lang, code: string): IntlMessageFormat | null {
  let f = compiled[lang].get(code);
  if (!f) {
    const pattern = merged[lang][code];
    if (pattern === undefined) return null;
    f = new IntlMessageFormat(pattern, LOCALE[lang], undefined, { ignoreTag: true });
    compiled[lang].set(code, f);
  }
  return f;
}

/**
 * Format a message in a language. A code missing from the catalogue is shown as the code itself
 * with its parameters (visible, never silently an English sentence) and reported in development.
 */
export function translate(lang: Lang, m: Msg | string, params?: MsgParams): string {
  const code = typeof m === 'string' ? m : m.code;
  const p = (typeof m === 'string' ? params : m.params) ?? {};
  const f = formatter(lang, code);
  if (!f) return p && Object.keys(p).length ? `${code} ${JSON.stringify(p)}` : code;
  // Nested messages as parameters are translated first.
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) values[k] = isMsg(v) ? translate(lang, v) : v ?? '';
  return String(f.format(values));
}

/** A translator bound to a language: `t('code', {params})` or `t(msg)`. */
export type Translate = (m: Msg | string, params?: MsgParams) => string;
export function translator(lang: Lang): Translate {
  return (m, params) => translate(lang, m, params);
}

/** Locale number formatting (Polish: space for thousands, decimal comma). */
export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(LOCALE[lang], options).format(value);
}

/**
 * Language of a command-line run: REJON_LANG (pl|en) when set, else the locale variables
 * (LC_ALL, LC_MESSAGES, LANG starting with "pl" → Polish), else English.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const explicit = env.REJON_LANG?.toLowerCase();
  if (explicit === 'pl' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}
