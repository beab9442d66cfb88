import { describe, expect, it } from 'vitest';
import { autoMap, coordinateHeaderHint, headerSignature, MappingPresetSchema, MappingSchema, validateMapping } from '../../../../src/core/import';

describe('autoMap', () => {
  it('maps a Polish police export', () => {
    const headers = ['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'Data zdarzenia', 'Data modyfikacji', 'X', 'Y', 'TERYT', 'Opis', 'Jednostka', 'Rejon', 'Dzielnicowy', 'Pora dnia', 'Dni tygodnia'];
    const p = autoMap(headers);
    expect(p.mapping).toEqual({
      sourceId: 'Nr zgłoszenia', category: 'Kategoria', status: 'Status', createdAt: 'Data utworzenia', eventAt: 'Data zdarzenia',
      modifiedAt: 'Data modyfikacji', x: 'X', y: 'Y', teryt: 'TERYT', description: 'Opis', unit: 'Jednostka', beat: 'Rejon',
      officer: 'Dzielnicowy', timeOfDay: 'Pora dnia', weekdays: 'Dni tygodnia',
    });
    expect(p.missingRequired).toEqual([]);
    expect(p.unmapped).toEqual([]);
    expect(p.confidence.sourceId).toBe(1);
  });
  it('maps the KMZB public service fields (OBJECTID, Typ) and ASCII-folded / odd-cased headers', () => {
    const p = autoMap(['OBJECTID', 'Typ', 'STATUS', 'data_utworzenia', 'DATA  ZDARZENIA', 'Data modyfikacji', 'Szerokosc', 'Dlugosc', 'teryt', 'nr_zgloszenia_x']);
    expect(p.mapping).toMatchObject({ sourceId: 'OBJECTID', category: 'Typ', status: 'STATUS', createdAt: 'data_utworzenia', eventAt: 'DATA  ZDARZENIA', x: 'Dlugosc', y: 'Szerokosc', teryt: 'teryt' });
  });
  it('maps English headers and lat/lon', () => {
    const p = autoMap(['ID', 'Category', 'Status', 'Created', 'lat', 'lon', 'Description']);
    expect(p.mapping).toMatchObject({ sourceId: 'ID', category: 'Category', status: 'Status', createdAt: 'Created', x: 'lon', y: 'lat', description: 'Description' });
    expect(p.confidence.sourceId).toBeLessThan(1);
  });
  it('prefers "Nr zgłoszenia" over OBJECTID and ID, "Kategoria" over "Typ"', () => {
    const p = autoMap(['ID', 'OBJECTID', 'Nr zgłoszenia', 'Typ', 'Kategoria']);
    expect(p.mapping.sourceId).toBe('Nr zgłoszenia');
    expect(p.mapping.category).toBe('Kategoria');
    expect(p.unmapped).toEqual(['ID', 'OBJECTID', 'Typ']);
  });
  it('partial matches get lower confidence; generic words do not match partially', () => {
    const p = autoMap(['Numer', 'Kategoria zgłoszenia', 'Status', 'Data utworzenia (czas lokalny)', 'Data przyjazdu patrolu', 'X', 'Y']);
    expect(p.mapping.category).toBe('Kategoria zgłoszenia');
    expect(p.confidence.category).toBeLessThan(0.8);
    expect(p.mapping.createdAt).toBe('Data utworzenia (czas lokalny)');
    expect(Object.values(p.mapping)).not.toContain('Data przyjazdu patrolu');
  });
  it('reports missing required fields', () => {
    expect(autoMap(['Opis', 'Kategoria']).missingRequired).toEqual(['sourceId', 'status', 'createdAt', 'x', 'y']);
  });
  it('geometry columns of JSON readers win x/y', () => {
    const p = autoMap(['OBJECTID', 'X', 'Y', '@geometry.x', '@geometry.y']);
    expect(p.mapping).toMatchObject({ x: '@geometry.x', y: '@geometry.y' });
    expect(coordinateHeaderHint(p.mapping)).toBe('geometry');
  });
});

describe('coordinateHeaderHint', () => {
  it('classifies header conventions', () => {
    expect(coordinateHeaderHint({ x: 'lon', y: 'lat' })).toBe('lonlat');
    expect(coordinateHeaderHint({ x: 'Długość geograficzna', y: 'Szerokość geograficzna' })).toBe('lonlat');
    expect(coordinateHeaderHint({ x: 'Easting', y: 'Northing' })).toBe('easting-northing');
    expect(coordinateHeaderHint({ x: 'X', y: 'Y' })).toBe('xy');
  });
});

describe('validateMapping / schema / signature', () => {
  const headers = ['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'X', 'Y'];
  it('accepts a complete mapping and names problems', () => {
    expect(validateMapping(autoMap(headers).mapping, headers)).toEqual([]);
    const issues = validateMapping({ sourceId: 'Nr zgłoszenia', category: 'Kategoria', status: 'Kategoria', x: 'Lon' }, headers);
    expect(issues.map((i) => [i.field, i.reason])).toEqual([
      ['createdAt', 'missing-required'],
      ['y', 'missing-required'],
      ['status', 'column-used-twice'],
      ['x', 'column-not-found'],
    ]);
    expect(validateMapping({ bogus: 'X' }, headers)[0].reason).toBe('invalid-mapping');
  });
  it('mapping and presets round-trip through JSON and zod', () => {
    const m = autoMap(headers).mapping;
    expect(MappingSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
    const preset = MappingPresetSchema.parse({ name: 'KMP Piotrków', headerSignature: headerSignature(headers), mapping: m, options: { coordinateKind: 'puwg92-swapped', decimalComma: true } });
    expect(preset.options.coordinateKind).toBe('puwg92-swapped');
    expect(() => MappingPresetSchema.parse({ name: 'x', headerSignature: 's', mapping: m, options: { coordinateKind: 'utm' } })).toThrow();
  });
  it('headerSignature ignores order, case, diacritics and spacing but not content', () => {
    const a = headerSignature(headers);
    expect(a).toMatch(/^h1-6-[0-9a-f]{16}$/);
    expect(headerSignature(['y', 'x', 'STATUS', 'data  utworzenia', 'kategoria', 'Nr zgloszenia'])).toBe(a);
    expect(headerSignature([...headers, 'Opis'])).not.toBe(a);
    expect(headerSignature(['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'X', 'Z'])).not.toBe(a);
  });
});
