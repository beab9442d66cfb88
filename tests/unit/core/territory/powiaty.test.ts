import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPowiat, powiatFeatures } from '../../../../src/core/territory/powiaty';
import { buildVoivodeshipIndex } from '../../../../src/core/import/voivodeships';

const read = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../resources/boundaries', f), 'utf8'));
const fc = read('powiaty-min.geojson');
// As the backend loads them: the ten names two powiaty share get their voivodeship (issue 12: before, the second
// "powiat tomaszowski" etc. could not be picked at all, and the bare name silently meant the first one).
const all = powiatFeatures(fc, buildVoivodeshipIndex(read('wojewodztwa-min.geojson')));

describe('powiat names', () => {
  it('finds all 380 powiaty by their PRG name, tolerant of case, diacritics and the prefix', () => {
    expect(all).toHaveLength(380);
    for (const p of all) {
      const r = findPowiat(all, p.name.toUpperCase());
      expect(r.ok && r.powiat.name).toBe(p.name);
    }
    const a = findPowiat(all, 'Piotrkow Trybunalski');
    expect(a.ok && a.powiat.name).toBe('powiat Piotrków Trybunalski');
    const b = findPowiat(all, 'powiat piotrkowski');
    expect(b.ok && b.powiat.name).toBe('powiat piotrkowski');
  });

  it('tells apart the powiaty that share a name by their voivodeship, and never picks one for the bare name', () => {
    const qualified = all.filter((p) => p.name.endsWith(')')).map((p) => p.name).sort((a, b) => a.localeCompare(b, 'pl'));
    expect(qualified).toHaveLength(20);
    expect(new Set(all.map((p) => p.name)).size).toBe(380);
    for (const [name, woj] of [['tomaszowski', ['lubelskie', 'łódzkie']], ['ostrowski', ['mazowieckie', 'wielkopolskie']], ['brzeski', ['małopolskie', 'opolskie']], ['bielski', ['podlaskie', 'śląskie']], ['średzki', ['dolnośląskie', 'wielkopolskie']]] as const) {
      expect(qualified.filter((q) => q.startsWith(`powiat ${name} (`))).toEqual(woj.map((w) => `powiat ${name} (${w})`));
      const r = findPowiat(all, `powiat ${name}`);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.ambiguous).toBe(true);
        expect(r.closest.sort()).toEqual(woj.map((w) => `powiat ${name} (${w})`).sort());
      }
    }
    const t = findPowiat(all, 'Powiat Tomaszowski (Lodzkie)');
    expect(t.ok && t.powiat.name).toBe('powiat tomaszowski (łódzkie)');
  });

  it('lists the closest names for an unknown one', () => {
    const r = findPowiat(all, 'piotrkowsky');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.closest[0]).toBe('powiat piotrkowski');
  });
});
