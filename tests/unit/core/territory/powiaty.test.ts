import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPowiat, powiatFeatures } from '../../../../src/core/territory/powiaty';

const fc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../resources/boundaries/powiaty-min.geojson'), 'utf8'));
const all = powiatFeatures(fc);

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

  it('lists the closest names for an unknown one', () => {
    const r = findPowiat(all, 'piotrkowsky');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.closest[0]).toBe('powiat piotrkowski');
  });
});
