import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage, messageCodes, messagePattern, translate } from '../../../src/shared/i18n';
import { msg } from '../../../src/core/message';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** ICU argument names of a pattern ({name}, {name, plural, …}), nested ones included. */
function argNames(pattern: string): string[] {
  const names = new Set<string>();
  for (const m of pattern.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:,|\})/g)) names.add(m[1]);
  return [...names].sort();
}

describe('the one message layer', () => {
  it('has the same codes and the same arguments in Polish and English', () => {
    const pl = messageCodes('pl').sort();
    const en = messageCodes('en').sort();
    expect(en).toEqual(pl);
    for (const code of pl) expect(argNames(messagePattern('en', code)!), code).toEqual(argNames(messagePattern('pl', code)!));
  });

  it('has an entry for every code used in the sources (msg("…"), t("…"), translate(lang, "…"))', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(root, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:msg|tm|translate\([a-zA-Z.]+,)\s*\(?\s*'([a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9-]+)+)'/g)) {
        if (!hasMessage(m[1], 'pl') || !hasMessage(m[1], 'en')) missing.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('formats Polish plurals and numbers by the language', () => {
    expect(translate('pl', msg('common.reports', { count: 1 }))).toBe('1 zgłoszenie');
    expect(translate('pl', msg('common.reports', { count: 3 }))).toBe('3 zgłoszenia');
    expect(translate('pl', msg('common.reports', { count: 5 }))).toBe('5 zgłoszeń');
    expect(translate('pl', msg('common.reports', { count: 1234 }))).toBe('1234 zgłoszenia'.replace('1234', (1234).toLocaleString('pl-PL')));
    expect(translate('en', msg('common.reports', { count: 1 }))).toBe('1 report');
    expect(translate('en', msg('common.reports', { count: 12345 }))).toBe('12,345 reports');
  });

  it('shows an unknown code as itself, never as a sentence of the other language', () => {
    expect(translate('pl', msg('nope.missing', { a: 1 }))).toBe('nope.missing {"a":1}');
  });
});
